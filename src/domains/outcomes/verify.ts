/**
 * An independent recomputation of every measure from the raw tables, written from the
 * definitions in domain.md section 10 alone: it reads no outcome_fact, no rollup, no
 * outcome_checkpoint and nothing of measures.ts or query.ts, so a fault in either shows up as a
 * difference. `npm run verify:measures` compares it with the query builder cell by cell.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

export interface VerifiedCell {
  measure: string
  group: string
  period: string
  cohort: number
  excluded: number
  unknown: number
  denominator: number
  numerator: number
  offences: number
}

// The latest status of a kind on or before a date, among the release's episodes, that no
// correction has replaced (ties: the later recording, then the id).
const latest = (kind: string, at: string) => `(
  select coalesce(a.outcome_class, s.employment_status, s.treatment_status)
  from custody_episode x join status_event s on s.custody_episode_id = x.id
  left join accommodation_type a on a.code = s.accommodation_type_code
  where x.person_id = r.person_id and x.actual_release_date = r.rd and s.kind = '${kind}' and s.effective_date <= ${at}
    and not exists (select 1 from status_event c where c.supersedes_id = s.id)
  order by s.effective_date desc, s.recorded_at desc, s.id desc limit 1)`

// Offences committed within 12 months of release and proven by the checkpoint (release + 18 months).
const REOFFENCES = `(select count(*)::int from offence o where o.person_id = r.person_id
  and o.offence_date between r.rd and (r.rd + interval '12 months')::date and o.proven_date <= r.at)`

const EMPLOYED = `('employed_full_time', 'employed_part_time', 'self_employed')`

/**
 * Each measure as: the checkpoint date, and how a release that reached it counts, one of
 * 'excluded', 'unknown', 'numerator', 'denominator' (in the denominator, not the numerator).
 */
const RELEASE_MEASURES: {
  key: string
  at: string
  kind: string | null
  cohort?: string
  counts: string
  caseEnd: boolean
}[] = [
  {
    key: 'housed_first_night',
    at: `r.rd`,
    kind: 'accommodation',
    counts: `case when st is null then 'unknown' when st = 'custody' then 'excluded'
      when st in ('settled', 'temporary') then 'numerator' else 'denominator' end`,
    caseEnd: true,
  },
  {
    // Back in custody (a recall, or a custody status) is a known status of an open case.
    key: 'settled_3_months',
    at: `(r.rd + interval '3 months')::date`,
    kind: 'accommodation',
    counts: `case when r.recalled_on <= at then 'denominator' when st is null then 'unknown'
      when st = 'settled' then 'numerator' else 'denominator' end`,
    caseEnd: true,
  },
  {
    key: 'employed_6_weeks',
    at: `(r.rd + 42)`,
    kind: 'employment',
    counts: `case when r.recalled_on <= at then 'excluded' when st is null then 'unknown'
      when st = 'not_available' then 'excluded' when st in ${EMPLOYED} then 'numerator' else 'denominator' end`,
    caseEnd: true,
  },
  {
    key: 'employed_6_months',
    at: `(r.rd + interval '6 months')::date`,
    kind: 'employment',
    counts: `case when r.recalled_on <= at then 'excluded' when st is null then 'unknown'
      when st = 'not_available' then 'excluded' when st in ${EMPLOYED} then 'numerator' else 'denominator' end`,
    caseEnd: true,
  },
  {
    // Engaged with community treatment at any time from the release day to day 21; a referral
    // (any treatment record by day 21) puts the release in the denominator.
    key: 'treatment_3_weeks',
    at: `(r.rd + 21)`,
    kind: 'treatment',
    cohort: `r.need`,
    counts: `case when exists (select 1 from custody_episode x join status_event s on s.custody_episode_id = x.id
        where x.person_id = r.person_id and x.actual_release_date = r.rd and s.kind = 'treatment' and s.treatment_status in ('first_appointment_attended', 'engaged')
        and s.effective_date between r.rd and at
        and not exists (select 1 from status_event c where c.supersedes_id = s.id)) then 'numerator'
      when st is null then 'unknown' else 'denominator' end`,
    caseEnd: true,
  },
  {
    key: 'proven_reoffending',
    at: `(r.rd + interval '18 months')::date`,
    kind: null,
    counts: `case when reoffences > 0 then 'numerator' else 'denominator' end`,
    caseEnd: false,
  },
]

// Each region, and England and Wales (the grouping set without the region).
const BY_REGION_AND_NATIONAL = (date: string) =>
  `group by grouping sets ((region_code, date_trunc('quarter', ${date}::timestamp)), (date_trunc('quarter', ${date}::timestamp)))`
const GROUP = `coalesce(region_code, 'ENGLAND_AND_WALES')`

function releaseSql(m: (typeof RELEASE_MEASURES)[number], today: string) {
  return `
  with rel as (
    select e.person_id, e.actual_release_date as rd, (array_agg(e.id order by e.id))[1] as first_episode,
      array_agg(e.id) as episodes, bool_or(coalesce(c.rotl, false)) as rotl,
      bool_or(coalesce(c.out_of_scope, false)) as out_of_scope, bool_or(coalesce(c.treatment_need, false)) as need
    from custody_episode e left join release_context c on c.custody_episode_id = e.id
    where e.actual_release_date is not null
    group by e.person_id, e.actual_release_date
  ), r as (
    select rel.*, ep.region_code,
      (select min(o.terminated_on) from supervision_order o where o.custody_episode_id = any(rel.episodes)
        and o.termination_reason <> 'recalled') as closed_on,
      (select min(o.terminated_on) from supervision_order o where o.custody_episode_id = any(rel.episodes)
        and o.termination_reason = 'recalled') as recalled_on
    from rel join custody_episode ep on ep.id = rel.first_episode
  ), due as (
    select r.*, ${m.at} as at from r where ${m.cohort ?? 'true'}
  ), counted as (
    select r.region_code, r.rd, ro.reoffences,
      case when r.rotl or r.out_of_scope or r.recalled_on = r.rd then 'excluded'
        ${m.caseEnd ? `when r.closed_on < r.at then 'excluded'` : ''}
        else ${m.counts} end as how
    from due r
    cross join lateral (select ${m.kind ? latest(m.kind, 'r.at') : 'null::text'} as st) s
    cross join lateral (select ${m.kind ? '0' : REOFFENCES} as reoffences) ro
    where r.at <= '${today}'::date
  )
  select '${m.key}' as measure, ${GROUP} as grp, date_trunc('quarter', rd::timestamp)::date::text as period,
    count(*) as cohort, count(*) filter (where how = 'excluded') as excluded,
    count(*) filter (where how = 'unknown') as unknown,
    count(*) filter (where how in ('numerator', 'denominator')) as denominator,
    count(*) filter (where how = 'numerator') as numerator,
    ${m.key === 'proven_reoffending' ? `coalesce(sum(reoffences) filter (where how <> 'excluded'), 0)` : '0'} as offences
  from counted ${BY_REGION_AND_NATIONAL('rd')}`
}

// Orders and licences, or sexual offending programmes, that terminated in the period.
function terminationSql(today: string) {
  const part = (key: string, table: string, met: string, where: string) => `
    select '${key}' as measure, ${GROUP} as grp, date_trunc('quarter', terminated_on::timestamp)::date::text as period,
      count(*) as cohort, 0 as excluded, 0 as unknown, count(*) as denominator,
      count(*) filter (where ${met}) as numerator, 0 as offences
    from ${table} where terminated_on <= '${today}'::date ${where} ${BY_REGION_AND_NATIONAL('terminated_on')}`
  return `${part('requirements_complete', 'supervision_order', 'requirements_complete', '')} union all
    ${part('sexual_offence_interventions', 'programme', 'completed', 'and sexual_offending')}`
}

/** Every measure by region and nationally, by release (or termination) quarter, as of `today`. */
export async function recomputeMeasures(db: Database, today: string): Promise<VerifiedCell[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError('today must be an ISO date')
  const cells: VerifiedCell[] = []
  for (const text of [...RELEASE_MEASURES.map((m) => releaseSql(m, today)), terminationSql(today)]) {
    const rows = await sql.raw<Record<string, string | number>>(text).execute(db)
    for (const r of rows.rows)
      cells.push({
        measure: String(r.measure),
        group: String(r.grp),
        period: String(r.period),
        cohort: Number(r.cohort),
        excluded: Number(r.excluded),
        unknown: Number(r.unknown),
        denominator: Number(r.denominator),
        numerator: Number(r.numerator),
        offences: Number(r.offences),
      })
  }
  return cells
}

const FIELDS = ['cohort', 'excluded', 'unknown', 'denominator', 'numerator', 'offences'] as const

export interface Difference {
  key: string
  field: string
  expected: number
  actual: number
}

/** Every cell of either side compared field by field; a cell missing on one side counts as zeros. */
export function compareCells(expected: VerifiedCell[], actual: VerifiedCell[]): Difference[] {
  const key = (c: VerifiedCell) => `${c.measure} ${c.group} ${c.period}`
  const a = new Map(actual.map((c) => [key(c), c]))
  const e = new Map(expected.map((c) => [key(c), c]))
  const diffs: Difference[] = []
  for (const k of new Set([...e.keys(), ...a.keys()])) {
    for (const f of FIELDS) {
      const x = e.get(k)?.[f] ?? 0
      const y = a.get(k)?.[f] ?? 0
      if (x !== y) diffs.push({ key: k, field: f, expected: x, actual: y })
    }
  }
  return diffs
}
