/**
 * Structure in the demo outcomes (issue 14), as data: who is more or less likely to be housed,
 * employed or to reoffend, and two planted outliers. Each figure is cited or marked as an
 * assumption in docs/demo-data.md. The outcomes demo (outcomes/demo.ts) calls these with the
 * person and release; everything else about the demo is unchanged.
 */
import { createRng, weighted, type Rng } from '../prng.ts'
import type { IndexOffenceGroup, SentenceLengthBand } from '../../platform/db/schema.ts'

export interface Release {
  sex: string
  age: number
  ethnicity: string | null
  band: SentenceLengthBand
  previousOffences: number | null
  pdu: string
  prison: string
}

export const DEMO_EFFECTS = {
  /**
   * Homeless on release by sentence length, England and Wales 2021-22 (domain.md section 12: 16%
   * after sentences under 12 months, 5% after two years or more; 12 months to under 4 years is
   * between, an assumption). A region's own level scales these (London's is higher).
   */
  homelessByBand: {
    under_12_months: 0.16,
    '12_months_to_under_4_years': 0.11,
    '4_years_or_more': 0.05,
    indeterminate: 0.05,
  } as Record<SentenceLengthBand, number>,
  /** The national homeless share the regional calibration is relative to (1 − 87% housed). */
  nationalHomeless: 0.13,
  /**
   * Employed at 6 months, in percentage points from the overall rate, 2021-22 (domain.md section
   * 12): women 8% against men 18% (10 points), Black or Black British 11% against White 18%
   * (7 points). Each set is centred so the headline rate is unchanged (7.5% women; ethnic mix of
   * people.ts). The ethnic gap drawn is 4.3 points: Black prison leavers in the demo live more
   * often in London, where employment is lower, which adds about 2.7 points to the gap observed
   * (measured at 100,000 people). Asian, Mixed and Other, and the age gradient, are assumptions.
   */
  employmentBySex: { male: 0.0075, female: -0.0925 } as Record<string, number>,
  employmentByEthnicity: {
    White: 0.0089,
    'Black or Black British': -0.0341,
    'Asian or Asian British': -0.0111,
    'Mixed or Multiple ethnic groups': -0.0211,
    'Other ethnic group': -0.0111,
  } as Record<string, number>,
  employmentByAge: [
    [21, -0.05],
    [25, -0.01],
    [50, 0.015],
    [200, -0.06],
  ] as const,
  /**
   * Proven reoffending by number of previous offences and by age (the MoJ Proven Reoffending
   * Statistics publish both gradients; these values are rounded to give the national 38% with
   * the demo's age mix, measured at 100,000 people).
   */
  previousOffenceBands: [
    { upTo: 0, share: 8, rate: 0.12 },
    { upTo: 2, share: 10, rate: 0.2 },
    { upTo: 6, share: 17, rate: 0.3 },
    { upTo: 10, share: 13, rate: 0.37 },
    { upTo: 60, share: 52, rate: 0.48 },
  ],
  reoffendingByAge: [
    [21, 1.07],
    [25, 1.02],
    [30, 0.98],
    [40, 0.93],
    [50, 0.84],
    [200, 0.6],
  ] as const,
  /** Offence groups of the index offence (shares of releases; an assumption). */
  indexOffenceGroups: [
    ['violence_against_the_person', 22],
    ['sexual_offences', 5],
    ['robbery', 5],
    ['theft_offences', 25],
    ['criminal_damage_and_arson', 3],
    ['drug_offences', 13],
    ['possession_of_weapons', 6],
    ['public_order_offences', 5],
    ['miscellaneous_crimes_against_society', 5],
    ['fraud_offences', 3],
    ['summary_non_motoring', 6],
    ['summary_motoring', 2],
  ] as [IndexOffenceGroup, number][],
  /**
   * Planted outliers, so the funnel plot has something true to find: one PDU where proven
   * reoffending is 1.35 times the rest, and one prison where treatment engagement within three
   * weeks is 60% against 37%. Nothing else varies by place in these two measures.
   */
  outliers: {
    reoffendingPdu: { code: 'LDNNCAI', factor: 1.35 },
    treatmentPrison: { code: 'PVI', engaged: 0.6 },
  },
}

const byAge = (table: readonly (readonly [number, number])[], age: number) =>
  (table.find(([upTo]) => age < upTo) ?? table[table.length - 1]!)[1]

export function homelessChance(r: Release, regionHousedRate: number): number {
  const regional = (1 - regionHousedRate) / DEMO_EFFECTS.nationalHomeless
  return Math.min(0.9, DEMO_EFFECTS.homelessByBand[r.band] * regional)
}

/** The chance of being employed at a checkpoint whose overall rate is `base`. */
export function employedChance(r: Release, base: number, sixMonthBase: number): number {
  const delta =
    (DEMO_EFFECTS.employmentBySex[r.sex] ?? 0) +
    (r.ethnicity ? (DEMO_EFFECTS.employmentByEthnicity[r.ethnicity] ?? 0) : 0) +
    byAge(DEMO_EFFECTS.employmentByAge, r.age)
  // The 6-week gaps are the 6-month gaps in proportion to the rates.
  return Math.min(0.95, Math.max(0.01, base + delta * (base / sixMonthBase)))
}

export function reoffendChance(r: Release): number {
  const n = r.previousOffences ?? 11
  const band =
    DEMO_EFFECTS.previousOffenceBands.find((b) => n <= b.upTo) ?? DEMO_EFFECTS.previousOffenceBands[4]!
  const planted =
    r.pdu === DEMO_EFFECTS.outliers.reoffendingPdu.code ? DEMO_EFFECTS.outliers.reoffendingPdu.factor : 1
  return Math.min(0.95, band.rate * byAge(DEMO_EFFECTS.reoffendingByAge, r.age) * planted)
}

export function treatmentEngagedChance(r: Release, base: number): number {
  return r.prison === DEMO_EFFECTS.outliers.treatmentPrison.code
    ? DEMO_EFFECTS.outliers.treatmentPrison.engaged
    : base
}

/** Previous proven offences and the index offence group of one release (deterministic). */
export function offendingHistory(seed: number, key: number): { previous: number; group: IndexOffenceGroup } {
  const rng: Rng = createRng(seed, 0x14, key)
  const bands = DEMO_EFFECTS.previousOffenceBands
  const band = weighted(
    rng,
    bands.map((b, i) => [i, b.share] as const),
  )
  const low = band === 0 ? 0 : bands[band - 1]!.upTo + 1
  const high =
    band === bands.length - 1 ? low + Math.floor(-Math.log(1 - rng.next()) * 12) : bands[band]!.upTo
  return {
    previous: Math.min(bands[bands.length - 1]!.upTo, rng.between(low, Math.max(low, high))),
    group: weighted(rng, DEMO_EFFECTS.indexOffenceGroups),
  }
}
