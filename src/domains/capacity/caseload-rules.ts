/**
 * Caseloads per named community offender manager (issue 16 item 3): the weighted workload of
 * each COM's cases against the norm, and where each COM's caseload goes over the months ahead
 * from the cases they already hold. Pure; the repository gives case counts grouped by COM,
 * stage, risk and the month a case starts or is due to end.
 */
import { zFor } from '../../platform/statistics/index.ts'

export type Stage = 'pre_release' | 'licence'
export type Risk = 'none' | 'mappa_1' | 'mappa_2' | 'mappa_3'
export const RISKS: readonly Risk[] = ['none', 'mappa_1', 'mappa_2', 'mappa_3']

/** A group of one COM's cases: same PDU, stage and risk, same start and planned end (day numbers). */
export interface CaseGroup {
  com: string
  pdu: string
  stage: Stage
  risk: Risk
  /** Expected release for a case not yet released; null once on licence. */
  releaseDay: number | null
  /** Planned end of the licence; null when it has none (life and IPP). */
  endDay: number | null
  cases: number
}

export type Weights = Record<Stage, Record<Risk, number>>

/** Counts cases on licence only, unweighted: what the PDU's caseload forecast counts. */
export const ON_LICENCE: Weights = {
  pre_release: { none: 0, mappa_1: 0, mappa_2: 0, mappa_3: 0 },
  licence: { none: 1, mappa_1: 1, mappa_2: 1, mappa_3: 1 },
}

export interface ComLoad {
  com: string
  pdu: string
  licence: number
  preRelease: number
  cases: number
  weighted: number
  /** Above the alert level (NAO 2023: many held more than 70 against a norm of 30 to 60). */
  overAlert: boolean
  aboveNorm: boolean
}

export function comLoads(
  groups: readonly CaseGroup[],
  weights: Weights,
  norm: { high: number; alert: number },
) {
  const byCom = new Map<string, ComLoad>()
  for (const g of groups) {
    const key = `${g.com}|${g.pdu}`
    let c = byCom.get(key)
    if (!c)
      byCom.set(
        key,
        (c = {
          com: g.com,
          pdu: g.pdu,
          licence: 0,
          preRelease: 0,
          cases: 0,
          weighted: 0,
          overAlert: false,
          aboveNorm: false,
        }),
      )
    if (g.stage === 'licence') c.licence += g.cases
    else c.preRelease += g.cases
    c.cases += g.cases
    c.weighted += g.cases * weights[g.stage][g.risk]
  }
  const out = [...byCom.values()].map((c) => ({
    ...c,
    weighted: Math.round(c.weighted * 10) / 10,
    overAlert: c.weighted > norm.alert,
    aboveNorm: c.weighted > norm.high,
  }))
  return out.sort((a, b) => b.weighted - a.weighted || a.com.localeCompare(b.com))
}

export interface Projection {
  /** Expected weighted workload at the end of each month. */
  value: number[]
  /** 95% prediction interval: each case stays or ends independently (a Poisson-binomial count). */
  low: number[]
  high: number[]
}

/**
 * The weighted workload a COM will hold at each month end from the cases they hold today:
 * a case on licence stays until its planned end, less early termination at a constant daily
 * hazard (recall, revocation, death: the rate recorded in the area); a case allocated before
 * release joins the licence caseload on its expected release date at the licence weight. New
 * allocations are not in it: they are the PDU's forecast less what is already allocated.
 */
export function projectCom(
  groups: readonly CaseGroup[],
  weights: Weights,
  monthEnds: readonly number[],
  today: number,
  hazardPerDay: number,
): Projection {
  const z = zFor(0.95)
  const value: number[] = []
  const low: number[] = []
  const high: number[] = []
  for (const t of monthEnds) {
    let mean = 0
    let variance = 0
    for (const g of groups) {
      if (g.endDay !== null && g.endDay <= t) continue
      const released = g.releaseDay === null || g.releaseDay <= t
      const w = released ? weights.licence[g.risk] : weights.pre_release[g.risk]
      // Early termination runs from release (or today, for a case already on licence).
      const from = g.releaseDay === null ? today : Math.max(today, g.releaseDay)
      const p = released ? Math.exp(-hazardPerDay * Math.max(0, t - from)) : 1
      mean += g.cases * w * p
      variance += g.cases * w * w * p * (1 - p)
    }
    const half = z * Math.sqrt(variance)
    value.push(mean)
    low.push(Math.max(0, mean - half))
    high.push(mean + half)
  }
  return { value, low, high }
}

/** How many COMs hold a weighted workload in each band of `width` (the distribution chart). */
export function distribution(
  loads: readonly { weighted: number }[],
  width = 10,
): { band: string; from: number; coms: number }[] {
  if (loads.length === 0) return []
  const top = Math.max(...loads.map((l) => l.weighted))
  const bands = Math.floor(top / width) + 1
  const counts = new Array<number>(bands).fill(0)
  for (const l of loads) {
    const i = Math.floor(l.weighted / width)
    counts[i] = (counts[i] ?? 0) + 1
  }
  return counts.map((coms, i) => ({
    band: `${i * width} to under ${(i + 1) * width}`,
    from: i * width,
    coms,
  }))
}
