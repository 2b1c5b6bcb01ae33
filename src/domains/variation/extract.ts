/**
 * Anonymised person-level extracts for research (issue 14; domain.md section 14), for national
 * analysts only and audited as an export. What goes out:
 * - a pseudonymous id: HMAC-SHA256 of the person's id under a key drawn for this extract and then
 *   thrown away, so one person has one id within the extract and a different one in any other,
 *   and the ids cannot be joined back to the records or across extracts;
 * - no names, dates of birth or identifiers (prison number, CRN, PNC);
 * - dates coarsened to the month of release; age as a band at release;
 * - k-anonymity on sex, age band, ethnic group, region and release month (platform/disclosure),
 *   by generalising and then suppressing; the extract's preamble says what was done.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { toCsv } from '../../platform/csv.ts'
import type { Database } from '../../platform/db/index.ts'
import { kAnonymise } from '../../platform/disclosure/index.ts'
import { Forbidden } from '../../platform/errors.ts'
import { cohortCondition, excludedCondition, numeratorCondition } from '../outcomes/query.ts'
import type { ReleaseMeasure } from './repository.ts'

export interface ExtractRequest {
  measure: ReleaseMeasure
  from: string
  to: string
  today: string
  k: number
}

export async function anonymisedExtract(
  db: Database,
  audit: AuditLog,
  ctx: RequestContext,
  q: ExtractRequest,
) {
  if (!can(ctx.actor.role, 'extracts:anonymised')) throw new Forbidden()
  const rows = (
    await sql<{
      person_id: string
      sex: string
      age_band: string
      ethnicity: string
      region: string
      month: string
      band: string
      previous: number | null
      offence_group: string | null
      counted: string
    }>`select f.person_id, p.sex, d.age as age_band, coalesce(g.high_level_group, 'Not recorded') as ethnicity,
        f.region_code as region, to_char(f.release_date, 'YYYY-MM') as month, e.sentence_length_band as band,
        e.previous_offences as previous, e.index_offence_group as offence_group,
        case when ${excludedCondition(q.measure)} then 'excluded' when f.value is null then 'unknown'
          when ${numeratorCondition(q.measure)} then 'numerator' else 'denominator' end as counted
      from outcome_fact f join custody_episode e on e.id = f.custody_episode_id join person p on p.id = f.person_id
        join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
        left join ethnic_group g on g.code = p.ethnic_group_code
      where ${cohortCondition(q.measure)} and f.release_date between ${q.from}::date and ${q.to}::date
        and f.checkpoint_date <= ${q.today}::date
      order by md5(f.person_id::text || f.release_date::text)`.execute(db)
  ).rows
  const key = randomBytes(32)
  const pseudonym = (id: string) => createHmac('sha256', key).update(id).digest('hex').slice(0, 16)
  const result = kAnonymise(
    rows.map((r) => ({
      r,
      quasi: {
        sex: r.sex,
        ageBand: r.age_band,
        ethnicity: r.ethnicity,
        region: r.region,
        releaseMonth: r.month,
      },
    })),
    q.k,
  )
  const preamble = [
    `# Anonymised extract: ${q.measure.label}, releases ${q.from.slice(0, 7)} to ${q.to.slice(0, 7)}.`,
    '# Ids are keyed hashes drawn for this extract only: stable within it, different in any other.',
    '# No names, dates of birth or identifiers; dates coarsened to the month of release; age as a band.',
    `# k-anonymity with k = ${q.k} on sex, age band, ethnic group, region and release period.`,
    ...(result.steps.length
      ? result.steps.map((s) => `# ${s}.`)
      : ['# No generalisation or suppression was needed.']),
    `# ${result.records.length} records.`,
  ]
  const csv = toCsv(
    [
      'pseudonymous_id',
      'sex',
      'age_band',
      'ethnic_group',
      'region',
      'release_period',
      'sentence_length',
      'previous_offences',
      'index_offence_group',
      'counted',
    ],
    result.records.map(({ r, quasi }) => [
      pseudonym(r.person_id),
      quasi.sex,
      quasi.ageBand,
      quasi.ethnicity,
      quasi.region,
      quasi.releaseMonth,
      r.band,
      r.previous === null ? '' : String(r.previous),
      r.offence_group ?? '',
      r.counted,
    ]),
  )
  await audit.record(ctx, {
    action: 'export',
    recordType: 'anonymised_extract',
    recordId: q.measure.key,
    outcome: 'allowed',
    detail: JSON.stringify({
      from: q.from,
      to: q.to,
      k: q.k,
      records: result.records.length,
      suppressed: result.suppressed,
      steps: result.steps,
    }),
  })
  return { body: `${preamble.join('\n')}\n${csv}`, ...result }
}
