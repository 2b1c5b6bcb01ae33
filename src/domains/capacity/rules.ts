/**
 * Forecast demand against capacity, month by month: which areas go over, first in which month.
 * Pure; the service supplies the forecast and the recorded capacity.
 */
export interface MonthLoad {
  month: string
  demand: number
  capacity: number
  /** Demand as a per cent of capacity; null when there is no capacity recorded. */
  utilisation: number | null
}
export interface AreaLoad {
  area: string
  name: string
  months: MonthLoad[]
  firstOver: string | null
  peak: number | null
}

/** Demand (by area and month) against capacity (by area and month; missing = none recorded). */
export function loads(
  demand: { area: string; month: string; value: number }[],
  capacityOf: (area: string, month: string) => number | null,
  nameOf: (area: string) => string,
): AreaLoad[] {
  const byArea = new Map<string, MonthLoad[]>()
  for (const d of demand) {
    const capacity = capacityOf(d.area, d.month)
    const list = byArea.get(d.area) ?? []
    list.push({
      month: d.month,
      demand: d.value,
      capacity: capacity ?? 0,
      utilisation: capacity && capacity > 0 ? (100 * d.value) / capacity : null,
    })
    byArea.set(d.area, list)
  }
  return [...byArea].map(([area, months]) => {
    const known = months.map((m) => m.utilisation).filter((u): u is number => u !== null)
    return {
      area,
      name: nameOf(area),
      months,
      firstOver: months.find((m) => m.utilisation !== null && m.utilisation > 100)?.month ?? null,
      peak: known.length ? Math.max(...known) : null,
    }
  })
}

/** COM capacity of a PDU: full-time equivalents × the top of the caseload norm. */
export function comCapacity(comFte: number | null, normHigh: number): number | null {
  return comFte === null ? null : comFte * normHigh
}
