/**
 * The offender-based view of proven reoffending, beside the per-release measure (issue 13). The
 * official measure counts releases: a person released twice in a quarter counts twice, and one
 * proven offence counts towards every release whose 12 months it falls in (13.4% of counted
 * offences in the demo). Here each person counts once per quarter, by their first release in it
 * that is in the measure (as the MoJ offender cohort takes the first release in the period), and
 * each proven offence once.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

export interface OffenderCell {
  period: string
  people: number
  reoffenders: number
  offences: number
}

export async function offenderReoffending(
  db: Database,
  f: { region: string; from: string; to: string; today: string },
): Promise<OffenderCell[]> {
  const r = await sql<{ period: string; people: number; reoffenders: number; offences: number }>`
    with firsts as (
      select distinct on (f.person_id, date_trunc('quarter', f.release_date::timestamp))
        f.person_id, f.release_date, date_trunc('quarter', f.release_date::timestamp)::date as period
      from outcome_fact f
      where f.checkpoint = 'reoffending_18_months' and f.excluded is null and f.region_code = ${f.region}
        and f.release_date between ${f.from}::date and ${f.to}::date and f.checkpoint_date <= ${f.today}::date
      order by f.person_id, date_trunc('quarter', f.release_date::timestamp), f.release_date
    )
    select x.period::text as period, count(*)::int as people, count(*) filter (where o.n > 0)::int as reoffenders,
      coalesce(sum(o.n), 0)::int as offences
    from firsts x
    cross join lateral (
      select count(*)::int as n from offence o where o.person_id = x.person_id and o.offence_date >= x.release_date
        and o.offence_date <= (x.release_date + interval '12 months')::date
        and o.proven_date <= (x.release_date + interval '18 months')::date
    ) o
    group by x.period order by x.period`.execute(db)
  return r.rows
}
