import { referralDb } from '../../src/domains/referrals/tables.ts'
import { buildContract, categoryChoices, ETE } from './builders/referrals.ts'
import { Agent, testApp } from './app.ts'
import { buildUser, MANCHESTER } from './builders/common.ts'

/**
 * The world both referral lifecycle files start from, each on its own database: a London
 * accommodation contract and a caseworker of its provider; an expired London contract and a
 * Manchester one that must never be offered; an ETE contract only in Manchester.
 */
export async function referralWorld() {
  const t = await testApp()
  const rdb = referralDb(t.db)

  const london = await buildContract(t.db, { reference: 'LDN-ACC-1' })
  await buildContract(t.db, { reference: 'LDN-ACC-OLD', startDate: '2024-01-01', endDate: '2025-12-31' })
  await buildContract(t.db, { reference: 'MAN-ACC-1', regionCodes: [MANCHESTER.region] })
  await buildContract(t.db, { reference: 'MAN-ETE-1', regionCodes: [MANCHESTER.region], categoryIds: [ETE] })
  const com = await buildUser(t.db, 'com')
  const caseworker = await t.db
    .insertInto('app_user')
    .values({
      email: 'caseworker.one@provider.test',
      name: 'Casey Worker',
      organisation_id: london.providerId,
      role: 'provider_caseworker',
      password_hash: (
        await t.db
          .selectFrom('app_user')
          .select('password_hash')
          .where('id', '=', com.id)
          .executeTakeFirstOrThrow()
      ).password_hash,
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
  const choices = await categoryChoices(t.db)

  async function signedIn(email: string) {
    const agent = new Agent(t.app)
    await agent.signIn(email)
    return agent
  }
  const eventsOf = (id: string) =>
    rdb
      .selectFrom('referral_event')
      .where('referral_id', '=', id)
      .select(['event', 'from_state', 'to_state', 'user_id'])
      .orderBy('id')
      .execute()
  const stateOf = (id: string) =>
    rdb.selectFrom('referral').where('id', '=', id).select(['state', 'version']).executeTakeFirstOrThrow()

  return { t, rdb, london, com, caseworker, choices, signedIn, eventsOf, stateOf }
}
