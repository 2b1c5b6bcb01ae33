/**
 * Reads the recorded history the forecast is made from: custody episodes, licences and service
 * use, as whole-day numbers (days since 1970-01-01) so the model can shift them to any as-of
 * date. Scoped by the one scope predicate on the custody episode: a regional lead's forecast
 * is made from their region's releases only.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'

export interface EpisodeRecord {
  region: string
  pdu: string
  prison: string
  council: string
  recall: boolean
  determinate: boolean
  sentence: number
  /** The expected release date, which the forecast knows in advance. */
  expected: number
  /** The actual release date; null while in custody. */
  actual: number | null
}
export interface LicenceRecord {
  region: string
  pdu: string
  prison: string
  council: string
  start: number
  plannedEnd: number | null
  terminated: number | null
  early: boolean
}
export interface DemandRecord {
  region: string
  pdu: string
  prison: string
  council: string
  kind: 'cas3_referral' | 'cas3_nights' | 'crs_referral' | 'dtr'
  day: number
  amount: number
  category: string | null
}
export interface SavedScenario {
  id: string
  name: string
  receptionsChangePct: number
  sdsReleasePoint: number
  recallRateChangePct: number
}
export interface RecordedHistory {
  episodes: EpisodeRecord[]
  licences: LicenceRecord[]
  demand: DemandRecord[]
}

interface Packed {
  region: string
  pdu: string
  prison: string
  council: string
  packed: string
}

/** Four numbers a record, in the order the query packed them. */
function unpack<T>(
  rows: Packed[],
  make: (where: { region: string; pdu: string; prison: string; council: string }, n: number[]) => T,
): T[] {
  const out: T[] = []
  for (const r of rows) {
    const where = { region: r.region, pdu: r.pdu, prison: r.prison, council: r.council }
    const n = r.packed.split(',').map(Number)
    for (let i = 0; i + 3 < n.length; i += 4) out.push(make(where, n.slice(i, i + 4)))
  }
  return out
}

/** The council a release goes to; 'none' when the record does not say. */
const council = sql<string>`coalesce(e.local_authority_code, 'none')`

/** Days since the epoch of a date column, computed in SQL so rows stay small. */
const dayOf = (column: string) => sql<number>`(${sql.ref(column)} - date '1970-01-01')`

export function forecastingRepository(db: Database) {
  return {
    /** Everything from `from` (an ISO date) to today that the model or the backtest reads. */
    async history(scope: Scope, from: string): Promise<RecordedHistory> {
      const inScope = episodeInScope(scope, 'e')
      // Rows are packed per area into one comma-separated list of whole numbers (nulls as -1;
      // dates never are): a hundred thousand rows then cross the wire as a few hundred strings,
      // which is several times quicker to read than as row objects.
      const episodesQuery = sql<Packed>`
        select e.region_code as region, e.pdu_code as pdu, e.prison_code as prison, ${council} as council,
          string_agg(concat_ws(',',
            (e.sentence_type = 'recall')::int + 2 * (e.sentence_type = 'determinate')::int,
            ${dayOf('e.sentence_date')}, ${dayOf('e.expected_release_date')},
            coalesce(${dayOf('e.actual_release_date')}, -1)), ',') as packed
        from custody_episode e
        where coalesce(e.actual_release_date, e.expected_release_date) >= ${from}::date and ${inScope}
        group by 1, 2, 3, 4`
      const licencesQuery = sql<Packed>`
        select o.region_code as region, o.pdu_code as pdu, e.prison_code as prison, ${council} as council,
          string_agg(concat_ws(',',
            coalesce(o.termination_reason <> 'completed', false)::int,
            ${dayOf('o.start_date')},
            coalesce(case when e.licence_end_date > o.start_date then ${dayOf('e.licence_end_date')} end, -1),
            coalesce(${dayOf('o.terminated_on')}, -1)), ',') as packed
        from supervision_order o join custody_episode e on e.id = o.custody_episode_id
        where o.kind = 'licence' and (o.terminated_on is null or o.terminated_on >= ${from}::date) and ${inScope}
        group by 1, 2, 3, 4`
      // Each use is counted against the release it follows, so it becomes a rate per release.
      const released = sql<number>`${dayOf('e.expected_release_date')}`
      const demandQuery = sql<DemandRecord>`
        select e.region_code as region, e.pdu_code as pdu, e.prison_code as prison, ${council} as council,
          'cas3_referral' as kind, ${released} as day, 1 as amount, null::text as category
        from cas3_referral r join custody_episode e on e.id = r.custody_episode_id
        where e.expected_release_date >= ${from}::date and ${inScope}
        union all
        select e.region_code, e.pdu_code, e.prison_code, ${council}, 'cas3_nights', ${released},
          coalesce(b.departed_on, b.departure_date) - b.arrived_on, null
        from cas3_booking b join custody_episode e on e.id = b.custody_episode_id
        where b.arrived_on is not null and e.expected_release_date >= ${from}::date and ${inScope}
        union all
        select e.region_code, e.pdu_code, e.prison_code, ${council}, 'crs_referral', ${released}, 1, cp.pathway
        from referral r join custody_episode e on e.id = r.custody_episode_id
          left join crs_category_pathway cp on cp.service_category_id = r.service_category_id
        where r.state <> 'draft' and e.expected_release_date >= ${from}::date and ${inScope}
        union all
        select e.region_code, e.pdu_code, e.prison_code, ${council}, 'dtr', ${released}, 1, null
        from duty_to_refer d join custody_episode e on e.id = d.custody_episode_id
        where e.expected_release_date >= ${from}::date and ${inScope}`
      // On PostgreSQL the three run at once, each on its own connection.
      const [episodes, licences, demand] = await Promise.all([
        episodesQuery.execute(db),
        licencesQuery.execute(db),
        demandQuery.execute(db),
      ])
      return {
        episodes: unpack(episodes.rows, (w, [flags = 0, sentence = 0, expected = 0, actual = -1]) => ({
          ...w,
          recall: (flags & 1) === 1,
          determinate: (flags & 2) === 2,
          sentence,
          expected,
          actual: actual === -1 ? null : actual,
        })),
        licences: unpack(licences.rows, (w, [early = 0, start = 0, plannedEnd = -1, terminated = -1]) => ({
          ...w,
          early: early === 1,
          start,
          plannedEnd: plannedEnd === -1 ? null : plannedEnd,
          terminated: terminated === -1 ? null : terminated,
        })),
        demand: demand.rows,
      }
    },

    async scenarios(): Promise<SavedScenario[]> {
      const rows = await sql<SavedScenario>`
        select id, name, receptions_change_pct::float8 as "receptionsChangePct",
          sds_release_point::float8 as "sdsReleasePoint", recall_rate_change_pct::float8 as "recallRateChangePct"
        from forecast_scenario order by lower(name)`.execute(db)
      return rows.rows
    },

    async createScenario(s: Omit<SavedScenario, 'id'>, createdBy: string | null): Promise<string | null> {
      const rows = await sql<{ id: string }>`
        insert into forecast_scenario (name, receptions_change_pct, sds_release_point, recall_rate_change_pct, created_by)
        values (${s.name}, ${s.receptionsChangePct}, ${s.sdsReleasePoint}, ${s.recallRateChangePct}, ${createdBy})
        on conflict (lower(name)) do nothing returning id`.execute(db)
      return rows.rows[0]?.id ?? null
    },

    /** Names of regions, PDUs and prisons, for labels. */
    async names(): Promise<Map<string, string>> {
      const rows = await sql<{ code: string; name: string }>`
        select code, name from region union all select code, name from pdu union all select code, name from prison
        union all select code, name from local_authority`.execute(db)
      return new Map(rows.rows.map((r) => [r.code, r.name]))
    },
  }
}

export type ForecastingRepository = ReturnType<typeof forecastingRepository>
