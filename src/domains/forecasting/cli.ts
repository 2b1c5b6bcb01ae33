/**
 * `npm run cli -- forecast`: the whole forecast (every region, PDU and prison, every series)
 * with a progress bar, written as one CSV when --out is given. Runs as the national analyst
 * would see it: the command line already has the whole database.
 */
import { writeFileSync } from 'node:fs'
import { SingleBar, Presets } from 'cli-progress'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { toCsv } from '../../platform/csv.ts'
import { ValidationFailed } from '../../platform/errors.ts'
import { LEVELS, SERIES } from './model.ts'
import type { ForecastingService } from './service.ts'

export const nationalContext: RequestContext = {
  route: 'cli forecast',
  actor: {
    via: 'session',
    userId: null,
    tokenId: null,
    name: 'command line',
    email: null,
    organisationId: '00000000-0000-4000-8000-000000000000',
    organisationName: 'Command line',
    organisationKind: 'national',
    role: 'national_analyst',
    scope: { level: 'national' },
  },
}

export async function forecastCommand(
  forecasting: ForecastingService,
  options: {
    asOf?: string | undefined
    horizon?: string | undefined
    scenario?: string | undefined
    out?: string | undefined
  },
) {
  const horizon = options.horizon === undefined ? 36 : Number(options.horizon)
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 36)
    throw new ValidationFailed({ horizon: 'Give --horizon as a whole number of months from 1 to 36' })
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
    throw new ValidationFailed({ asOf: 'Give --as-of as a date, YYYY-MM-DD' })
  const bar = new SingleBar(
    { format: 'Forecasting |{bar}| {percentage}% | {value}/{total} steps | {eta_formatted} left' },
    Presets.shades_classic,
  )
  const started = Date.now()
  bar.start(LEVELS.length + 1, 0)
  const all = await forecasting.forecastAll(
    nationalContext,
    { asOf: options.asOf, horizon, scenario: options.scenario ?? 'baseline' },
    (done) => bar.update(done),
  )
  bar.stop()
  const rows: string[][] = []
  for (const level of LEVELS)
    for (const series of SERIES)
      for (const p of all.byLevel[level][series])
        rows.push([level, p.area, series, p.month, String(p.value), String(p.low), String(p.high)])
  const areas = LEVELS.map((l) => `${new Set(all.byLevel[l].releases.map((p) => p.area)).size} ${l}s`).join(
    ', ',
  )
  console.log(
    `Forecast as of ${all.asOf} (${all.scenario.name}), ${horizon} months, for ${areas}: ${rows.length.toLocaleString('en-GB')} points in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  )
  const releases = all.byLevel.region.releases.filter((p) => p.month < (all.months[12] ?? '9999'))
  console.log(
    `Releases forecast in the first 12 months: ${Math.round(releases.reduce((s, p) => s + p.value, 0)).toLocaleString('en-GB')}.`,
  )
  if (options.out) {
    writeFileSync(options.out, toCsv(['level', 'area', 'series', 'month', 'value', 'low', 'high'], rows))
    console.log(`Wrote ${options.out}.`)
  }
}
