import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/support/db.ts'
import { buildPerson, buildUser } from '../../test/support/builders/common.ts'
import { buildContract, buildProvider, buildSentReferral } from '../../test/support/builders/referrals.ts'
import { referralsWithNoReferrer, sentencedWithNoOffence } from './realism.ts'

// The demo checks of issue 12, defect 13 (test/routes/defects/demo-looks-real.db.test.ts) can
// fail: each reports the one bad row planted here, and nothing once it is mended.
const { db } = await testDatabase()

describe('the demo-data checks of defect 13', () => {
  it('reports a CRS referral with no referrer (shown as "Unknown")', async () => {
    const person = await buildPerson(db)
    const user = await buildUser(db, 'com')
    const provider = await buildProvider(db)
    const contract = await buildContract(db, { providerId: provider.id })
    const referral = await buildSentReferral(db, {
      personId: person.id,
      contract,
      referrerUserId: user.id,
      referrerOrganisationId: user.organisationId,
    })
    expect(await referralsWithNoReferrer(db)).toEqual([])
    await sql`update referral set referrer_user_id = null where id = ${referral.id}`.execute(db)
    expect(await referralsWithNoReferrer(db)).toEqual([referral.reference])
  })

  it('reports a sentenced person with no offence', async () => {
    const person = await buildPerson(db)
    expect(await sentencedWithNoOffence(db)).toContain(person.id)
    await sql`insert into offence (person_id, offence_date, description)
      values (${person.id}, '2025-01-10', 'Burglary (dwelling)')`.execute(db)
    expect(await sentencedWithNoOffence(db)).not.toContain(person.id)
  })
})
