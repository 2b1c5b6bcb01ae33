import { sql } from 'kysely'
import type { Database } from '../src/platform/db/index.ts'
import type { Services } from '../src/composition.ts'
import { addDays } from '../src/domains/cas3/rules.ts'
import { cas3Db } from '../src/domains/cas3/tables.ts'
import { actorFor, measure, ms, sampler } from './support.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

/**
 * The CAS3 availability search (issue 5: under 100 ms p95 on PostgreSQL over a national estate of
 * 650+ bedspaces with two years of bookings), through the service: scope, the search with its
 * booking and void tests, the gap timeline of each result and the audit write.
 */
export async function benchCas3(db: Database, svc: Services, iterations = 300): Promise<string> {
  const c = cas3Db(db)
  const [beds, bookings, range] = await Promise.all([
    c
      .selectFrom('cas3_bedspace')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    c
      .selectFrom('cas3_booking')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    c
      .selectFrom('cas3_booking')
      .select([
        sql<string>`min(arrival_date)::text`.as('first'),
        sql<string>`max(departure_date)::text`.as('last'),
      ])
      .executeTakeFirstOrThrow(),
  ])
  const regions = await c.selectFrom('cas3_premises').select('region_code').distinct().execute()
  const actors = await Promise.all(
    regions.map((r) =>
      actorFor(db, 'cas3_officer', { column: 'region_code', code: r.region_code, kind: 'probation_region' }),
    ),
  )
  if (actors.length === 0)
    return '## CAS3 availability search\n\nNo CAS3 estate in this database: run the CAS3 demo first.\n'
  const today = londonToday()
  const rand = sampler(7)
  const requirementSets = [[], [], ['singleOccupancy'], ['groundFloor'], ['wheelchair'], ['sensitiveLet']]
  const inputs = Array.from({ length: iterations }, (_, i) => {
    const arrival = addDays(today, Math.floor(rand.next() * 120) - 30)
    return {
      ctx: actors[i % actors.length]!,
      input: {
        arrivalDate: arrival,
        departureDate: addDays(arrival, 14 + Math.floor(rand.next() * 71)),
        requirements: rand.pick(requirementSets),
        risks: i % 4 === 0 ? ['arson_history'] : [],
        pduCode: undefined,
        localAuthorityCode: undefined,
        referralId: undefined,
      },
    }
  })
  let found = 0
  const timing = await measure(inputs, async ({ ctx, input }) => {
    const r = await svc.cas3.bookings.search(ctx, input)
    found += r.results.length
  })
  const london = actors[0]!
  const plan = await sql<{
    'QUERY PLAN': string
  }>`explain analyze select s.id from cas3_bedspace s join cas3_premises pr on pr.id = s.premises_id
    where pr.region_code = ${london.actor.scope.level === 'region' ? london.actor.scope.regionCode : ''} and s.start_date <= ${today}::date
    and not exists (select 1 from cas3_booking b where b.bedspace_id = s.id and (b.status in ('provisional', 'confirmed') or b.arrived_on is not null)
      and daterange(b.arrival_date, b.blocked_until, '[)') && daterange(${today}::date, ${addDays(today, 60)}::date, '[)'))`.execute(
    db,
  )
  return [
    '## CAS3 availability search',
    '',
    `Estate: ${beds.n.toLocaleString('en-GB')} bedspaces in ${regions.length} regions; ${bookings.n.toLocaleString('en-GB')} bookings from ${range.first} to ${range.last}.`,
    `Searches: ${timing.n} over random 14 to 84-night stays starting from 30 days ago to 90 days ahead, with and without requirements, as each region's CAS3 officer (${(found / Math.max(1, timing.n + 20)).toFixed(1)} bedspaces found on average).`,
    '',
    '| measure | p50 | p95 | p99 | max | target |',
    '|---|---|---|---|---|---|',
    `| availability search (service, with gap timeline and audit) | ${ms(timing.p50)} | ${ms(timing.p95)} | ${ms(timing.p99)} | ${ms(timing.max)} | p95 < 100 ms ${timing.p95 < 100 ? 'met' : 'NOT met'} |`,
    '',
    'The booking test is the exclusion constraint’s own range overlap, answered from its GiST index:',
    '',
    '```',
    ...plan.rows.map((r) => r['QUERY PLAN']),
    '```',
    '',
  ].join('\n')
}
