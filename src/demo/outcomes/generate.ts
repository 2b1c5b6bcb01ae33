/**
 * Demo outcome histories for released episodes, calibrated to domain.md sections 11 and 12, so
 * the dashboards show plausible figures as soon as the demo is up. Deterministic: each episode
 * draws from its own random stream keyed by its id, so the same episodes give the same rows.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { createRng } from '../prng.ts'
import { addSameDayReleases } from './licences.ts'
import { fillOffendingHistory } from '../variation/history.ts'
import { insertOutcomeRows } from './insert.ts'
import { addIndexOffences } from './offences.ts'
import { plan, type EpisodeIn, type Rows } from './plan.ts'

const STREAM = 61
const PAGE = 5_000

/** 64 bits of the episode id choose its stream, so two episodes practically never share one. */
export const rngFor = (seed: number, id: string) => {
  const hex = id.replaceAll('-', '')
  return createRng(
    seed,
    (STREAM * 0x9e3779b1) ^ parseInt(hex.slice(8, 16), 16),
    parseInt(hex.slice(0, 8), 16),
  )
}

/** Adds outcome histories to every released episode that has none yet; returns the counts. */
export async function generateOutcomesDemo(
  db: Database,
  options: {
    seed: number
    today: string
    deferRefresh?: boolean
    /** Pages written at once: more than one only with the termination roll-up's triggers off. */
    writers?: number
  },
  onProgress?: (done: number, total: number) => void,
) {
  const sameDay = await addSameDayReleases(db, options.today, options.deferRefresh)
  const total = Number(
    (
      await sql<{
        n: string
      }>`select count(*) as n from custody_episode where actual_release_date <= ${options.today}::date`.execute(
        db,
      )
    ).rows[0]?.n ?? 0,
  )
  await fillOffendingHistory(db, options.seed)
  // Before the reoffences below, which it would otherwise take for a person's earlier offences.
  const indexOffences = await db.transaction().execute(async (trx) => {
    if (options.deferRefresh) await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
    return addIndexOffences(trx)
  })
  const counts = {
    releases: 0,
    statusEvents: 0,
    licences: 0,
    programmes: 0,
    offences: 0,
    indexOffences,
    sameDay,
  }
  let after = '00000000-0000-0000-0000-000000000000'
  onProgress?.(0, total)
  // Pages are drawn while earlier ones are written. Each page's rows are its own releases' and
  // people's, so pages conflict on no row, but for the termination roll-up's shared region and
  // month rows (migration 0007): only a load that has switched those triggers off
  // (bulk-rebuild.ts) writes more than one page at a time. The next page's query reads ids above
  // the last page's, which no page in flight writes.
  const writers = Math.max(1, options.writers ?? 1)
  const inFlight = new Set<Promise<void>>()
  for (;;) {
    const page = (
      await sql<EpisodeIn>`select e.id, e.person_id, e.actual_release_date::text as actual_release_date, e.licence_end_date::text as licence_end_date, e.region_code, e.pdu_code,
          case when n.sentence_type is null then null else json_build_object('sentenceType', n.sentence_type,
            'releaseDate', n.actual_release_date::text, 'sentenceDate', n.sentence_date::text) end as next,
          e.prison_code, p.sex, extract(year from age(e.actual_release_date, p.date_of_birth))::int as age, g.high_level_group as ethnicity,
          e.sentence_length_band as band, e.previous_offences
        from custody_episode e
        join person p on p.id = e.person_id
        left join ethnic_group g on g.code = p.ethnic_group_code
        left join lateral (
          select x.sentence_type, x.actual_release_date, x.sentence_date from custody_episode x
          where x.person_id = e.person_id and coalesce(x.actual_release_date, x.expected_release_date) > e.actual_release_date
          order by coalesce(x.actual_release_date, x.expected_release_date), x.id limit 1
        ) n on true
        where e.actual_release_date <= ${options.today}::date and e.id > ${after}::uuid
          and not exists (select 1 from supervision_order o where o.custody_episode_id = e.id)
        order by e.id limit ${PAGE}`.execute(db)
    ).rows
    if (!page.length) break
    const rows: Rows = { status: [], context: [], licences: [], programmes: [], offences: [] }
    for (const e of page) plan(rngFor(options.seed, e.id), e, options.today, rows)
    const writing: Promise<void> = insertOutcomeRows(db, rows, options.deferRefresh ?? false).then(() => {
      inFlight.delete(writing)
    })
    inFlight.add(writing)
    if (inFlight.size >= writers) await Promise.race(inFlight)
    counts.releases += page.length
    counts.statusEvents += rows.status.length
    counts.licences += rows.licences.length
    counts.programmes += rows.programmes.length
    counts.offences += rows.offences.length
    after = page[page.length - 1]?.id ?? after
    onProgress?.(counts.releases, total)
  }
  await Promise.all(inFlight)
  return counts
}
