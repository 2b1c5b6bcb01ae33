/**
 * CRS contract places against forecast CRS referrals (issue 16 item 2, "Contract places").
 * Pure; dates are ISO strings, months their first days.
 *
 * - A contract's volume is its places a contract year (migration 0029). A month it runs
 *   throughout gives a twelfth of it; a month it starts or ends in gives that twelfth in
 *   proportion to the days it runs, so a contract that ends on the 15th of a 30-day month gives
 *   half a month's places.
 * - The forecast gives CRS referrals by region and by the pathway of the service category
 *   (forecasting: crs_referrals). A contract serves the regions and pathways it covers. Where two
 *   or more contracts run in a region on a pathway in a month, the month's referrals are shared
 *   in proportion to the referrals each took there in the 12 months before the forecast (where
 *   none of them took any: equally), each weighted by the share of the month it runs.
 */
import { addDays, addMonths, daysBetween } from '../../platform/calendar/index.ts'

export interface ContractSpan {
  start: string
  /** The last day the contract runs (inclusive). */
  end: string
}

/** The share of a calendar month (0 to 1) that a contract runs. */
export function runsInMonth(c: ContractSpan, month: string): number {
  const next = addMonths(month, 1)
  const from = c.start > month ? c.start : month
  const stopExclusive = addDays(c.end, 1)
  const to = stopExclusive < next ? stopExclusive : next
  const days = daysBetween(from, to)
  return days > 0 ? days / daysBetween(month, next) : 0
}

/** Places a contract gives in a month: a twelfth of its year's places, pro-rated by the days it runs. */
export function monthlyPlaces(placesPerYear: number, c: ContractSpan, month: string): number {
  return (placesPerYear / 12) * runsInMonth(c, month)
}

export interface ContractCover extends ContractSpan {
  id: string
  regions: readonly string[]
  pathways: readonly string[]
}

const key = (region: string, pathway: string) => `${region}|${pathway}`

/**
 * Forecast referrals to each contract in each month.
 * @param demand forecast CRS referrals by region, pathway and month
 * @param taken referrals each contract took in the 12 months before the forecast, by region and pathway
 */
export function contractDemand(
  contracts: readonly ContractCover[],
  demand: readonly { area: string; category: string; month: string; value: number }[],
  taken: readonly { contractId: string; region: string; pathway: string; referrals: number }[],
  months: readonly string[],
): { area: string; month: string; value: number }[] {
  const history = new Map(taken.map((t) => [`${t.contractId}|${key(t.region, t.pathway)}`, t.referrals]))
  const covering = new Map<string, ContractCover[]>()
  for (const c of contracts)
    for (const r of c.regions)
      for (const p of c.pathways) covering.set(key(r, p), [...(covering.get(key(r, p)) ?? []), c])
  const out = new Map<string, number>(contracts.flatMap((c) => months.map((m) => [`${c.id}|${m}`, 0])))
  for (const d of demand) {
    const live = (covering.get(key(d.area, d.category)) ?? [])
      .map((c) => ({
        c,
        runs: runsInMonth(c, d.month),
        took: history.get(`${c.id}|${key(d.area, d.category)}`) ?? 0,
      }))
      .filter((x) => x.runs > 0)
    if (!live.length) continue
    const anyHistory = live.some((x) => x.took > 0)
    const weight = (x: (typeof live)[number]) => x.runs * (anyHistory ? x.took : 1)
    const total = live.reduce((s, x) => s + weight(x), 0)
    // The month's referrals while some contract runs: all of them when the contracts between
    // them cover the whole month.
    const covered = Math.min(
      1,
      live.reduce((s, x) => s + x.runs, 0),
    )
    if (total === 0) continue
    for (const x of live) {
      const k = `${x.c.id}|${d.month}`
      out.set(k, (out.get(k) ?? 0) + (d.value * covered * weight(x)) / total)
    }
  }
  return contracts.flatMap((c) =>
    months.map((month) => ({ area: c.id, month, value: out.get(`${c.id}|${month}`) ?? 0 })),
  )
}
