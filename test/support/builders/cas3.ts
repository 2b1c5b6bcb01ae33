// Builders for CAS3 tests: each creates the parents it needs, so a test states only what it is about.
import type { Database } from '../../../src/platform/db/index.ts'
import { cas3Db } from '../../../src/domains/cas3/tables.ts'

let n = 0
const PLACES = {
  london: { region: 'N07', pdu: 'LDNNCAI', la: 'E09000019' },
  manchester: { region: 'N50', pdu: 'N50MANC', la: 'E08000003' },
}

export async function buildPremises(
  db: Database,
  options: { place?: keyof typeof PLACES; characteristics?: string[] } = {},
) {
  const place = PLACES[options.place ?? 'london']
  n++
  return cas3Db(db)
    .insertInto('cas3_premises')
    .values({
      region_code: place.region,
      name: `Test House ${n} ${Math.random().toString(36).slice(2, 6)}`,
      address_line1: `${n} Test Street`,
      postcode: 'N1 1AA',
      local_authority_code: place.la,
      pdu_code: place.pdu,
      characteristics: options.characteristics ?? [],
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
}

export async function buildBedspace(
  db: Database,
  options: {
    place?: keyof typeof PLACES
    startDate?: string
    endDate?: string | null
    characteristics?: string[]
    premisesCharacteristics?: string[]
  } = {},
) {
  const premises = await buildPremises(db, {
    place: options.place,
    characteristics: options.premisesCharacteristics,
  })
  const bedspace = await cas3Db(db)
    .insertInto('cas3_bedspace')
    .values({
      premises_id: premises.id,
      reference: `B${++n}`,
      start_date: options.startDate ?? '2026-01-01',
      end_date: options.endDate ?? null,
      characteristics: options.characteristics ?? [],
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow()
  return { ...bedspace, premises }
}

/** A referral for the person's latest episode, in the given status (ready to place unless told). */
export async function buildReferral(
  db: Database,
  person: { id: string; episode: { id: string } },
  organisationId: string,
  options: { place?: keyof typeof PLACES; status?: 'unallocated' | 'ready_to_place' } = {},
) {
  const place = PLACES[options.place ?? 'london']
  return cas3Db(db)
    .insertInto('cas3_referral')
    .values({
      person_id: person.id,
      custody_episode_id: person.episode.id,
      region_code: place.region,
      placement_pdu_code: place.pdu,
      referrer_organisation_id: organisationId,
      consent_given: true,
      consent_date: '2026-11-01',
      eligibility: 'homeless_on_release',
      release_date: '2026-11-12',
      risks_and_needs: 'Needs support with benefits',
      duty_to_refer_submitted: false,
      crs_referral_made: true,
      move_on_plan: 'Private rented with a deposit scheme',
      status: options.status ?? 'ready_to_place',
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
}
