import type { ReleaseType, SentenceLengthBand, SentenceType } from '../platform/db/schema.ts'
import { weighted, type Rng } from './prng.ts'

/**
 * Sentences as offsets in days from the sentence date. Simplified from the sentencing rules;
 * the parameters are data so docs/demo-data.md can say what is and is not modelled.
 */
export const SENTENCE_PARAMETERS = {
  /** First custody episode in the window, by sentence type (relative weights). */
  firstEpisodeType: [
    ['determinate', 80],
    ['recall', 12.5],
    ['extended_determinate', 6],
    ['indeterminate', 1.5],
  ] as const,
  /** Determinate sentences by length band; women's sentences are shorter. */
  bandMale: [
    ['under_12_months', 48],
    ['12_months_to_under_4_years', 36],
    ['4_years_or_more', 16],
  ] as const,
  bandFemale: [
    ['under_12_months', 65],
    ['12_months_to_under_4_years', 28],
    ['4_years_or_more', 7],
  ] as const,
  /** Share of determinate sentences with time on remand counted towards them. */
  remandShare: 0.45,
  /** Share of 4-years-or-more sentences released at two thirds (serious violent or sexual offences). */
  twoThirdsShare: 0.35,
  /** Home Detention Curfew: share of eligible releases that go out on HDC, and its limits in days. */
  hdcShare: 0.3,
  hdcMinDays: 14,
  hdcMaxDays: 180,
  /** Recalls: share that are fixed-term (14 or 28 days) rather than standard. */
  fixedTermRecallShare: 0.6,
  /** Standard recalls re-released before the sentence ends (the rest serve to the end). */
  standardRecallReReleaseShare: 0.3,
} as const

export interface Sentence {
  type: SentenceType
  band: SentenceLengthBand
  /** Release (actual or planned) as days after the sentence date. */
  release: number
  releaseType: ReleaseType
  /** Licence end as days after the sentence date; null when no licence follows (sentence served). */
  licenceEnd: number | null
  mappa: 1 | 2 | 3 | null
}

const MONTH = 30.44
const days = (months: number) => Math.round(months * MONTH)

function mappa(rng: Rng, anyLevel: number, split: readonly [number, number, number]): 1 | 2 | 3 | null {
  if (!rng.chance(anyLevel)) return null
  return weighted(rng, [
    [1, split[0]],
    [2, split[1]],
    [3, split[2]],
  ] as const)
}

export function determinate(rng: Rng, sex: 'male' | 'female', band?: SentenceLengthBand): Sentence {
  const b =
    band ?? weighted(rng, sex === 'male' ? SENTENCE_PARAMETERS.bandMale : SENTENCE_PARAMETERS.bandFemale)
  const r = rng.next()
  const length =
    b === 'under_12_months'
      ? days(
          weighted(rng, [
            [1, 8],
            [2, 12],
            [3, 14],
            [4, 14],
            [6, 16],
            [8, 12],
            [9, 10],
            [10, 8],
            [11, 6],
          ] as const),
        )
      : b === '12_months_to_under_4_years'
        ? days(12 + Math.floor(36 * r * r))
        : days(48 + Math.floor(132 * r ** 2.5))
  const twoThirds = b === '4_years_or_more' && rng.chance(SENTENCE_PARAMETERS.twoThirdsShare)
  const remand = rng.chance(SENTENCE_PARAMETERS.remandShare) ? rng.int(Math.min(length * 0.45, 240)) : 0
  // Automatic release at the half-way point, or two thirds (Criminal Justice Act 2003 s.244, s.244ZA).
  const crd = Math.max(0, Math.round(length * (twoThirds ? 2 / 3 : 0.5)) - remand)
  const sed = Math.max(crd, length - remand)
  const level = mappa(
    rng,
    b === '4_years_or_more' ? 0.2 : b === 'under_12_months' ? 0.02 : 0.06,
    [60, 30, 10],
  )
  const base = { type: 'determinate' as const, band: b, licenceEnd: sed, mappa: level }
  // Time on remand already covers the custodial part: released from court.
  if (crd < 7) return { ...base, release: 0, releaseType: 'court' }
  // HDC: sentences of 12 weeks to under 4 years, not for those serving two thirds.
  const hdcDays = Math.min(SENTENCE_PARAMETERS.hdcMaxDays, Math.round(length * 0.25))
  const eligible = length >= 84 && b !== '4_years_or_more' && hdcDays >= SENTENCE_PARAMETERS.hdcMinDays
  if (eligible && crd - hdcDays >= 14 && rng.chance(SENTENCE_PARAMETERS.hdcShare)) {
    return { ...base, release: crd - hdcDays, releaseType: 'hdc' }
  }
  return { ...base, release: crd, releaseType: 'conditional_release' }
}

export function extendedDeterminate(rng: Rng): Sentence {
  const band = rng.chance(0.85) ? ('4_years_or_more' as const) : ('12_months_to_under_4_years' as const)
  const custodial = band === '4_years_or_more' ? days(rng.between(48, 144)) : days(rng.between(24, 47))
  const extension = days(rng.between(12, 96))
  const level = mappa(rng, 0.75, [50, 35, 15])
  // Eligible for parole at two thirds of the custodial term; automatic release at its end.
  if (rng.chance(0.4)) {
    const at = Math.round(custodial * (0.67 + rng.next() * 0.28))
    return {
      type: 'extended_determinate',
      band,
      release: at,
      releaseType: 'parole',
      licenceEnd: custodial + extension,
      mappa: level,
    }
  }
  return {
    type: 'extended_determinate',
    band,
    release: custodial,
    releaseType: 'conditional_release',
    licenceEnd: custodial + extension,
    mappa: level,
  }
}

export function indeterminate(rng: Rng): Sentence {
  const tariff = days(rng.between(24, 240))
  // Released on a Parole Board direction, often years after the tariff expired.
  const delay = days(Math.floor(72 * rng.next() ** 2))
  const at = tariff + delay
  // The licence of a life or IPP sentence has no fixed end.
  return {
    type: 'indeterminate',
    band: 'indeterminate',
    release: at,
    releaseType: 'parole',
    licenceEnd: null,
    mappa: mappa(rng, 0.95, [25, 55, 20]),
  }
}

/**
 * A recall of a sentence released on licence: `recalledAt` days after the sentence date, which
 * must be before its licence ends. Fixed-term recalls last 14 days (under 12 months) or 28 days.
 */
export function recall(
  rng: Rng,
  original: { band: SentenceLengthBand; licenceEnd: number; mappa: 1 | 2 | 3 | null },
  recalledAt: number,
): Sentence {
  const end = original.licenceEnd
  const base = { type: 'recall' as const, band: original.band, mappa: original.mappa }
  if (rng.chance(SENTENCE_PARAMETERS.fixedTermRecallShare)) {
    const at = Math.min(end, recalledAt + (original.band === 'under_12_months' ? 14 : 28))
    return { ...base, release: at, releaseType: 'licence_recall_release', licenceEnd: end }
  }
  if (rng.chance(SENTENCE_PARAMETERS.standardRecallReReleaseShare)) {
    const at = Math.min(end, recalledAt + rng.between(56, 365))
    return { ...base, release: at, releaseType: 'licence_recall_release', licenceEnd: end }
  }
  return { ...base, release: end, releaseType: 'end_of_sentence', licenceEnd: null }
}

/** A recall whose original sentence began before the demo window: returns both, as offsets. */
export function recallOfEarlierSentence(rng: Rng, sex: 'male' | 'female'): Sentence {
  for (let attempt = 0; attempt < 8; attempt++) {
    const original = determinate(rng, sex, rng.chance(0.6) ? '12_months_to_under_4_years' : '4_years_or_more')
    if (original.licenceEnd === null || original.licenceEnd - original.release < 60) continue
    const recalledAt =
      original.release + rng.between(14, Math.min(original.licenceEnd - original.release - 1, 540))
    return recall(
      rng,
      { band: original.band, licenceEnd: original.licenceEnd, mappa: original.mappa },
      recalledAt,
    )
  }
  return determinate(rng, sex)
}
