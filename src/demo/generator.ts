import { pgliteOf, type Database } from '../platform/db/index.ts'
import { readReferenceJson } from '../domains/reference/files.ts'
import { dayOf, isoOf } from './calendar.ts'
import { planEpisodes, type EpisodeRequest } from './episodes.ts'
import { buildEstate, placeRelease, type Estate, type Placement } from './estate.ts'
import { DEMO_FOCUS } from './geography.ts'
import { focusPlan, type FocusSlot } from './focus.ts'
import { identifierCapacity } from './identifiers.ts'
import { insertEpisodes, insertPeople, type EpisodeRow } from './insert.ts'
import { buildPerson, chooseEthnicGroup, chooseSex, type PersonRow } from './people.ts'
import { createRng, uuidFrom } from './prng.ts'
import { offendingHistory } from './variation/effects.ts'
import { DEMO_EMAIL_DOMAIN, ensureDemoOrganisations, ensureDemoUsers, type DemoUser } from './users.ts'
import { attachDemoAccounts } from './accounts.ts'
import { withoutForeignKeys, withoutSecondaryIndexes } from './bulk-load.ts'
import { ensureComTeams } from './com-teams.ts'
import { generateOutcomesDemo } from './outcomes/generate.ts'
import { deferOutcomeRefresh, refreshAllOutcomes } from './outcomes/maintenance.ts'
import { rebuildOutcomesInBulk } from './outcomes/bulk-rebuild.ts'
import { withoutTerminationRollup } from './outcomes/bulk-session.ts'
import { generateReleasePlanningDemo } from './release-planning/generate.ts'
import { generateReferralDemo } from './referrals/generate.ts'
import { generateCas3Demo } from './cas3/generate.ts'
import { generateCapacityDemo } from './capacity/generate.ts'

export interface DemoOptions {
  /** How many people; they have about 1.2 custody episodes (releases) each. */
  people: number
  seed: number
  /** The password every demo user signs in with. */
  password: string
  /** ISO date the data is generated around: releases up to it are past, later ones are due. */
  today: string
  /** Told when each phase of the load ends, with its seconds (for the benchmarks). */
  onPhase?: (phase: string, seconds: number) => void
  /** Told when each step of the bulk outcome rebuild ends (bulk-rebuild.ts), with its seconds. */
  onStep?: (step: string, seconds: number) => void
}

export interface DemoSummary {
  people: number
  /** Custody episodes, each one release (past or expected): a person released twice counts twice. */
  custodyEpisodes: number
  /** Episodes with an actual release date on or before today. */
  released: number
  /** Episodes not yet released (expected after today). */
  dueForRelease: number
  /** Demo users created by this run (existing ones are kept). */
  users: number
  organisationsCreated: number
  demoUsers: DemoUser[]
}

/** People per transaction: one unnest() statement per table, so the size is bounded by memory only. */
const BATCH_SIZE = 5_000
/** Transactions in flight at once on PostgreSQL; more than the server's cores only queue. */
const POSTGRES_WRITERS = 2
const PEOPLE_STREAM = 1

async function loadEstate(db: Database): Promise<Estate> {
  const [pdus, prisons, las, groups] = await Promise.all([
    db.selectFrom('pdu').select(['code', 'region_code']).orderBy('code').execute(),
    db.selectFrom('prison').select(['code', 'active', 'male', 'female']).orderBy('code').execute(),
    db.selectFrom('local_authority').select('code').orderBy('code').execute(),
    db.selectFrom('ethnic_group').select('code').orderBy('code').execute(),
  ])
  // The bank holidays are read from the project's reference copy of the GOV.UK feed.
  const holidays = readReferenceJson<Record<string, { events: { date: string }[] } | undefined>>(
    'bank-holidays/bank-holidays.json',
  )
  return buildEstate({
    bankHolidays: (holidays['england-and-wales']?.events ?? []).map((e) => e.date),
    pdus,
    prisons,
    localAuthorityCodes: las.map((l) => l.code),
    ethnicGroupCodes: groups.map((g) => g.code),
  })
}

/** One person and their custody episodes, from the person's own random stream. */
export function generatePerson(
  seed: number,
  index: number,
  today: number,
  estate: Estate,
  focus: FocusSlot | null,
): { person: PersonRow; episodes: EpisodeRow[] } {
  const rng = createRng(seed, PEOPLE_STREAM, index)
  const id = uuidFrom(rng)
  const placement: Placement = focus
    ? { regionCode: DEMO_FOCUS.regionCode, pduCode: DEMO_FOCUS.pduCode, councilCode: focus.councilCode }
    : placeRelease(rng, estate)
  // Pentonville holds men.
  const sex = focus ? 'male' : chooseSex(rng)
  const ethnicGroup = chooseEthnicGroup(rng, placement.regionCode, estate.ethnicGroups)
  const request: EpisodeRequest = { sex, placement, today }
  if (focus) {
    request.pinned = { prisonCode: DEMO_FOCUS.prisonCode }
    request.firstRelease = focus.upcoming
      ? { from: today + 7, to: today + 80 }
      : { from: today - 365, to: today - 1 }
  }
  const planned = planEpisodes(rng, estate, request)
  const first = planned[0]
  if (!first) throw new Error('a demo person has no custody episode')
  const person = buildPerson(rng, {
    seed,
    index,
    id,
    sex,
    ethnicGroup,
    regionCode: placement.regionCode,
    firstReleaseDay: first.actualDay ?? first.expectedDay,
    firstSentenceDay: first.sentenceDay,
  })
  const episodes = planned.map((e): EpisodeRow => {
    const episodeId = uuidFrom(rng)
    // The same draw fillOffendingHistory makes for an episode without one, keyed by the id.
    const history = offendingHistory(seed, parseInt(episodeId.replaceAll('-', '').slice(0, 8), 16))
    return {
      id: episodeId,
      person_id: id,
      prison_code: e.prisonCode,
      sentence_type: e.sentenceType,
      sentence_length_band: e.band,
      sentence_date: isoOf(e.sentenceDay),
      expected_release_date: isoOf(e.expectedDay),
      actual_release_date: e.actualDay === null ? null : isoOf(e.actualDay),
      release_type: e.releaseType,
      licence_end_date: e.licenceEndDay === null ? null : isoOf(e.licenceEndDay),
      mappa_level: e.mappa,
      pdu_code: e.placement.pduCode,
      region_code: e.placement.regionCode,
      local_authority_code: e.placement.councilCode,
      previous_offences: history.previous,
      index_offence_group: history.group,
    }
  })
  return { person, episodes }
}

/**
 * Fills an empty database (reference data loaded) with a reproducible demo: providers and
 * health bodies, one user per role, and `people` people with their releases. The same options
 * give the same rows, ids included. Meant for an empty database: the caller checks.
 */
export async function generateDemoData(
  db: Database,
  options: DemoOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoSummary> {
  const { people, seed } = options
  if (!Number.isInteger(people) || people < 0 || people > identifierCapacity) {
    throw new RangeError(`people must be a whole number from 0 to ${identifierCapacity}`)
  }
  if (!Number.isInteger(seed)) throw new RangeError('seed must be a whole number')
  const today = dayOf(options.today)
  let phaseStart = performance.now()
  const phase = (name: string) => {
    const now = performance.now()
    options.onPhase?.(name, (now - phaseStart) / 1000)
    phaseStart = now
  }
  const estate = await loadEstate(db)
  const organisationsCreated = await ensureDemoOrganisations(db, seed)
  const users = await ensureDemoUsers(db, seed, options.password)
  await ensureComTeams(db, seed)
  const focusOf = focusPlan(people, estate)

  const summary = { custodyEpisodes: 0, released: 0, dueForRelease: 0 }
  // Foreign keys are checked once, set-based, after the load instead of row by row (bulk-load.ts).
  // On an empty database, the indexes no load statement reads are built after it as well.
  await withoutForeignKeys(db, async (keysDropped) => {
    if (!keysDropped || people === 0) await load(keysDropped)
    else {
      await withoutSecondaryIndexes(db, () => load(true))
      phase('indexes built')
    }
    // Capacity reads the status events by their indexes: after they are built.
    if (people > 0) {
      await generateCapacityDemo(db, { seed, today: options.today })
      phase('capacity')
    }
  })
  phase('foreign keys validated')
  return { people, ...summary, users: users.created, organisationsCreated, demoUsers: users.users }

  async function load(keysDropped: boolean): Promise<void> {
    // On an empty database the termination roll-up and the coded terminations are counted once,
    // in the bulk rebuild: their triggers are off from the first episode written (an episode's
    // trigger otherwise looks up each batch's people's terminations, when there are none yet).
    if (keysDropped && people > 0)
      return withoutTerminationRollup(db, async () => {
        await writePeople(true)
        await capabilities(true)
      })
    await writePeople(keysDropped)
    // Each capability adds its own calibrated records for the releases just made, so every page
    // of the demo has something true-to-life on it. Outcomes go last: they read the others'
    // records. A run that made no people (users only) adds none.
    if (people > 0) await capabilities(false)
  }

  async function writePeople(keysDropped: boolean): Promise<void> {
    const batch = (from: number) => {
      const persons: PersonRow[] = []
      const episodes: EpisodeRow[] = []
      for (let i = from; i < Math.min(people, from + BATCH_SIZE); i++) {
        const g = generatePerson(seed, i, today, estate, focusOf(i))
        persons.push(g.person)
        for (const e of g.episodes) {
          episodes.push(e)
          if (e.actual_release_date === null) summary.dueForRelease++
          else summary.released++
        }
      }
      summary.custodyEpisodes += episodes.length
      return { persons, episodes }
    }

    onProgress?.(0, people)
    // Batches are generated while earlier ones are written, with up to `writers` transactions in
    // flight: on PostgreSQL each runs on its own connection and server process. The rows do not
    // depend on the order the batches commit in.
    // PGlite is one session: its transactions must run one after another.
    const writers = pgliteOf(db) ? 1 : POSTGRES_WRITERS
    const inFlight = new Set<Promise<void>>()
    let done = 0
    for (let from = 0; from < people; from += BATCH_SIZE) {
      const { persons, episodes } = batch(from)
      const writing: Promise<void> = db
        .transaction()
        .execute(async (trx) => {
          // Outcome facts are rebuilt once, after every capability's records are in (below).
          await deferOutcomeRefresh(trx)
          if (keysDropped) {
            // Episodes first: their scope trigger then finds no person to update, and each
            // person is written once with its scope keys already computed.
            await insertEpisodes(trx, episodes)
            await insertPeople(trx, persons, true)
          } else {
            await insertPeople(trx, persons)
            await insertEpisodes(trx, episodes)
          }
        })
        .then(() => {
          inFlight.delete(writing)
          done += persons.length
          onProgress?.(done, people)
        })
      inFlight.add(writing)
      if (inFlight.size >= writers) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    phase('people and releases')
  }

  /** Every capability's records for the people just written; `empty`: the database had none before. */
  async function capabilities(empty: boolean): Promise<void> {
    const planning = () => generateReleasePlanningDemo(db, { seed, today: options.today })
    const referralsAndCas3 = async () => {
      await generateReferralDemo(db, { seed, today: options.today })
      await attachDemoAccounts(db, DEMO_EMAIL_DOMAIN)
      await generateCas3Demo(db, { seed, today: options.today, deferRefresh: true })
    }
    // Release planning is set-based SQL and the referrals mostly Node drawing pages: on PostgreSQL
    // into an empty database they run side by side (neither reads what the other writes).
    if (empty && !pgliteOf(db)) {
      await Promise.all([planning(), referralsAndCas3()])
      phase('release planning, referrals and cas3')
    } else {
      await planning()
      phase('release planning')
      await referralsAndCas3()
      phase('referrals and cas3')
    }
    // Same-day concurrent releases are added there (issue 13): count them as releases too.
    // Two pages at once on PostgreSQL when the termination roll-up's triggers are off (empty).
    const { sameDay } = await generateOutcomesDemo(db, {
      seed,
      today: options.today,
      deferRefresh: true,
      writers: empty && !pgliteOf(db) ? POSTGRES_WRITERS : 1,
    })
    summary.custodyEpisodes += sameDay
    summary.released += sameDay
    phase('outcome histories')
    // The outcome triggers were deferred for the whole load (issue 17). Into an empty database
    // the facts and every roll-up are counted once, set-based (bulk-rebuild.ts); into one that
    // already had people, through the same outcome_refresh the triggers call.
    if (empty) await rebuildOutcomesInBulk(db, { onStep: options.onStep })
    else await refreshAllOutcomes(db)
    phase('outcome facts rebuilt')
  }
}
