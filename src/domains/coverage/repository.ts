/**
 * Reads what overlaps and gaps are judged from, for the releases in a window and in scope:
 * the needs identified, and everything arranged on each pathway (CRS referrals by the pathway
 * of their service category, CAS3 stays, other parties' service episodes, plan actions on a
 * need). Writes other parties' service episodes. Scoped by the one predicate on the episode.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { Pathway } from './rules.ts'

export interface EpisodeRow {
  id: string
  personId: string
  region: string
  pdu: string
  release: number
}
export interface ArrangedRow {
  episodeId: string
  pathway: Pathway
  /** 'service' spans count for overlaps and gaps; a plan 'action' for gaps only. */
  kind: 'service' | 'action'
  provider: string
  from: number
  to: number | null
}
export interface Window {
  from: string
  to: string
}

const day = (expr: ReturnType<typeof sql>) => sql<number>`(${expr} - date '1970-01-01')`

export function coverageRepository(db: Database) {
  /** The episodes whose release (actual, else expected) falls in the window, in scope. */
  const episodes = (scope: Scope, w: Window, only: string | null) => sql`
    select e.id, e.person_id, e.region_code, e.pdu_code, coalesce(e.actual_release_date, e.expected_release_date) as released
    from custody_episode e
    where coalesce(e.actual_release_date, e.expected_release_date) between ${w.from}::date and ${w.to}::date
      and ${episodeInScope(scope, 'e')} ${only === null ? sql`` : sql`and e.id = ${only}`}`

  return {
    async settings(): Promise<{ graceWeeks: number; dueSoonWeeks: number }> {
      const r = await sql<{ graceWeeks: number; dueSoonWeeks: number }>`
        select gap_weeks_after_release as "graceWeeks", due_soon_weeks as "dueSoonWeeks" from coverage_setting`.execute(db)
      return r.rows[0] ?? { graceWeeks: 4, dueSoonWeeks: 12 }
    },

    /** Episodes, their open needs and what was arranged for them; `only` narrows to one episode. */
    async read(scope: Scope, w: Window, only: string | null = null) {
      const ep = episodes(scope, w, only)
      const [eps, needs, arranged] = await Promise.all([
        sql<EpisodeRow>`select id, person_id as "personId", region_code as region, pdu_code as pdu,
            ${day(sql`released`)} as release from (${ep}) ep`.execute(db),
        sql<{ episodeId: string; pathway: Pathway }>`
          select distinct pn.custody_episode_id as "episodeId", sn.pathway
          from person_need pn join support_need sn on sn.id = pn.support_need_id join (${ep}) ep on ep.id = pn.custody_episode_id
          where pn.status not in ('met', 'declined')`.execute(db),
        sql<ArrangedRow>`
          select r.custody_episode_id as "episodeId", cp.pathway, 'service' as kind, 'CRS: ' || o.name as provider,
            ${day(sql`r.sent_at::date`)} as "from", ${day(sql`r.concluded_at::date`)} as "to"
          from referral r join (${ep}) ep on ep.id = r.custody_episode_id
            join crs_category_pathway cp on cp.service_category_id = r.service_category_id
            join organisation o on o.id = r.provider_organisation_id
          where r.sent_at is not null and r.state <> 'cancelled' and cp.pathway is not null
          union all
          select b.custody_episode_id, 'ACCOMMODATION', 'service', 'CAS3', ${day(sql`b.arrived_on`)}, ${day(sql`b.departed_on`)}
          from cas3_booking b join (${ep}) ep on ep.id = b.custody_episode_id where b.arrived_on is not null
          union all
          select s.custody_episode_id, s.pathway, 'service', s.provider_name, ${day(sql`s.started_on`)}, ${day(sql`s.ended_on`)}
          from service_episode s join (${ep}) ep on ep.id = s.custody_episode_id
          union all
          select a.custody_episode_id, sn.pathway, 'action', a.owner_party, ${day(sql`a.created_at::date`)}, null
          from plan_action a join (${ep}) ep on ep.id = a.custody_episode_id
            join person_need pn on pn.id = a.person_need_id join support_need sn on sn.id = pn.support_need_id
          where a.status <> 'cancelled'`.execute(db),
      ])
      return { episodes: eps.rows, needs: needs.rows, arranged: arranged.rows }
    },

    /** Regions with a CRS contract live on `on` for each pathway: where a service is commissioned. */
    async commissioned(on: string): Promise<Set<string>> {
      const r = await sql<{ key: string }>`
        select distinct cr.region_code || '|' || cp.pathway as key
        from contract c join contract_region cr on cr.contract_id = c.id
          join crs_contract_type_service_category ct on ct.contract_type_id = c.contract_type_id
          join crs_category_pathway cp on cp.service_category_id = ct.service_category_id
        where c.start_date <= ${on}::date and c.end_date >= ${on}::date and cp.pathway is not null`.execute(db)
      return new Set(r.rows.map((x) => x.key))
    },

    /** Names of regions and PDUs, for the report's labels. */
    async areaNames(): Promise<Map<string, string>> {
      const r = await sql<{ code: string; name: string }>`
        select code, name from region union all select code, name from pdu`.execute(db)
      return new Map(r.rows.map((x) => [x.code, x.name]))
    },

    async names(personIds: string[]): Promise<Map<string, string>> {
      if (personIds.length === 0) return new Map()
      const r = await sql<{ id: string; name: string }>`
        select id, given_name || ' ' || family_name as name from person where id = any(${personIds}::uuid[])`.execute(db)
      return new Map(r.rows.map((x) => [x.id, x.name]))
    },

    /** The person's latest custody episode in scope: the one a new service episode belongs to. */
    async latestEpisode(scope: Scope, personId: string): Promise<{ id: string; release: string } | null> {
      const r = await sql<{ id: string; release: string }>`
        select e.id, to_char(coalesce(e.actual_release_date, e.expected_release_date), 'YYYY-MM-DD') as release
        from custody_episode e where e.person_id = ${personId} and ${episodeInScope(scope, 'e')}
        order by e.sentence_date desc, e.created_at desc limit 1`.execute(db)
      return r.rows[0] ?? null
    },

    async addService(s: {
      personId: string
      episodeId: string
      pathway: Pathway
      party: string
      providerName: string
      startedOn: string
      endedOn: string | null
      recordedBy: string | null
    }): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into service_episode (person_id, custody_episode_id, pathway, party, provider_name, started_on, ended_on, recorded_by)
        values (${s.personId}, ${s.episodeId}, ${s.pathway}, ${s.party}, ${s.providerName}, ${s.startedOn}, ${s.endedOn}, ${s.recordedBy})
        returning id`.execute(db)
      return r.rows[0]!.id
    },

    async services(episodeId: string) {
      const r = await sql<{ pathway: Pathway; party: string; providerName: string; startedOn: string; endedOn: string | null }>`
        select pathway, party, provider_name as "providerName", to_char(started_on, 'YYYY-MM-DD') as "startedOn",
          to_char(ended_on, 'YYYY-MM-DD') as "endedOn"
        from service_episode where custody_episode_id = ${episodeId} order by started_on`.execute(db)
      return r.rows
    },
  }
}

export type CoverageRepository = ReturnType<typeof coverageRepository>
