/**
 * One released episode's outcome history, drawn from its own random stream: accommodation on the
 * first night and by 3 months, employment at 6 weeks and 6 months, treatment, the licence and how
 * it ended, accredited programmes and reoffending. Calibrated to domain.md sections 11 and 12.
 */
import { applyOffset } from '../../domains/outcomes/checkpoints.ts'
import { uuidFrom, type Rng } from '../prng.ts'
import { licenceEnding, type NextEpisode } from './licences.ts'
import {
  employedChance,
  homelessChance,
  reoffendChance,
  treatmentEngagedChance,
  type Release,
} from '../variation/effects.ts'

/** Per region: rates among releases with a known status (domain.md sections 11 and 12). */
interface Calibration {
  housed: number
  settled3m: number
  employed6w: number
  employed6m: number
  sexualCompletion: number
  requirementsComplete: number
}
const NATIONAL: Calibration = {
  housed: 0.87,
  // Settled at 3 months as the measure reads it (settledDraw turns it into the chance drawn).
  // 76% is published nationally (domain.md section 12) and 66%, 76% and 76% for London, the North
  // West and Greater Manchester (section 11); the other regions, about 69% of releases, at 78%
  // give the national 76% with London's 14% of releases at 66%.
  settled3m: 0.78,
  employed6w: 0.17,
  employed6m: 0.25,
  sexualCompletion: 0.7,
  requirementsComplete: 0.8,
}
const REGIONS: Record<string, Partial<Calibration>> = {
  // London: 76% housed on the first night at the March 2023 baseline, rising towards 90%.
  N07: { housed: 0.76, settled3m: 0.66, employed6w: 0.14, employed6m: 0.19, sexualCompletion: 0.6 },
  N51: {
    housed: 0.89,
    settled3m: 0.76,
    employed6w: 0.2,
    employed6m: 0.31,
    sexualCompletion: 0.67,
    requirementsComplete: 0.837,
  },
  N50: { housed: 0.91, settled3m: 0.76, employed6w: 0.21, employed6m: 0.42, sexualCompletion: 0.81 },
}
const UNKNOWN = 0.05
/**
 * Of releases with a known status at 3 months, the share back in custody then: a release recalled
 * on or before the checkpoint reads 'custody' and stays in the settled measure's denominator as
 * not settled (migration 0013_1, issue 13). It follows from the demo's recalls (about 11% of
 * releases recalled within 12 months, docs/demo-data.md): 8.9% measured at 100,000 people, 8.6%
 * to 8.9% in every region.
 */
const IN_CUSTODY_AT_3_MONTHS = 0.089
/** Of those housed on the first night, the share in settled accommodation (an assumption). */
const FIRST_NIGHT_SETTLED = 0.62
const NOT_AVAILABLE = 0.12
const TREATMENT_NEED = 0.45
const TREATMENT_ENGAGED = 0.37
const PROGRAMME = 0.04

const SETTLED = ['A01A', 'A01C', 'A01C', 'A01D', 'A07B', 'A12']
const TEMPORARY = ['A02', 'A10', 'A11', 'A17', 'A17', 'A03', 'A13', 'A14', 'A16', 'A04']
const NOT_HOUSED = ['A07A', 'A08', 'A08A', 'A08C']
const EMPLOYED = ['employed_full_time', 'employed_full_time', 'employed_part_time', 'self_employed']
const NOT_EMPLOYED = ['unemployed_available', 'unemployed_available', 'education_or_training']

export interface EpisodeIn {
  id: string
  person_id: string
  actual_release_date: string
  licence_end_date: string | null
  region_code: string
  pdu_code: string
  next: NextEpisode | null
  /** Who is released, for the structure of issue 14 (variation/demo-effects.ts). */
  prison_code: string
  sex: string
  age: number
  ethnicity: string | null
  band: Release['band']
  previous_offences: number | null
}

export interface Rows {
  status: {
    id: string
    person_id: string
    episode: string
    kind: string
    acc: string | null
    emp: string | null
    trt: string | null
    date: string
    source: string
  }[]
  context: { episode: string; rotl: boolean; out_of_scope: boolean; need: boolean }[]
  licences: {
    id: string
    person_id: string
    episode: string
    region: string
    pdu: string
    start: string
    end: string | null
    reason: string | null
    complete: boolean | null
  }[]
  programmes: {
    id: string
    person_id: string
    name: string
    sexual: boolean
    region: string
    pdu: string
    start: string
    end: string | null
    completed: boolean | null
  }[]
  offences: { id: string; person_id: string; committed: string; proven: string | null }[]
}

const calibration = (region: string, year: number): Calibration => {
  const c = { ...NATIONAL, ...REGIONS[region] }
  // London's housing improves by about 2 points a year from the 2023 baseline (its plan's aim).
  if (region === 'N07') c.housed = Math.min(0.9, Math.max(0.7, c.housed + 0.02 * (year - 2023)))
  return c
}

/**
 * The chance of drawing a settled status at 3 months so the measure reads `published`: releases in
 * custody then count against it, and a release with no 3-month status keeps its first night's
 * (settled for FIRST_NIGHT_SETTLED of those housed).
 */
export function settledDraw(published: number, housed: number): number {
  const inCommunity = published / (1 - IN_CUSTODY_AT_3_MONTHS)
  return Math.min(0.98, (inCommunity - UNKNOWN * housed * FIRST_NIGHT_SETTLED) / (1 - UNKNOWN))
}

export function plan(rng: Rng, e: EpisodeIn, today: string, rows: Rows) {
  const rel = e.actual_release_date
  const c = calibration(e.region_code, Number(rel.slice(0, 4)))
  const who: Release = {
    sex: e.sex,
    age: Number(e.age),
    ethnicity: e.ethnicity,
    band: e.band,
    previousOffences: e.previous_offences,
    pdu: e.pdu_code,
    prison: e.prison_code,
  }
  const day = (from: number, to: number) => applyOffset(rel, { days: rng.between(from, to) })
  const status = (kind: string, date: string, value: string, source = 'com') => {
    if (date > today) return
    rows.status.push({
      id: uuidFrom(rng),
      person_id: e.person_id,
      episode: e.id,
      kind,
      acc: kind === 'accommodation' ? value : null,
      emp: kind === 'employment' ? value : null,
      trt: kind === 'treatment' ? value : null,
      date,
      source,
    })
  }
  const need = rng.chance(TREATMENT_NEED)
  const rotl = rng.chance(0.01)
  const outOfScope = rng.chance(0.01)
  if (need || rotl || outOfScope) rows.context.push({ episode: e.id, rotl, out_of_scope: outOfScope, need })

  // First night, then where they are by 3 months.
  if (!rng.chance(UNKNOWN)) {
    const housed = !rng.chance(homelessChance(who, c.housed))
    const first = housed
      ? rng.chance(FIRST_NIGHT_SETTLED)
        ? rng.pick(SETTLED)
        : rng.pick(TEMPORARY)
      : rng.pick(NOT_HOUSED)
    status('accommodation', rel, first, 'prison')
    if (!rng.chance(UNKNOWN))
      status(
        'accommodation',
        day(20, 85),
        rng.chance(settledDraw(c.settled3m, c.housed))
          ? rng.pick(SETTLED)
          : rng.pick([...TEMPORARY, ...NOT_HOUSED]),
      )
  }
  // Employment at 6 weeks and 6 months.
  const available = !rng.chance(NOT_AVAILABLE)
  if (!rng.chance(UNKNOWN))
    status(
      'employment',
      day(3, 40),
      !available
        ? 'not_available'
        : rng.chance(employedChance(who, c.employed6w, c.employed6m))
          ? rng.pick(EMPLOYED)
          : rng.pick(NOT_EMPLOYED),
    )
  if (!rng.chance(UNKNOWN))
    status(
      'employment',
      day(60, 175),
      !available
        ? 'not_available'
        : rng.chance(employedChance(who, c.employed6m, c.employed6m))
          ? rng.pick(EMPLOYED)
          : rng.pick(NOT_EMPLOYED),
    )
  // Treatment: referred before release; engaged within 3 weeks for about 37%.
  if (need && !rng.chance(UNKNOWN)) {
    status('treatment', day(-20, 0), 'referred', 'prison')
    if (rng.chance(treatmentEngagedChance(who, TREATMENT_ENGAGED)))
      status('treatment', day(1, 20), rng.pick(['first_appointment_attended', 'engaged']), 'provider')
    else if (rng.chance(0.4)) status('treatment', day(25, 80), 'engaged', 'provider')
  }

  // The licence ends as the custody records say: recalled if the next episode is a recall
  // (demo-licences.ts), otherwise completed at its end date unless something ended it first.
  const licenceEnd =
    e.licence_end_date && e.licence_end_date > rel ? e.licence_end_date : applyOffset(rel, { months: 12 })
  const ending = licenceEnding(rng, rel, licenceEnd, e.next, today)
  rows.licences.push({
    id: uuidFrom(rng),
    person_id: e.person_id,
    episode: e.id,
    region: e.region_code,
    pdu: e.pdu_code,
    start: rel,
    end: ending.end,
    reason: ending.reason,
    complete:
      ending.reason === null
        ? null
        : ending.reason === 'completed' && rng.chance(c.requirementsComplete / 0.85),
  })

  if (rng.chance(PROGRAMME)) {
    const sexual = rng.chance(0.35)
    const start = day(20, 120)
    const finish = applyOffset(start, { days: rng.between(120, 270) })
    if (start <= today) {
      rows.programmes.push({
        id: uuidFrom(rng),
        person_id: e.person_id,
        name: sexual
          ? rng.pick(['Horizon', 'Kaizen', 'iHorizon'])
          : rng.pick(['Building Choices', 'Thinking Skills Programme']),
        sexual,
        region: e.region_code,
        pdu: e.pdu_code,
        start,
        end: finish <= today ? finish : null,
        completed: finish <= today ? rng.chance(sexual ? c.sexualCompletion : 0.7) : null,
      })
    }
  }

  // Reoffending: about 38% offend within a year; most offences are proven within 6 months more.
  if (rng.chance(reoffendChance(who))) {
    const count = 1 + (rng.chance(0.5) ? rng.int(4) : 0)
    for (let i = 0; i < count; i++) {
      const committed = day(5, 365)
      const proven = applyOffset(committed, { days: rng.between(14, rng.chance(0.9) ? 150 : 420) })
      if (committed <= today)
        rows.offences.push({
          id: uuidFrom(rng),
          person_id: e.person_id,
          committed,
          proven: proven <= today ? proven : null,
        })
    }
  }
}
