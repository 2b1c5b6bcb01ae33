import type { ReleaseType, SentenceLengthBand, SentenceType } from '../platform/db/schema.ts'
import { dayOf, type WorkingCalendar } from './calendar.ts'
import { choosePrison, movePlacement, type Estate, type Placement } from './estate.ts'
import { weighted, type Rng } from './prng.ts'
import {
  determinate,
  extendedDeterminate,
  indeterminate,
  recall,
  recallOfEarlierSentence,
  SENTENCE_PARAMETERS,
  type Sentence,
} from './sentences.ts'

/** A custody episode in whole days; actual release and release type are set only once it is past. */
export interface Episode {
  prisonCode: string
  sentenceType: SentenceType
  band: SentenceLengthBand
  sentenceDay: number
  expectedDay: number
  actualDay: number | null
  releaseType: ReleaseType | null
  licenceEndDay: number | null
  mappa: 1 | 2 | 3 | null
  placement: Placement
}

export const EPISODE_PARAMETERS = {
  /**
   * The window of releases: from 4 years back to 4 years ahead of `today`. Ahead of today it
   * holds the custody stock, everyone already sentenced, on their expected release dates: the
   * forecast reads that stock for 36 months (issue 16, docs/forecasting.md), and the fourth year
   * keeps its last months from running short of long sentences.
   */
  yearsBack: 4,
  yearsAhead: 4,
  /** Further custody episodes after the first in the window (relative weights). */
  laterEpisodes: [
    [0, 72],
    [1, 21],
    [2, 7],
  ] as const,
  /** Years of history simulated before the window, so its releases arrive at a steady rate. */
  burnInYears: 3,
  /** A later episode is a recall of the licence, while it lasts, with this probability. */
  laterRecallShare: 0.65,
  /** Offenders (Day of Release from Detention) Act 2023, s.23(3B): in force from this date. */
  dayOfReleaseActFrom: '2023-12-12',
  /** Share of Act releases brought forward a further day at the COM's request. */
  furtherDayShare: 0.15,
} as const

const ACT_FROM = dayOf(EPISODE_PARAMETERS.dayOfReleaseActFrom)

export interface EpisodeRequest {
  sex: 'male' | 'female'
  placement: Placement
  today: number
  /** The first release falls in [from, to]; the whole window when not given. */
  firstRelease?: { from: number; to: number }
  /** Pins the first episode: a single determinate sentence from this prison. */
  pinned?: { prisonCode: string }
}

export function windowOf(today: number): { start: number; end: number } {
  return {
    start: today - Math.round(EPISODE_PARAMETERS.yearsBack * 365.25),
    end: today + Math.round(EPISODE_PARAMETERS.yearsAhead * 365.25),
  }
}

/**
 * The day a release happens (domain.md section 6). A release due on a non-working day happens
 * on the working day before (Criminal Justice Act 1961, s.23(3)). From 12 December 2023 an adult
 * determinate release due before a non-working day is presumed one eligible working day earlier,
 * sometimes two; not for HDC, Parole Board releases or fewer than 28 days served.
 */
export function releaseDay(rng: Rng, cal: WorkingCalendar, due: number, s: Sentence, served: number): number {
  const day = cal.onOrBefore(due)
  const actApplies =
    day >= ACT_FROM &&
    served >= 28 &&
    (s.type === 'determinate' || s.type === 'recall') &&
    s.releaseType !== 'hdc' &&
    s.releaseType !== 'court' &&
    !cal.isWorkingDay(day + 1)
  if (!actApplies) return day
  const first = cal.onOrBefore(day - 1)
  const second = cal.onOrBefore(first - 1)
  const eligible = [first, second].filter((d) => cal.isWorkingDay(d + 1))
  const chosen =
    eligible.length > 1 && rng.chance(EPISODE_PARAMETERS.furtherDayShare) ? eligible[1] : eligible[0]
  return chosen ?? day
}

function firstSentence(rng: Rng, sex: 'male' | 'female', pinned: boolean): Sentence {
  if (pinned) return determinate(rng, sex, '12_months_to_under_4_years')
  const types = SENTENCE_PARAMETERS.firstEpisodeType
  const type = weighted(rng, sex === 'female' ? types.filter(([t]) => t !== 'indeterminate') : types)
  if (type === 'determinate') return determinate(rng, sex)
  if (type === 'recall') return recallOfEarlierSentence(rng, sex)
  if (type === 'extended_determinate') return extendedDeterminate(rng)
  return indeterminate(rng)
}

interface Step {
  sentence: Sentence
  /** The sentence date; the sentence's offsets count from it. */
  sentenceDay: number
  releaseAt: number
}

function toEpisode(
  step: Step,
  recordedSentenceDay: number,
  prisonCode: string,
  placement: Placement,
  today: number,
): Episode {
  const { sentence: s, sentenceDay, releaseAt } = step
  // The expected date is the day the release is planned for: for HDC, the approved curfew date.
  const expectedDay = releaseAt
  const past = releaseAt <= today
  return {
    prisonCode,
    sentenceType: s.type,
    band: s.band,
    sentenceDay: recordedSentenceDay,
    expectedDay,
    actualDay: past ? releaseAt : null,
    releaseType: past ? s.releaseType : null,
    // The licence runs to the sentence end date, fixed by the sentence, not moved with the release day.
    licenceEndDay: s.licenceEnd === null ? null : Math.max(sentenceDay + s.licenceEnd, expectedDay),
    mappa: s.mappa,
    placement,
  }
}

/** What follows a release: a recall while the licence lasts, or a new sentence; null if that would start after today. */
function nextStep(
  rng: Rng,
  cal: WorkingCalendar,
  sex: 'male' | 'female',
  previous: Step,
  today: number,
): Step | null {
  const p = previous.sentence
  const licenceLeft = p.licenceEnd === null ? 0 : previous.sentenceDay + p.licenceEnd - previous.releaseAt
  if (licenceLeft > 42 && rng.chance(EPISODE_PARAMETERS.laterRecallShare)) {
    const recalledAt = cal.onOrBefore(previous.releaseAt + rng.between(14, Math.min(licenceLeft - 1, 540)))
    if (recalledAt > today || recalledAt <= previous.releaseAt) return null
    const offset = recalledAt - previous.sentenceDay
    const r = recall(rng, { band: p.band, licenceEnd: p.licenceEnd ?? offset, mappa: p.mappa }, offset)
    const releaseAt = Math.max(
      recalledAt,
      releaseDay(rng, cal, previous.sentenceDay + r.release, r, r.release - offset),
    )
    return { sentence: r, sentenceDay: previous.sentenceDay, releaseAt }
  }
  const day = cal.onOrBefore(previous.releaseAt + rng.between(60, 900))
  if (day > today) return null
  const sentence = determinate(rng, sex)
  return {
    sentence,
    sentenceDay: day,
    releaseAt: Math.max(day, releaseDay(rng, cal, day + sentence.release, sentence, sentence.release)),
  }
}

/**
 * A chain of custody episodes: the first release drawn uniformly in [from, to], later ones (a
 * recall of the licence, or a new sentence) following it until `end` or until a custody would
 * start after today.
 */
function chain(
  rng: Rng,
  estate: Estate,
  req: EpisodeRequest,
  from: number,
  to: number,
  end: number,
): Episode[] {
  const cal = estate.calendar
  const s = firstSentence(rng, req.sex, req.pinned !== undefined)
  const sentenceDay = cal.onOrBefore(from + rng.int(to - from + 1) - s.release)
  const releaseAt = Math.max(sentenceDay, releaseDay(rng, cal, sentenceDay + s.release, s, s.release))
  // A release after today belongs to someone already sentenced: the stock holds only people in
  // custody now. Drawing releases evenly and refusing those sentenced after today leaves, on each
  // future day, just the sentences long enough to reach it, as the stock of a steady flow of
  // receptions would (the caller draws again).
  if (!req.pinned && !req.firstRelease && sentenceDay > req.today) return []
  const first: Step = { sentence: s, sentenceDay, releaseAt }
  // Nobody is sentenced in the future: a short sentence due out soon is recorded as starting a
  // little earlier (as if with less time on remand), keeping its release and licence dates.
  const recorded = sentenceDay > req.today ? cal.onOrBefore(req.today - rng.int(14)) : sentenceDay
  const prison =
    req.pinned?.prisonCode ??
    choosePrison(rng, estate, req.placement.regionCode, req.sex, s.type === 'recall')
  const episodes = [toEpisode(first, recorded, prison, req.placement, req.today)]
  if (req.pinned) return episodes

  const later = weighted(rng, EPISODE_PARAMETERS.laterEpisodes)
  let previous = first
  let placement = req.placement
  for (let n = 0; n < later && previous.releaseAt < req.today; n++) {
    const next = nextStep(rng, cal, req.sex, previous, req.today)
    if (!next || next.releaseAt > end) break
    if (next.sentence.type !== 'recall') placement = movePlacement(rng, estate, placement)
    const prisonCode = choosePrison(
      rng,
      estate,
      placement.regionCode,
      req.sex,
      next.sentence.type === 'recall',
    )
    episodes.push(toEpisode(next, next.sentenceDay, prisonCode, placement, req.today))
    previous = next
  }
  return episodes
}

/**
 * A person's custody episodes in the window, oldest first. The person's history starts before
 * the window (by `burnInYears`) and only the releases inside it are kept, so the window sees a
 * steady flow of first releases, recalls and new sentences rather than a flow that builds up.
 */
export function planEpisodes(rng: Rng, estate: Estate, req: EpisodeRequest): Episode[] {
  const { start, end } = windowOf(req.today)
  if (req.firstRelease || req.pinned) {
    return chain(rng, estate, req, req.firstRelease?.from ?? start, req.firstRelease?.to ?? end, end)
  }
  const burnIn = Math.round(EPISODE_PARAMETERS.burnInYears * 365.25)
  for (let attempt = 0; attempt < 40; attempt++) {
    const inWindow = chain(rng, estate, req, start - burnIn, end, end).filter(
      (e) => (e.actualDay ?? e.expectedDay) >= start,
    )
    if (inWindow.length > 0) return inWindow
  }
  // Practically never reached: a release in the window's past always has a sentence before today.
  return chain(rng, estate, req, start, req.today, end)
}
