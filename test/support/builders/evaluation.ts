/**
 * A synthetic population written straight into the database, for the database tests and
 * the benchmark: the same confounded design as stats/simulate.ts (older people with fewer previous
 * offences are more likely to receive the service, and less likely to reoffend), where the service
 * is an accredited programme started 10 days after release and its true effect on the one-year
 * proven reoffending probability is `effect`. Deterministic: the same seed writes the same rows.
 */
import { sql } from 'kysely'
import type { Database } from '../../../src/platform/db/index.ts'

export interface SyntheticOptions {
  count: number
  seed: number
  effect: number
  /** Releases are spread over this window. */
  from: string
  days: number
  places: { prison: string; pdu: string; region: string }[]
  /** Offset added to person numbers, so several batches do not collide. */
  offset?: number
  /** Added to the treatment score: negative for a rarer service (the benchmark's 1%). */
  treatedShift?: number
}

export async function insertSyntheticReleases(db: Database, o: SyntheticOptions): Promise<void> {
  const u = (tag: string) => sql`((abs(hashtext(g::text || ${`:${tag}:${o.seed}`})) % 100000) / 100000.0)`
  const id = (tag: string) => sql`md5(${`${tag}:${o.seed}:`} || g)::uuid`
  const prisons = o.places.map((p) => p.prison)
  const pdus = o.places.map((p) => p.pdu)
  const regions = o.places.map((p) => p.region)
  await db.transaction().execute(async (trx) => {
    await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
    await sql`create temporary table synth on commit drop as
      select g, ${id('person')} as person_id, ${id('episode')} as episode_id,
        (${o.from}::date + (g % ${o.days}))::date as release_date,
        18 + floor(${u('age')} * 50)::int as age,
        floor(${u('prev')} * 25)::int as prev,
        1 + (g % ${o.places.length}) as place,
        ${u('treat')} as ut, ${u('reoffend')} as ur, ${u('housed')} as uh, ${u('sex')} as us
      from generate_series(${(o.offset ?? 0) + 1}::int, ${(o.offset ?? 0) + o.count}::int) g`.execute(trx)
    await sql`alter table synth add column treated boolean, add column reoffends boolean`.execute(trx)
    await sql`update synth set
      treated = ut < 1 / (1 + exp(-(${o.treatedShift ?? 0}::float8 - 1.6 + 0.06 * (age - 35) - 0.12 * (prev - 8)))),
      reoffends = false`.execute(trx)
    await sql`update synth set reoffends = ur < 0.1 + 0.8 / (1 + exp(-(0.2 - 0.05 * (age - 35) + 0.15 * (prev - 8))))
      + case when treated then ${o.effect}::float8 else 0 end`.execute(trx)
    await sql`insert into person (id, given_name, family_name, search_name, date_of_birth, sex)
      select person_id, 'Synthetic', 'Person ' || g, 'person ' || g || ' synthetic',
        (release_date - make_interval(years => age, days => 40))::date, case when us < 0.9 then 'male' else 'female' end
      from synth`.execute(trx)
    await sql`insert into custody_episode (id, person_id, prison_code, sentence_type, sentence_length_band, sentence_date,
        expected_release_date, actual_release_date, release_type, pdu_code, region_code, previous_offences, index_offence_group)
      select episode_id, person_id, (${prisons}::text[])[place], 'determinate',
        case when g % 3 = 0 then 'under_12_months' else '12_months_to_under_4_years' end,
        release_date - 200, release_date, release_date, 'conditional_release',
        (${pdus}::text[])[place], (${regions}::text[])[place], prev,
        case when g % 2 = 0 then 'theft_offences' else 'violence_against_the_person' end
      from synth`.execute(trx)
    await sql`insert into programme (person_id, name, sexual_offending, region_code, pdu_code, started_on, terminated_on, completed)
      select person_id, 'Thinking Skills Programme', false, (${regions}::text[])[place], (${pdus}::text[])[place],
        release_date + 10, release_date + 100, true
      from synth where treated`.execute(trx)
    await sql`insert into offence (person_id, offence_date, description, disposal, proven_date)
      select person_id, release_date + 60, 'Synthetic offence', 'conviction', release_date + 150 from synth where reoffends`.execute(
      trx,
    )
    await sql`insert into status_event (person_id, custody_episode_id, kind, accommodation_type_code, effective_date, source)
      select person_id, episode_id, 'accommodation', case when uh < 0.85 then 'A01C' else 'A16' end, release_date, 'com'
      from synth`.execute(trx)
    await sql`select set_config('outcome.defer_refresh', 'off', true)`.execute(trx)
    await sql`select outcome_refresh(array_agg(person_id), array_agg(release_date)) from synth`.execute(trx)
  })
  // Planner statistics for the new rows, as autovacuum would gather on a server in steady state.
  await sql`analyze`.execute(db)
}
