import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db.ts'
import { buildPerson, LONDON, MANCHESTER } from '../../../test/support/builders/common.ts'
import { scopeKey } from './scope.ts'

const { db } = await testDatabase()

const keysOf = async (id: string) =>
  (await db.selectFrom('person').where('id', '=', id).select('scope_keys').executeTakeFirstOrThrow())
    .scope_keys

describe('person.scope_keys', () => {
  it('lists the keys scopeKey() gives for every organisation that can see the person', async () => {
    const person = await buildPerson(db)
    expect(await keysOf(person.id)).toEqual(
      [
        scopeKey({ level: 'council', localAuthorityCode: LONDON.la }),
        scopeKey({ level: 'pdu', pduCode: LONDON.pdu }),
        scopeKey({ level: 'prison', prisonCode: LONDON.prison }),
        scopeKey({ level: 'region', regionCode: LONDON.region }),
      ].sort(),
    )
  })

  it('follows a new episode, a moved episode and a removed one', async () => {
    const person = await buildPerson(db)
    const second = await db
      .insertInto('custody_episode')
      .values({
        person_id: person.id,
        prison_code: MANCHESTER.prison,
        sentence_type: 'recall',
        sentence_length_band: 'under_12_months',
        sentence_date: '2026-06-01',
        expected_release_date: '2026-12-01',
        pdu_code: MANCHESTER.pdu,
        region_code: MANCHESTER.region,
        local_authority_code: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await keysOf(person.id)).toEqual(
      expect.arrayContaining(['prison:MRI', 'pdu:N50MANC', 'region:N50', 'prison:PVI']),
    )
    await db.updateTable('custody_episode').set({ pdu_code: 'N50BOLT' }).where('id', '=', second.id).execute()
    expect(await keysOf(person.id)).toEqual(expect.arrayContaining(['pdu:N50BOLT']))
    expect(await keysOf(person.id)).not.toContain('pdu:N50MANC')
    await db.deleteFrom('custody_episode').where('id', '=', second.id).execute()
    const after = await keysOf(person.id)
    expect(after).not.toContain('prison:MRI')
    expect(after).toContain('prison:PVI')
  })
})
