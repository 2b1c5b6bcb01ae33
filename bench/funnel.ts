/**
 * The funnel plots' findings on any database, read-only (no audit rows, so they run on the shared
 * bench database too), for issue 14's "the funnel finds the planted outliers and no others":
 * - funnelCheck: every measure by region, PDU and prison, as the service draws it (funnel.ts);
 * - funnelRedraw: treatment engagement by prison, re-drawn from the same releases with other
 *   seeds through the demo's own plan(), to tell chance from a mechanism that sets a prison apart.
 * `npm run bench:section -- funnel [quarters]` and `npm run bench:section -- funnel-redraw`.
 */
import { sql } from 'kysely'
import type { Database } from '../src/platform/db/index.ts'
import { MEASURE_KEYS } from '../src/domains/variation/schemas.ts'
import { splitOf } from '../src/domains/variation/splits.ts'
import { variationRepository } from '../src/domains/variation/repository.ts'
import { analyse, type CellResult } from '../src/domains/variation/analysis.ts'
import { funnelOf, funnelP } from '../src/domains/variation/funnel.ts'
import { latestCompletePeriod, measureOf, periodEnd } from '../src/domains/outcomes/measures.ts'
import { applyOffset } from '../src/domains/outcomes/checkpoints.ts'
import { plan, type EpisodeIn, type Rows } from '../src/demo/outcomes/plan.ts'
import { rngFor } from '../src/demo/outcomes/generate.ts'

/** The window the bench reports: `quarters` up to the measure's latest complete quarter. */
function window(key: string, today: string, quarters: number) {
  const measure = measureOf(key)!
  const to = latestCompletePeriod(measure, today, 'quarter')
  return { measure, from: applyOffset(to, { months: -3 * (quarters - 1) }), to: periodEnd(to, 'quarter') }
}

/**
 * For each measure and level: the national rate, the areas compared, how many are beyond the
 * 99.8% limits, the outliers after Holm's correction and the points beyond 99.8% not named.
 */
export async function funnelCheck(db: Database, today: string, quarters = 12, threshold = 5) {
  const repo = variationRepository(db)
  const national = { level: 'national' } as const
  const lines: string[] = []
  for (const key of MEASURE_KEYS) {
    const period = window(key, today, quarters)
    const centre = analyse(await repo.counts({ ...period, splits: [], today, scope: national }), 1, threshold)
    if (centre.overall.rate === null) continue
    for (const level of ['region', 'pdu', 'prison'] as const) {
      const rows = await repo.counts({ ...period, splits: [splitOf(level)!], today, scope: national })
      const f = funnelOf(analyse(rows, 1, threshold).cells, centre.overall.rate)
      const list = (prefix: string) =>
        f.points
          .filter((p) => p.status.startsWith(prefix))
          .map(
            (p) =>
              `${p.code} ${p.rate}% (${p.numerator}/${p.denominator}, Holm p ${funnelP(p.adjustedPValue!)})`,
          )
      const named = list('outlier')
      const cells = [
        key,
        level,
        `${centre.overall.rate}%`,
        f.correction.areasCompared,
        f.points.filter((p) => p.beyond998).length,
        named.length > 4 ? `${named.length} areas` : named.join(', ') || 'none',
        list('beyond').join(', ') || 'none',
      ]
      lines.push(`| ${cells.join(' | ')} |`)
    }
  }
  return `Funnels over ${quarters} quarters to each measure's latest complete quarter (${today}): the points beyond the 99.8% limits, and the outliers after Holm's correction for the areas compared at a family-wise 0.2% (docs/analytics.md).

| measure | areas | national | compared | beyond 99.8% | outliers after correction | beyond 99.8%, not named |
|---|---|---|---|---|---|---|
${lines.join('\n')}`
}

/**
 * Treatment engagement by prison, re-drawn: the releases of the window as they are (people,
 * prisons, dates, sentence), each release's outcome history drawn again by plan() with each seed.
 * A prison set apart by its releases stays apart under every seed; one set apart by chance does
 * not. Counted per episode as the measure counts a release (a need, a status by day 21,
 * engagement from the release day to day 21), leaving out ROTL and out of scope; same-day
 * releases (1 in 200) count once per episode and same-day recalls stay in.
 */
export async function funnelRedraw(db: Database, today: string, seeds: readonly number[], prison = 'ONI') {
  const period = window('treatment_3_weeks', today, 12)
  const { rows } = await sql<EpisodeIn>`select e.id, e.person_id,
      e.actual_release_date::text as actual_release_date, e.licence_end_date::text as licence_end_date,
      e.region_code, e.pdu_code, null as next, e.prison_code, p.sex,
      extract(year from age(e.actual_release_date, p.date_of_birth))::int as age,
      g.high_level_group as ethnicity, e.sentence_length_band as band, e.previous_offences
    from custody_episode e join person p on p.id = e.person_id
    left join ethnic_group g on g.code = p.ethnic_group_code
    where e.actual_release_date between ${period.from}::date and ${period.to}::date`.execute(db)
  const lines = []
  for (const seed of seeds) {
    const by = new Map<string, { x: number; n: number }>()
    for (const e of rows) {
      const drawn: Rows = { status: [], context: [], licences: [], programmes: [], offences: [] }
      plan(rngFor(seed, e.id), e, today, drawn)
      const context = drawn.context[0]
      if (!context?.need || context.rotl || context.out_of_scope) continue
      const day21 = applyOffset(e.actual_release_date, { days: 21 })
      const treatment = drawn.status.filter((s) => s.kind === 'treatment' && s.date <= day21)
      if (!treatment.length) continue
      const engaged = treatment.some((s) => s.trt !== 'referred' && s.date >= e.actual_release_date)
      const cur = by.get(e.prison_code) ?? { x: 0, n: 0 }
      by.set(e.prison_code, { x: cur.x + (engaged ? 1 : 0), n: cur.n + 1 })
    }
    const total = [...by.values()].reduce((a, v) => ({ x: a.x + v.x, n: a.n + v.n }), { x: 0, n: 0 })
    const pc = (x: number, n: number) => Math.round((1000 * x) / n) / 10
    const cells = [...by].map(([code, v]): CellResult => ({
      group: [code],
      numerator: v.x,
      denominator: v.n,
      rate: pc(v.x, v.n),
      suppressed: false,
      ciLow: null,
      ciHigh: null,
      pValue: null,
      significant: false,
      rest: null,
    }))
    const f = funnelOf(cells, pc(total.x, total.n))
    const it = f.points.find((p) => p.code === prison)
    const list = (test: (s: string) => boolean) =>
      f.points
        .filter((p) => test(p.status))
        .map((p) => `${p.code} ${p.rate}%`)
        .join(', ') || 'none'
    lines.push(
      `| ${seed} | ${pc(total.x, total.n)}% | ${it ? `${it.rate}% (${it.numerator}/${it.denominator}), z ${((it.numerator! / it.denominator! - total.x / total.n) / Math.sqrt(((total.x / total.n) * (1 - total.x / total.n)) / it.denominator!)).toFixed(2)}` : 'none'} | ${list((s) => s.startsWith('outlier'))} | ${list((s) => s.startsWith('beyond'))} |`,
    )
  }
  return `Treatment engagement within 3 weeks by prison, ${period.from} to ${period.to}, re-drawn by plan() from the same ${rows.length.toLocaleString('en-GB')} releases with each seed:

| seed | national | ${prison} | outliers after correction | beyond 99.8%, not named |
|---|---|---|---|---|
${lines.join('\n')}`
}
