import { sql, type Kysely } from 'kysely'
import type { DB } from '../platform/db/schema.ts'
import type { PersonRow } from './people.ts'

export interface EpisodeRow {
  id: string
  person_id: string
  prison_code: string
  sentence_type: string
  sentence_length_band: string
  sentence_date: string
  expected_release_date: string
  actual_release_date: string | null
  release_type: string | null
  licence_end_date: string | null
  mappa_level: number | null
  pdu_code: string
  region_code: string
  local_authority_code: string | null
  /** Drawn with the episode from its id (variation/effects.ts), so no later pass rewrites every row. */
  previous_offences: number
  index_offence_group: string
}

const column = <T, K extends keyof T>(rows: readonly T[], key: K): T[K][] => rows.map((r) => r[key])

/**
 * Bulk inserts as one statement per table: each column travels as one array parameter and
 * unnest() turns them back into rows. Any number of rows costs 11 or 14 bind parameters, far
 * under PostgreSQL's 65,535, and the server parses one statement instead of thousands.
 */
/**
 * `withScopeKeys` when the people's episodes are already written (a load without foreign keys,
 * bulk-load.ts): each person's scope keys are then computed as the row is inserted, by the same
 * person_scope_keys() the episode trigger calls, instead of the trigger rewriting every person
 * row (and its seven index entries) straight after.
 */
export async function insertPeople(
  db: Kysely<DB>,
  rows: readonly PersonRow[],
  withScopeKeys = false,
): Promise<void> {
  if (rows.length === 0) return
  const scopeKeys = withScopeKeys ? sql`person_scope_keys(id)` : sql`'{}'::text[]`
  // search_name is derived in SQL with the same expression the CHECK constraint uses.
  await sql`
    insert into person (id, given_name, family_name, date_of_birth, sex, ethnic_group_code, prison_number, crn,
      pnc_id, communication_needs, preferred_language, search_name, scope_keys)
    select id, given_name, family_name, date_of_birth, sex, ethnic_group_code, prison_number, crn,
      pnc_id, communication_needs, preferred_language, lower(family_name || ' ' || given_name), ${scopeKeys}
    from unnest(
      ${column(rows, 'id')}::uuid[], ${column(rows, 'given_name')}::text[], ${column(rows, 'family_name')}::text[],
      ${column(rows, 'date_of_birth')}::date[], ${column(rows, 'sex')}::text[], ${column(rows, 'ethnic_group_code')}::text[],
      ${column(rows, 'prison_number')}::text[], ${column(rows, 'crn')}::text[], ${column(rows, 'pnc_id')}::text[],
      ${column(rows, 'communication_needs')}::text[], ${column(rows, 'preferred_language')}::text[]
    ) as t(id, given_name, family_name, date_of_birth, sex, ethnic_group_code, prison_number, crn,
      pnc_id, communication_needs, preferred_language)
  `.execute(db)
}

export async function insertEpisodes(db: Kysely<DB>, rows: readonly EpisodeRow[]): Promise<void> {
  if (rows.length === 0) return
  await sql`
    insert into custody_episode (id, person_id, prison_code, sentence_type, sentence_length_band, sentence_date,
      expected_release_date, actual_release_date, release_type, licence_end_date, mappa_level, pdu_code, region_code,
      local_authority_code, previous_offences, index_offence_group)
    select * from unnest(
      ${column(rows, 'id')}::uuid[], ${column(rows, 'person_id')}::uuid[], ${column(rows, 'prison_code')}::text[],
      ${column(rows, 'sentence_type')}::text[], ${column(rows, 'sentence_length_band')}::text[],
      ${column(rows, 'sentence_date')}::date[], ${column(rows, 'expected_release_date')}::date[],
      ${column(rows, 'actual_release_date')}::date[], ${column(rows, 'release_type')}::text[],
      ${column(rows, 'licence_end_date')}::date[], ${column(rows, 'mappa_level')}::int2[], ${column(rows, 'pdu_code')}::text[],
      ${column(rows, 'region_code')}::text[], ${column(rows, 'local_authority_code')}::text[],
      ${column(rows, 'previous_offences')}::int[], ${column(rows, 'index_offence_group')}::text[]
    )
  `.execute(db)
}
