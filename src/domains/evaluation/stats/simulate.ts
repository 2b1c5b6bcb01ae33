import type { EvaluationUnit } from './design.ts'
import { normalDraw, seededRandom } from './random.ts'

/**
 * A synthetic population for the simulation tests: treatment is confounded (older people with
 * fewer previous offences are more likely to receive it, and are also less likely to reoffend),
 * and the true effect of treatment on the one-year reoffending probability is known exactly:
 * every person's probability moves by `effect` (e.g. -0.08), so the effect on the treated is
 * `effect` whoever is treated.
 */
export interface Population {
  units: EvaluationUnit[]
  trueEffect: number
}

export function confoundedPopulation(opts: { seed: number; size: number; effect: number }): Population {
  const random = seededRandom(opts.seed)
  const units: EvaluationUnit[] = []
  for (let i = 0; i < opts.size; i++) {
    const age = Math.round(Math.min(70, Math.max(18, 35 + 11 * normalDraw(random))))
    const previousOffences = Math.max(0, Math.round(8 + 6 * normalDraw(random)))
    const sex = random() < 0.9 ? 'male' : 'female'
    const accommodationNeed = random() < 0.4 ? 'yes' : 'no'
    const treatLogit =
      -1.6 + 0.06 * (age - 35) - 0.12 * (previousOffences - 8) + (accommodationNeed === 'yes' ? 0.4 : 0)
    const treated = random() < 1 / (1 + Math.exp(-treatLogit))
    // Kept within [0.1, 0.9] so moving it by up to 0.1 never leaves [0, 1].
    const base = 0.1 + 0.8 / (1 + Math.exp(-(0.2 - 0.05 * (age - 35) + 0.15 * (previousOffences - 8))))
    const reoffended = random() < base + (treated ? opts.effect : 0) ? 1 : 0
    units.push({
      personId: `p${String(i).padStart(7, '0')}`,
      releaseDate: '2024-01-01',
      treated,
      sex,
      ageAtRelease: age,
      ethnicGroup: random() < 0.05 ? null : random() < 0.8 ? 'White' : 'Other',
      previousOffences,
      indexOffenceGroup: random() < 0.5 ? 'theft_offences' : 'violence_against_the_person',
      sentenceLengthBand: 'under_12_months',
      region: random() < 0.5 ? 'North West' : 'London',
      accommodationNeed,
      employmentNeed: null,
      substanceMisuseNeed: random() < 0.45 ? 'yes' : 'no',
      outcomes: {
        reoffended,
        reoffences: reoffended ? 1 + Math.floor(random() * 3) : 0,
        daysToFirstReoffence: reoffended ? 1 + Math.floor(random() * 365) : null,
        housedFirstNight: random() < 0.85 ? 1 : 0,
        settled3Months: random() < 0.75 ? 1 : 0,
        employed6Weeks: random() < 0.17 ? 1 : 0,
        employed6Months: random() < 0.25 ? 1 : 0,
      },
    })
  }
  return { units, trueEffect: opts.effect }
}
