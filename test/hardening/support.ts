import type { Role } from '../../src/platform/db/schema.ts'
import type { TestApp } from '../support/app.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'

/** An API bearer token for a new client of the role, issued the way an administrator would. */
export async function issueTokenFor(t: Pick<TestApp, 'db' | 'svc'>, role: Role, place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const issued = await t.svc.identity.issueToken(null, {
    name: `test ${role}`,
    organisationId: user.organisationId,
    role,
  })
  return issued.secret
}
