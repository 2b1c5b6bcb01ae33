/**
 * Writes one page of demo outcome rows, one unnest() statement per table, with the outcome
 * triggers deferred for the page (or for the whole load, when the generator rebuilds at its end).
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { offenceWording } from './offences.ts'
import type { Rows } from './plan.ts'

const col = <T, K extends keyof T>(rows: readonly T[], key: K) => rows.map((r) => r[key])

export async function insertOutcomeRows(db: Database, rows: Rows, deferRefresh: boolean) {
  await db.transaction().execute(async (trx) => {
    // One refresh of the facts for the whole page, at the end, instead of one per table.
    await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
    if (rows.context.length)
      await sql`insert into release_context (custody_episode_id, rotl, out_of_scope, treatment_need)
        select * from unnest(${col(rows.context, 'episode')}::uuid[], ${col(rows.context, 'rotl')}::bool[], ${col(rows.context, 'out_of_scope')}::bool[], ${col(rows.context, 'need')}::bool[])`.execute(
        trx,
      )
    if (rows.licences.length)
      await sql`insert into supervision_order (id, person_id, custody_episode_id, kind, region_code, pdu_code, start_date, terminated_on, termination_reason, requirements_complete)
        select id, person_id, episode, 'licence', region, pdu, start, finish, reason, complete from unnest(${col(rows.licences, 'id')}::uuid[], ${col(rows.licences, 'person_id')}::uuid[],
          ${col(rows.licences, 'episode')}::uuid[], ${col(rows.licences, 'region')}::text[], ${col(rows.licences, 'pdu')}::text[], ${col(rows.licences, 'start')}::date[],
          ${col(rows.licences, 'end')}::date[], ${col(rows.licences, 'reason')}::text[], ${col(rows.licences, 'complete')}::bool[])
          as t(id, person_id, episode, region, pdu, start, finish, reason, complete)`.execute(trx)
    if (rows.programmes.length)
      await sql`insert into programme (id, person_id, name, sexual_offending, region_code, pdu_code, started_on, terminated_on, completed)
        select * from unnest(${col(rows.programmes, 'id')}::uuid[], ${col(rows.programmes, 'person_id')}::uuid[], ${col(rows.programmes, 'name')}::text[],
          ${col(rows.programmes, 'sexual')}::bool[], ${col(rows.programmes, 'region')}::text[], ${col(rows.programmes, 'pdu')}::text[],
          ${col(rows.programmes, 'start')}::date[], ${col(rows.programmes, 'end')}::date[], ${col(rows.programmes, 'completed')}::bool[])`.execute(
        trx,
      )
    if (rows.offences.length)
      await sql`insert into offence (id, person_id, offence_date, description, disposal, proven_date)
        select id, person_id, committed, ${offenceWording(sql`id`)}, case when proven is null then null else 'conviction' end, proven
        from unnest(${col(rows.offences, 'id')}::uuid[], ${col(rows.offences, 'person_id')}::uuid[], ${col(rows.offences, 'committed')}::date[], ${col(rows.offences, 'proven')}::date[])
          as t(id, person_id, committed, proven)`.execute(trx)
    if (rows.status.length)
      await sql`insert into status_event (id, person_id, custody_episode_id, kind, accommodation_type_code, employment_status, treatment_status, effective_date, source, recorded_at)
        select id, person_id, episode, kind, acc, emp, trt, d, source, d + time '10:00'
        from unnest(${col(rows.status, 'id')}::uuid[], ${col(rows.status, 'person_id')}::uuid[], ${col(rows.status, 'episode')}::uuid[], ${col(rows.status, 'kind')}::text[],
          ${col(rows.status, 'acc')}::text[], ${col(rows.status, 'emp')}::text[], ${col(rows.status, 'trt')}::text[], ${col(rows.status, 'date')}::date[], ${col(rows.status, 'source')}::text[])
          as t(id, person_id, episode, kind, acc, emp, trt, d, source)`.execute(trx)
    // A whole-load deferral (demo generator) rebuilds every release's facts once at its end.
    if (deferRefresh) return
    await sql`select set_config('outcome.defer_refresh', 'off', true)`.execute(trx)
    // Every release of these people: an offence counts towards each of their releases.
    await sql`select outcome_refresh(array_agg(e.person_id), array_agg(e.actual_release_date))
      from custody_episode e where e.person_id = any(${col(rows.licences, 'person_id')}::uuid[]) and e.actual_release_date is not null`.execute(
      trx,
    )
  })
}
