import { randomUUID } from 'node:crypto'
import { hashPassword } from '../../../src/platform/auth/passwords.ts'
import { Agent, PASSWORD, type TestApp } from '../../support/app.ts'

/**
 * A national user (administrator or analyst) signed in through the sign-in page. Written with
 * nothing but the app and its tables, so that the defect tests here also run on the commits
 * before their fixes, where the test builders lived elsewhere (docs/defects.md).
 */
export async function signedInNational(t: Pick<TestApp, 'db' | 'app'>, role: 'admin' | 'national_analyst') {
  const org = await t.db
    .selectFrom('organisation')
    .select('id')
    .where('kind', '=', 'national')
    .executeTakeFirstOrThrow()
  const email = `${role}.${randomUUID().slice(0, 8)}@test.resettle`
  await t.db
    .insertInto('app_user')
    .values({
      email,
      name: `Test ${role}`,
      organisation_id: org.id,
      role,
      password_hash: await hashPassword(PASSWORD),
    })
    .execute()
  const agent = new Agent(t.app)
  await agent.signIn(email)
  return agent
}
