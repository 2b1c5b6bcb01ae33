import type { Database } from '../src/platform/db/index.ts'
import type { Services } from '../src/composition.ts'
import type { RequestContext } from '../src/platform/auth/actor.ts'
import { englandAndWalesCalendar } from '../src/platform/calendar/index.ts'
import { forecastingRepository } from '../src/domains/forecasting/repository.ts'
import { inputsRepository } from '../src/domains/forecasting/inputs-repository.ts'
import { forecastingService, forecastSpecs } from '../src/domains/forecasting/service.ts'
import { actualsFromHistory, historyAsOf, inputsFromHistory } from '../src/domains/forecasting/records.ts'
import { backtest } from '../src/domains/forecasting/backtest.ts'
import { isoOfDay, mape, relativeTo } from '../src/domains/forecasting/flow.ts'
import { forecastLevel, LEVELS, MODEL_PARAMETERS, monthBefore } from '../src/domains/forecasting/model.ts'

/** A national analyst's context: the forecast reads everything in scope and writes nothing. */
const national: RequestContext = {
  route: 'bench',
  actor: {
    via: 'session',
    userId: null,
    tokenId: null,
    name: 'bench',
    email: null,
    organisationId: '00000000-0000-4000-8000-000000000000',
    organisationName: 'HMPPS National',
    organisationKind: 'national',
    role: 'national_analyst',
    scope: { level: 'national' },
  },
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const seconds = (ms: number) => (ms / 1000).toFixed(2)

/**
 * The first version's way, kept as the reference the SQL is tested against (records.ts): read
 * every episode, licence and service use from 24 months back, then count by area in Node for
 * the forecast's date and last year's, and run the same model and band backtest on each level.
 */
async function byRecords(db: Database, asOf: string) {
  const calendar = englandAndWalesCalendar()
  const working = (day: number) => !calendar.isNonWorkingDay(isoOfDay(day))
  const [now, lastYear] = forecastSpecs(asOf)
  const started = performance.now()
  const rec = await forecastingRepository(db).history(national.actor.scope, now.since)
  const read = performance.now() - started
  const months = MODEL_PARAMETERS.maxMonths
  const inputs = inputsFromHistory(historyAsOf(rec, asOf), asOf, months, undefined, relativeTo(asOf, working))
  const before = inputsFromHistory(historyAsOf(rec, lastYear.asOf), lastYear.asOf, months)
  for (const level of LEVELS) {
    forecastLevel(inputs, level, months, undefined, null, relativeTo(asOf, working))
    const happened = actualsFromHistory(rec, lastYear.asOf, lastYear.actualMonths, level)
    backtest(before, happened, lastYear.actualMonths, level, relativeTo(lastYear.asOf, working))
  }
  return {
    total: performance.now() - started,
    read,
    records: rec.episodes.length + rec.licences.length + rec.demand.length,
  }
}

/**
 * The whole forecast (every region, PDU, prison and council; six series; 36 months; bands from
 * last year's backtest) from a cold start, each run on a fresh service so nothing is cached;
 * the first version's record-by-record way in the same run; and the backtest the issue sets
 * its target on: releases and caseload by region, 6 months ahead.
 */
export async function benchForecasting(db: Database, svc: Services, runs = 3): Promise<string> {
  const today = svc.outcomes.today()
  const times: number[] = []
  const countTimes: number[] = []
  let areas = 0
  for (let i = 0; i < runs; i++) {
    const fresh = forecastingService(forecastingRepository(db), inputsRepository(db), { today: () => today })
    const started = performance.now()
    let counted = 0
    const all = await fresh.forecastAll(national, { horizon: 36, scenario: 'baseline' }, (done) => {
      if (done === 1) counted = performance.now() - started
    })
    times.push(performance.now() - started)
    countTimes.push(counted)
    areas = Object.values(all.byLevel).reduce((n, l) => n + new Set(l.releases.map((p) => p.area)).size, 0)
  }
  const asOf = `${today.slice(0, 7)}-01`
  const old: { total: number; read: number; records: number }[] = []
  for (let i = 0; i < runs; i++) old.push(await byRecords(db, asOf))
  const oldMedian = median(old.map((o) => o.total))

  const bt = await svc.forecasting.backtest(national, { horizon: 6 })
  // The sensible alternative: each region's mean monthly releases in the 12 months before the
  // backtest's as-of date, carried flat (what a planner without a model would use).
  const history = await forecastingRepository(db).history(national.actor.scope, monthBefore(bt.asOf, 12))
  const before = actualsFromHistory(history, monthBefore(bt.asOf, 12), 12, 'region')
  const naive = mean(
    bt.errors
      .filter((e) => e.series === 'releases')
      .map((e) => {
        const level = (before.get(e.area)?.releases ?? []).reduce((a, b) => a + b, 0) / 12
        return mape(e.months.map((m) => ({ forecast: level, actual: m.actual }))) ?? 0
      }),
  )
  const line = (series: 'releases' | 'caseload') => {
    const rows = bt.errors.filter((e) => e.series === series)
    const monthly = mean(rows.map((r) => r.mape ?? 0))
    // The 6-month total per region against what was recorded in those 6 months.
    const totals = mean(
      rows.map((r) => {
        const f = r.months.reduce((s, m) => s + m.forecast, 0)
        const a = r.months.reduce((s, m) => s + m.actual, 0)
        return a > 0 ? (100 * Math.abs(f - a)) / a : 0
      }),
    )
    const worst = Math.max(...rows.map((r) => r.mape ?? 0))
    return `| ${series} | ${rows.length} | ${monthly.toFixed(2)}% | ${worst.toFixed(2)}% | ${totals.toFixed(2)}% | under 5% |`
  }
  const newMedian = median(times)
  return `#### Forecasting (issue 16)

- Forecast of every region, PDU, prison and council (${areas} areas), all six series, 36 months, with bands, from a cold start (counts read from the database included): median ${seconds(newMedian)} s, slowest ${seconds(Math.max(...times))} s over ${runs} runs (target under 5 s); of which counting in the database, median ${seconds(median(countTimes))} s.
- The first version's way in the same run (every one of ${old[0]?.records.toLocaleString('en-GB') ?? 0} records read, then counted in Node; the same model): median ${seconds(oldMedian)} s, of which reading ${seconds(median(old.map((o) => o.read)))} s. Set-based ÷ record-by-record = ${(newMedian / Math.max(oldMedian, 1e-9)).toFixed(2)} (${(oldMedian / Math.max(newMedian, 1e-9)).toFixed(1)} times faster).
- Backtest, the forecast made as of ${bt.asOf} against the 6 months recorded after it, by region:

| series | regions | mean monthly MAPE | worst region | MAPE of the 6-month total | target |
|---|---|---|---|---|---|
${line('releases')}
${line('caseload')}

- Against the naive forecast (each region's mean monthly releases in the 12 months before, carried flat), measured in the same run: naive mean monthly MAPE ${naive.toFixed(2)}%, model ÷ naive = ${(mean(bt.errors.filter((e) => e.series === 'releases').map((e) => e.mape ?? 0)) / Math.max(naive, 1e-9)).toFixed(2)}.`
}
