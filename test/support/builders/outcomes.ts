/**
 * Small builders for outcome tests: a release on a given date, status events with explicit
 * recording times, licences, offences and programmes. They write rows directly, as an import
 * would, so a test states exactly the history it is about.
 */
import { randomUUID } from 'node:crypto'
import type { Database } from '../../../src/platform/db/index.ts'
import { outcomeTables } from '../../../src/domains/outcomes/tables.ts'

export interface Place {
  prison: string
  pdu: string
  region: string
  la: string
}

let n = 0

export async function releasedPerson(
  db: Database,
  place: Place,
  releaseDate: string,
  name?: { given: string; family: string },
) {
  const i = ++n
  const given = name?.given ?? `Given${i}`
  const family = name?.family ?? `Outcome${i}`
  const person = await db
    .insertInto('person')
    .values({
      given_name: given,
      family_name: family,
      search_name: `${family} ${given}`.toLowerCase(),
      date_of_birth: '1988-05-01',
      sex: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const episode = await addRelease(db, person.id, place, releaseDate)
  return { id: person.id, episodeId: episode }
}

export async function addRelease(
  db: Database,
  personId: string,
  place: Place,
  releaseDate: string,
  sentenceType: 'determinate' | 'recall' = 'determinate',
) {
  const row = await db
    .insertInto('custody_episode')
    .values({
      person_id: personId,
      prison_code: place.prison,
      sentence_type: sentenceType,
      sentence_length_band: '12_months_to_under_4_years',
      sentence_date: '2020-01-01',
      expected_release_date: releaseDate,
      actual_release_date: releaseDate,
      release_type: 'conditional_release',
      pdu_code: place.pdu,
      region_code: place.region,
      local_authority_code: place.la,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

type EventValue = { accommodation: string } | { employment: string } | { treatment: string }

export async function statusEvent(
  db: Database,
  who: { id: string; episodeId: string },
  date: string,
  value: EventValue,
  options: { supersedes?: string; recordedAt?: string } = {},
) {
  const row = await db
    .insertInto('status_event')
    .values({
      id: randomUUID(),
      person_id: who.id,
      custody_episode_id: who.episodeId,
      kind: 'accommodation' in value ? 'accommodation' : 'employment' in value ? 'employment' : 'treatment',
      accommodation_type_code: 'accommodation' in value ? value.accommodation : null,
      employment_status: 'employment' in value ? (value.employment as 'unemployed_available') : null,
      treatment_status: 'treatment' in value ? (value.treatment as 'referred') : null,
      effective_date: date,
      source: 'com',
      supersedes_id: options.supersedes ?? null,
      ...(options.recordedAt ? { recorded_at: new Date(options.recordedAt) } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function releaseContext(
  db: Database,
  episodeId: string,
  flags: { rotl?: boolean; out_of_scope?: boolean; treatment_need?: boolean },
) {
  await outcomeTables(db)
    .insertInto('release_context')
    .values({ custody_episode_id: episodeId, ...flags })
    .execute()
}

export async function licence(
  db: Database,
  who: { id: string; episodeId: string },
  place: Place,
  start: string,
  end?: { on: string; reason: string; complete: boolean },
) {
  await outcomeTables(db)
    .insertInto('supervision_order')
    .values({
      person_id: who.id,
      custody_episode_id: who.episodeId,
      kind: 'licence',
      region_code: place.region,
      pdu_code: place.pdu,
      start_date: start,
      terminated_on: end?.on ?? null,
      termination_reason: end?.reason ?? null,
      requirements_complete: end ? end.complete : null,
    })
    .execute()
}

export async function offence(db: Database, personId: string, committed: string, proven?: string) {
  await outcomeTables(db)
    .insertInto('offence')
    .values({
      person_id: personId,
      offence_date: committed,
      description: 'Theft',
      disposal: proven ? 'conviction' : null,
      proven_date: proven ?? null,
    })
    .execute()
}

/** An accredited programme, ended when `end` is given. */
export async function programme(
  db: Database,
  personId: string,
  place: Place,
  start: string,
  sexualOffending: boolean,
  end?: { on: string; completed: boolean },
) {
  const row = await outcomeTables(db)
    .insertInto('programme')
    .values({
      person_id: personId,
      name: sexualOffending ? 'Horizon' : 'Thinking Skills Programme',
      sexual_offending: sexualOffending,
      region_code: place.region,
      pdu_code: place.pdu,
      started_on: start,
      terminated_on: end?.on ?? null,
      completed: end ? end.completed : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
export { refreshAllOutcomes } from '../../../src/demo/outcomes/maintenance.ts'
