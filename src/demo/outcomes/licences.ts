/**
 * Demo licences that agree with the custody records (issue 13): a licence ends as recalled when,
 * and only when, the person's next custody episode is a recall; a re-release is its own episode
 * and so starts its own licence; a licence completes only when it runs to its end date with no
 * recall, new sentence or death before it. Deaths on licence and same-day multiple releases are
 * added at low rates so the measures' exclusions are exercised by the demo.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { applyOffset } from '../../domains/outcomes/checkpoints.ts'
import type { Rng } from '../prng.ts'

/**
 * Deaths of people under post-release supervision: a few per thousand a year (MoJ, Deaths of
 * Offenders in the Community, about 1 in 250 supervised people a year); 0.4% of licences.
 */
export const DEATH_ON_LICENCE = 0.004
/** Two concurrent sentences released on the same day: about 1 release in 200. */
export const SAME_DAY_SHARE = 200
/** Of recalls, the share recorded on the release day itself (a same-day recall). */
const SAME_DAY_RECALL = 0.02

/** What follows a release in the custody records: the person's next episode, if any. */
export interface NextEpisode {
  sentenceType: string
  /** Its release date, or null while the person is still in custody. */
  releaseDate: string | null
  sentenceDate: string
}

export interface LicenceEnding {
  end: string | null
  reason: 'recalled' | 'completed' | 'died' | 'other' | null
}

/** How a licence from `release` to `licenceEnd` ends, given what follows it, as of `today`. */
export function licenceEnding(
  rng: Rng,
  release: string,
  licenceEnd: string,
  next: NextEpisode | null,
  today: string,
): LicenceEnding {
  const min = (a: string, b: string) => (a < b ? a : b)
  const max = (a: string, b: string) => (a > b ? a : b)
  if (next?.sentenceType === 'recall') {
    // Recalled after the release day (rarely on it) and some weeks before the re-release (or
    // while still in custody), never after today.
    const latest = min(next.releaseDate ?? today, today)
    const earliest = min(applyOffset(release, { days: 1 }), latest)
    if (rng.chance(SAME_DAY_RECALL)) return { end: release, reason: 'recalled' }
    const drawn = applyOffset(latest, { days: -rng.between(14, 120) })
    return { end: max(drawn, earliest), reason: 'recalled' }
  }
  // A new custodial sentence before the licence ends supersedes it.
  if (next && next.sentenceDate < licenceEnd)
    return next.sentenceDate <= today
      ? { end: max(next.sentenceDate, release), reason: 'other' }
      : { end: null, reason: null }
  if (!next && rng.chance(DEATH_ON_LICENCE)) {
    const died = applyOffset(release, { days: rng.between(1, 360) })
    if (died <= today && died < licenceEnd) return { end: died, reason: 'died' }
  }
  return licenceEnd <= today ? { end: licenceEnd, reason: 'completed' } : { end: null, reason: null }
}

/**
 * Adds, for about one release in SAME_DAY_SHARE, a concurrent sentence released the same day (a
 * second episode), chosen and named from the episode's id so the demo stays deterministic. Only
 * releases not yet given a history are considered, so a second run adds nothing.
 */
export async function addSameDayReleases(db: Database, today: string, deferRefresh = false): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // A load that rebuilds every release's facts at its end defers their refresh (maintenance.ts).
    if (deferRefresh) await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
    return insertSameDayReleases(trx, today)
  })
}

async function insertSameDayReleases(db: Database, today: string): Promise<number> {
  const result = await sql`
    insert into custody_episode (id, person_id, prison_code, sentence_type, sentence_length_band, sentence_date,
      expected_release_date, actual_release_date, release_type, licence_end_date, mappa_level, pdu_code, region_code,
      local_authority_code)
    select md5(e.id::text || ':same-day')::uuid, e.person_id, e.prison_code, 'determinate', 'under_12_months',
      e.sentence_date, e.actual_release_date, e.actual_release_date, e.release_type, e.licence_end_date, e.mappa_level,
      e.pdu_code, e.region_code, e.local_authority_code
    from custody_episode e
    where e.actual_release_date <= ${today}::date and e.sentence_type <> 'recall'
      and ('x' || substr(md5(e.id::text), 1, 8))::bit(32)::bigint % ${SAME_DAY_SHARE} = 0
      and not exists (select 1 from supervision_order o where o.custody_episode_id = e.id)
      and not exists (select 1 from custody_episode t where t.person_id = e.person_id
        and t.actual_release_date = e.actual_release_date and t.id <> e.id)
    on conflict (id) do nothing`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
