// The forecast counts its inputs in the database (inputs-repository.ts) instead of reading every
// record and counting in Node (records.ts, the first version). Both are run here on the same
// generated history, for the forecast's dates and a backtest's, at national and regional scope,
// and must agree on every count: then the model, and the backtest errors, are the same.
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../support/db.ts'
import { generateDemoData } from '../../src/demo/generator.ts'
import type { Scope } from '../../src/platform/auth/actor.ts'
import { englandAndWalesCalendar } from '../../src/platform/calendar/index.ts'
import { inputsRepository } from '../../src/domains/forecasting/inputs-repository.ts'
import { forecastingRepository } from '../../src/domains/forecasting/repository.ts'
import { actualsFromHistory, historyAsOf, inputsFromHistory } from '../../src/domains/forecasting/records.ts'
import { backtestSpec, forecastSpecs } from '../../src/domains/forecasting/service.ts'
import { isoOfDay, monthEdges, relativeTo, workingThresholds } from '../../src/domains/forecasting/flow.ts'
import { LEVELS, MODEL_PARAMETERS, type ModelInputs } from '../../src/domains/forecasting/model-inputs.ts'

const { db } = await testDatabase()
const TODAY = '2026-11-22'
const ASOF = '2026-11-01'
await generateDemoData(db, { people: 700, seed: 16, password: 'demo password 123', today: TODAY })

const calendar = englandAndWalesCalendar()
const workingDate = (day: number) => !calendar.isNonWorkingDay(isoOfDay(day))

/** Maps as sorted entries, so toEqual compares them and a failure prints what differs. */
const plain = (inputs: ModelInputs) => ({
  ...inputs,
  byLevel: Object.fromEntries(
    LEVELS.map((l) => [
      l,
      [...inputs.byLevel[l]]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([area, a]) => [area, { ...a, crsByCategory: [...a.crsByCategory].sort() }]),
    ]),
  ),
  shared: {
    ...inputs.shared,
    determinateStays: [...inputs.shared.determinateStays].sort((a, b) => a[0] - b[0]),
    otherStays: [...inputs.shared.otherStays].sort((a, b) => a[0] - b[0]),
    licenceLengths: [...inputs.shared.licenceLengths].sort((a, b) => a[0] - b[0]),
  },
})

async function compare(scope: Scope) {
  const specs = [...forecastSpecs(ASOF), backtestSpec('2025-05-01', 6)]
  const counted = await inputsRepository(db).counted(scope, specs)
  for (const [i, spec] of specs.entries()) {
    const rec = await forecastingRepository(db).history(scope, spec.since)
    const fromRows = inputsFromHistory(historyAsOf(rec, spec.asOf), spec.asOf, MODEL_PARAMETERS.maxMonths)
    const c = counted[i]
    expect(c, spec.asOf).toBeDefined()
    if (!c) return
    expect(plain(c.inputs), `${spec.asOf} inputs`).toEqual(plain(fromRows))
    for (const level of LEVELS) {
      const want = spec.actualMonths
        ? actualsFromHistory(rec, spec.asOf, spec.actualMonths, level)
        : new Map<string, unknown>()
      const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => a.localeCompare(b))
      expect(sorted(c.actuals[level]), `${spec.asOf} ${level} actuals`).toEqual(sorted(want))
    }
  }
  return counted
}

describe('forecast inputs counted in the database', () => {
  it('equal the counts made from every record, nationally', { timeout: 120_000 }, async () => {
    const counted = await compare({ level: 'national' })
    // Not vacuously: the history has receptions, a custody stock, licences and service use.
    const region = [...(counted?.[0]?.inputs.byLevel.region.values() ?? [])]
    const sum = (f: (a: (typeof region)[number]) => number) => region.reduce((s, a) => s + f(a), 0)
    expect(sum((a) => a.receptionsDeterminate)).toBeGreaterThan(50)
    expect(sum((a) => a.stockByMonth.reduce((x, y) => x + y, 0))).toBeGreaterThan(50)
    expect(sum((a) => a.endsAfter[0] ?? 0)).toBeGreaterThan(50)
    expect(sum((a) => a.demand.dtr)).toBeGreaterThan(0)
    expect(counted?.[1]?.actuals.region.size).toBeGreaterThan(0)
  })

  it('equal them in one region, as a regional lead sees it', { timeout: 120_000 }, async () => {
    const counted = await compare({ level: 'region', regionCode: 'N07' })
    expect([...(counted?.[0]?.inputs.byLevel.region.keys() ?? [])]).toEqual(['N07'])
  })

  it('move the custody stock for an earlier release point as the records do', async () => {
    const scenario = { receptionsChangePct: 0, sdsReleasePoint: 0.4, recallRateChangePct: 0 }
    const isWorking = relativeTo(ASOF, workingDate)
    const moved = await inputsRepository(db).movedStock(
      { level: 'national' },
      ASOF,
      0.8,
      workingThresholds(monthEdges(ASOF, MODEL_PARAMETERS.maxMonths), isWorking),
    )
    const rec = await forecastingRepository(db).history({ level: 'national' }, '2024-11-01')
    const fromRows = inputsFromHistory(
      historyAsOf(rec, ASOF),
      ASOF,
      MODEL_PARAMETERS.maxMonths,
      scenario,
      isWorking,
    )
    for (const level of LEVELS)
      for (const [area, a] of fromRows.byLevel[level]) {
        const got = moved[level].get(area) ?? new Array<number>(MODEL_PARAMETERS.maxMonths).fill(0)
        expect(got, `${level} ${area}`).toEqual(a.stockByMonth)
      }
    // The move brings releases forward: more in the first month than the baseline.
    const base = inputsFromHistory(historyAsOf(rec, ASOF), ASOF, MODEL_PARAMETERS.maxMonths)
    const first = (i: ModelInputs) =>
      [...i.byLevel.region.values()].reduce((s, a) => s + (a.stockByMonth[0] ?? 0), 0)
    expect(first(fromRows)).toBeGreaterThan(first(base))
  })
})
