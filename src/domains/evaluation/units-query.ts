import { camelRow } from '../../platform/db/camel.ts'
import { sql, type RawBuilder } from 'kysely'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { EvaluationUnit, Need } from './stats/design.ts'
import type { ServiceCriteria, TreatmentDefinition } from './schemas.ts'
import { dateOf, daysBetween } from '../../platform/calendar/index.ts'

/**
 * One row per release in the window that the measures count (domain.md section 10: a person and a
 * release date; ROTL, same-day recalls and out-of-scope cases are not in the measures, so not in
 * the evaluation either), with its covariates, whether it received the service, and its outcomes
 * from outcome_fact, the one place outcomes are known per release.
 */
export interface UnitQuery {
  scope: Scope
  from: string
  to: string
  asOf: string
  treatment: TreatmentDefinition
  /** People named by an uploaded list, already resolved to ids in scope. */
  personIds: string[]
}

const NEED = (pathway: string) => sql<string | null>`(select pa.status from pathway_assessment pa
  where pa.custody_episode_id = e.id and pa.pathway = ${pathway})`

/** The same release: any of the person's episodes released on that date. */
const sameRelease = (alias: string) =>
  sql`exists (select 1 from custody_episode e2 where e2.id = ${sql.ref(`${alias}.custody_episode_id`)}
    and e2.person_id = f.person_id and e2.actual_release_date = f.release_date)`

function criteria(s: ServiceCriteria | undefined): RawBuilder<boolean>[] {
  if (!s) return []
  const out: RawBuilder<boolean>[] = []
  if (s.crs) {
    const c = s.crs
    out.push(sql<boolean>`exists (select 1 from referral r where r.person_id = f.person_id and ${sameRelease('r')}
      and r.state not in ('draft', 'cancelled')
      ${c.serviceCategoryIds?.length ? sql`and r.service_category_id = any(${c.serviceCategoryIds}::uuid[])` : sql``}
      ${c.contractIds?.length ? sql`and r.contract_id = any(${c.contractIds}::uuid[])` : sql``}
      ${c.completed ? sql`and r.state = 'completed'` : sql``})`)
  }
  if (s.cas3Stay)
    out.push(sql<boolean>`exists (select 1 from cas3_booking b where b.person_id = f.person_id and ${sameRelease('b')}
      and b.arrived_on is not null)`)
  // A community programme belongs to the release it follows: started within a year after it.
  if (s.programme)
    out.push(sql<boolean>`exists (select 1 from programme g where g.person_id = f.person_id
      and g.started_on between f.release_date and f.release_date + 365
      ${s.programme === 'completed' ? sql`and g.completed` : sql``})`)
  return out
}

function treatedCondition(q: UnitQuery): RawBuilder<boolean> {
  const t = q.treatment
  const listed: RawBuilder<boolean>[] = []
  if (t.releaseIds?.length)
    listed.push(sql<boolean>`exists (select 1 from custody_episode e3 where e3.id = any(${t.releaseIds}::uuid[])
      and e3.person_id = f.person_id and e3.actual_release_date = f.release_date)`)
  if (q.personIds.length) listed.push(sql<boolean>`f.person_id = any(${q.personIds}::uuid[])`)
  const services = criteria(t.services)
  const all = t.services?.combine === 'all'
  const serviceCondition = services.length ? sql.join(services, all ? sql` and ` : sql` or `) : null
  const listCondition = listed.length ? sql.join(listed, sql` or `) : null
  if (serviceCondition && listCondition)
    return sql<boolean>`((${serviceCondition}) ${all ? sql`and` : sql`or`} (${listCondition}))`
  return sql<boolean>`(${serviceCondition ?? listCondition ?? sql`false`})`
}

interface UnitRow {
  person_id: string
  release_date: string
  treated: boolean
  sex: string
  age: number | null
  ethnic_group: string | null
  previous_offences: number | null
  index_offence_group: string | null
  sentence_length_band: string | null
  region_code: string
  need_accommodation: string | null
  need_employment: string | null
  need_substance: string | null
  reoffending: string | null
  reoffences: number | null
  first_night: string | null
  settled: string | null
  employed_6w: string | null
  employed_6m: string | null
  ex_first_night: string | null
  ex_settled: string | null
  ex_6w: string | null
  ex_6m: string | null
  first_offence: string | null
}

// Values of the accommodation and employment facts that count (outcomes/measures.ts), and those
// that take a release out of the measure (back in custody; not available for work).
const HOUSED = ['settled', 'temporary']
const EMPLOYED = ['employed_full_time', 'employed_part_time', 'self_employed']

/** The one query behind an evaluation: every release in the window and scope, one row each. */
export function unitsQuery(q: UnitQuery) {
  // One join per checkpoint on the release's key, each read by (checkpoint, release_date): hash
  // joins of equal-sized sets, where grouping all six checkpoints' facts needed a 1.2M-row sort
  // at 200,000 releases (bench/evaluation.ts).
  const at = (alias: string, checkpoint: string) =>
    sql`left join outcome_fact ${sql.ref(alias)} on ${sql.ref(`${alias}.person_id`)} = f.person_id
      and ${sql.ref(`${alias}.release_date`)} = f.release_date and ${sql.ref(`${alias}.checkpoint`)} = ${checkpoint}
      and ${sql.ref(`${alias}.checkpoint_date`)} <= ${q.asOf}`
  // The first proven reoffence of each reoffender, as one grouped join (the rule of
  // outcome_refresh, migration 0006), rather than one lookup per release.
  return sql<UnitRow>`
    with fo as (
      select b.person_id, b.release_date, min(o.offence_date)::text as first_offence
      from outcome_fact b join offence o on o.person_id = b.person_id
      where b.checkpoint = 'reoffending_18_months' and b.value = 'reoffended'
        and b.release_date between ${q.from} and ${q.to} and b.checkpoint_date <= ${q.asOf}
        and o.offence_date >= b.release_date and o.offence_date <= (b.release_date + interval '12 months')::date
        and o.proven_date <= b.checkpoint_date
      group by b.person_id, b.release_date
    )
    select f.person_id, f.release_date::text as release_date, t.treated,
      p.sex, extract(year from age(f.release_date, p.date_of_birth))::int as age,
      eg.high_level_group as ethnic_group, e.previous_offences, e.index_offence_group, e.sentence_length_band,
      coalesce(rg.name, e.region_code) as region_code,
      ${NEED('ACCOMMODATION')} as need_accommodation,
      ${NEED('EDUCATION_SKILLS_AND_WORK')} as need_employment,
      ${NEED('DRUGS_AND_ALCOHOL')} as need_substance,
      r.value as reoffending, r.n as reoffences, f.value as first_night, f.excluded as ex_first_night,
      s.value as settled, s.excluded as ex_settled, w.value as employed_6w, w.excluded as ex_6w,
      m.value as employed_6m, m.excluded as ex_6m, fo.first_offence
    from outcome_fact f
    join custody_episode e on e.id = f.custody_episode_id
    join person p on p.id = f.person_id
    left join ethnic_group eg on eg.code = p.ethnic_group_code
    left join region rg on rg.code = e.region_code
    ${at('r', 'reoffending_18_months')}
    ${at('s', 'accommodation_3_months')}
    ${at('w', 'employment_6_weeks')}
    ${at('m', 'employment_6_months')}
    cross join lateral (select ${treatedCondition(q)} as treated) t
    left join fo on fo.person_id = f.person_id and fo.release_date = f.release_date
    where f.checkpoint = 'accommodation_first_night' and f.release_date between ${q.from} and ${q.to}
      and coalesce(f.excluded, '') not in ('rotl', 'same_day_recall', 'out_of_scope')
      and ${episodeInScope(q.scope, 'e')}
  `
}

function need(status: string | null): Need {
  if (status === null || status === 'not_started') return null
  return status === 'support_not_required' ? 'no' : 'yes'
}

export function toUnit(r: UnitRow): EvaluationUnit {
  const reoffended = r.reoffending === null ? null : r.reoffending === 'reoffended' ? 1 : 0
  // A checkpoint measure: excluded (case ended) or unknown is null; back in custody is out of the
  // accommodation measures; not available for work is out of the employment ones.
  const accommodation = (v: string | null, ex: string | null, count: string[]) =>
    ex !== null || v === null || v === 'custody' ? null : count.includes(v) ? 1 : 0
  const employment = (v: string | null, ex: string | null) =>
    ex !== null || v === null || v === 'not_available' ? null : EMPLOYED.includes(v) ? 1 : 0
  return {
    ...camelRow(r, [
      'person_id',
      'release_date',
      'treated',
      'sex',
      'ethnic_group',
      'previous_offences',
      'index_offence_group',
      'sentence_length_band',
    ]),
    ageAtRelease: r.age,
    region: r.region_code,
    accommodationNeed: need(r.need_accommodation),
    employmentNeed: need(r.need_employment),
    substanceMisuseNeed: need(r.need_substance),
    outcomes: {
      reoffended,
      reoffences: reoffended === null ? null : Number(r.reoffences ?? 0),
      daysToFirstReoffence:
        r.first_offence === null ? null : daysBetween(dateOf(r.release_date), dateOf(r.first_offence)),
      housedFirstNight: accommodation(r.first_night, r.ex_first_night, HOUSED),
      settled3Months: accommodation(r.settled, r.ex_settled, ['settled']),
      employed6Weeks: employment(r.employed_6w, r.ex_6w),
      employed6Months: employment(r.employed_6m, r.ex_6m),
    },
  }
}
