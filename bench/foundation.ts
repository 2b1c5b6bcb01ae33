import { sql } from 'kysely'
import type { Database } from '../src/platform/db/index.ts'
import type { Services } from '../src/composition.ts'
import { actorFor, measure, ms, sampler, type Timing } from './support.ts'

export interface FoundationResult {
  search: Record<string, Timing>
  worklist: Record<string, Timing>
  plans: Record<string, string>
}

/**
 * Person search and the upcoming-releases worklist, through the service layer (scope predicate,
 * query and the audit write that every search makes), for the scopes staff really have.
 */
export async function benchFoundation(
  db: Database,
  svc: Services,
  iterations: number,
): Promise<FoundationResult> {
  const rand = sampler(42)
  const sample = await db
    .selectFrom('person')
    .select(['given_name', 'family_name', 'prison_number', 'crn', 'date_of_birth'])
    .where(sql<boolean>`abs(hashtext(id::text)) % 97 = 0`)
    .limit(2000)
    .execute()
  const queries = Array.from({ length: iterations }, (_, i) => {
    const p = rand.pick(sample)
    switch (i % 5) {
      case 0:
        return p.family_name.slice(0, 3 + (i % 4))
      case 1:
        return `${p.given_name} ${p.family_name}`
      case 2:
        return p.prison_number ?? p.family_name
      case 3:
        return p.crn ?? p.family_name
      default:
        return p.date_of_birth.split('-').reverse().join('/')
    }
  })
  const actors = {
    'COM (Camden and Islington PDU)': await actorFor(db, 'com', {
      column: 'pdu_code',
      code: 'LDNNCAI',
      kind: 'pdu',
    }),
    'Prison (Pentonville)': await actorFor(db, 'pom', { column: 'prison_code', code: 'PVI', kind: 'prison' }),
    'Council (Islington)': await actorFor(db, 'council_officer', {
      column: 'local_authority_code',
      code: 'E09000019',
      kind: 'council',
    }),
    'Region (London)': await actorFor(db, 'regional_lead', {
      column: 'region_code',
      code: 'N07',
      kind: 'probation_region',
    }),
    National: await actorFor(db, 'national_analyst', 'national'),
  }
  const search: Record<string, Timing> = {}
  const worklist: Record<string, Timing> = {}
  for (const [label, ctx] of Object.entries(actors)) {
    search[label] = await measure(queries, (q) => svc.people.search(ctx, q))
    const windows = Array.from({ length: Math.max(50, Math.floor(iterations / 2)) }, (_, i) =>
      i % 2 === 0 ? 12 : 24,
    )
    worklist[label] = await measure(windows, (weeks) => svc.people.upcomingReleases(ctx, weeks, 1))
  }
  const explain = async (query: string) =>
    (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(db)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n')
  const plans = {
    'name search (national)': await explain(
      `select id from person p where p.search_name like 'smith j%' order by search_name limit 50`,
    ),
    'worklist (PDU, 12 weeks)': await explain(
      `select e.id from custody_episode e where e.actual_release_date is null and e.expected_release_date between current_date and current_date + 84 and e.pdu_code = 'LDNNCAI' order by e.expected_release_date limit 100`,
    ),
  }
  return { search, worklist, plans }
}

export function foundationMarkdown(r: FoundationResult, target = 50) {
  const row = (label: string, t: Timing) =>
    `| ${label} | ${t.n} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${t.p95 < target ? 'met' : 'missed'} |`
  return [
    '| scope | calls | p50 | p95 | p99 | target p95 < 50 ms |',
    '|---|---|---|---|---|---|',
    ...Object.entries(r.search).map(([k, t]) => row(`Person search: ${k}`, t)),
    ...Object.entries(r.worklist).map(([k, t]) => row(`Upcoming releases: ${k}`, t)),
  ].join('\n')
}
