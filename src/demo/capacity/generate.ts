/**
 * Demo capacity: COM full-time equivalents for every PDU and Approved Premises places for
 * every region, so the over-capacity view has something true-to-life in it. Staffing is set
 * from each PDU's licences open today at 42 to 66 cases per FTE (NAO 2023: suggested 30 to 60,
 * 29% of posts vacant, many above 70), so some PDUs start near or over the norm of 60 and the
 * forecast pushes others over. Approved Premises places are not published per region (London's
 * 13 premises are: HMPPS London Reducing Reoffending Plan 2022-25, annual update 2023), so each
 * region's places are sized from the demo's own Approved Premises stays over the last year, at
 * 85% to 115% of their average occupancy: some regions then run over, as the NAO found most did.
 *
 * CRS contract places (places a contract year, migration 0029) are not published per contract
 * either (the NAO gives 131 contracts let from June 2021, not their volumes), so each demo
 * contract's are sized from the referrals it took in the last year (or a year's average over
 * the last two, if more): most at 160% to 220% of them, room for the forecast's busier months,
 * and about three in ten at 90% to 110%, which the forecast takes over in some months, as a
 * contract let too tightly would be. At least 2 a year, so a contract that took none still has
 * a place to offer.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { createRng, type Rng } from '../prng.ts'

const CAPACITY_STREAM = 0xca9a
/** Contract places draw from a stream of their own, so staffing and places stay as they were. */
const CONTRACT_SUBSTREAM = 1

export async function generateCapacityDemo(
  db: Database,
  options: { seed: number; today: string },
): Promise<void> {
  const rng = createRng(options.seed, CAPACITY_STREAM, 0)
  const open = await sql<{ pdu: string; n: number }>`
    select p.code as pdu, count(o.id)::int as n
    from pdu p left join supervision_order o on o.pdu_code = p.code and o.kind = 'licence'
      and o.start_date <= ${options.today}::date and (o.terminated_on is null or o.terminated_on > ${options.today}::date)
    group by p.code order by p.code`.execute(db)
  for (const row of open.rows) {
    if (row.n === 0) continue
    const perFte = 42 + rng.next() * 24
    const fte = Math.max(0.5, Math.round((row.n / perFte) * 2) / 2)
    await sql`insert into pdu_staffing (pdu_code, com_fte) values (${row.pdu}, ${fte}) on conflict (pdu_code) do nothing`.execute(
      db,
    )
  }
  const stays = await sql<{ code: string; nights: number }>`
    select r.code, coalesce(sum(greatest(0, least(coalesce((
        select min(n.effective_date) from status_event n
        where n.custody_episode_id = s.custody_episode_id and n.kind = 'accommodation'
          and n.effective_date > s.effective_date), ${options.today}::date), ${options.today}::date)
      - greatest(s.effective_date, ${options.today}::date - 365))) filter (where s.id is not null), 0)::float8 as nights
    from region r
      left join custody_episode e on e.region_code = r.code
      left join status_event s on s.custody_episode_id = e.id and s.accommodation_type_code = 'A02'
        and s.effective_date < ${options.today}::date
    group by r.code order by r.code`.execute(db)
  const source =
    'Demo: 85% to 115% of the demo’s Approved Premises occupancy over the last year (published: London has 13 Approved Premises, HMPPS London Reducing Reoffending Plan 2022-25, annual update 2023)'
  for (const r of stays.rows) {
    const occupied = Math.max(0, r.nights) / 365
    const places = Math.max(1, Math.round(occupied * (0.85 + rng.next() * 0.3)))
    await sql`insert into approved_premises_places (region_code, places, source) values (${r.code}, ${places}, ${source})
      on conflict (region_code) do nothing`.execute(db)
  }
  await contractPlaces(db, createRng(options.seed, CAPACITY_STREAM, CONTRACT_SUBSTREAM), options.today)
}

async function contractPlaces(db: Database, rng: Rng, today: string) {
  const taken = await sql<{ id: string; n: number }>`
    select k.id, greatest(count(r.id) filter (where r.sent_at >= ${today}::date - 365), count(r.id) / 2.0)::float8 as n
    from contract k left join referral r on r.contract_id = k.id and r.state <> 'draft'
      and r.sent_at >= ${today}::date - 730 and r.sent_at < ${today}::date
    where k.places_per_year is null
    group by k.id order by k.reference`.execute(db)
  for (const k of taken.rows) {
    const places = contractPlacesFrom(k.n, rng)
    await sql`update contract set places_per_year = ${places} where id = ${k.id} and places_per_year is null`.execute(
      db,
    )
  }
}

/** A demo contract's places a contract year from the referrals it took a year (see the top). */
export function contractPlacesFrom(taken: number, rng: Rng): number {
  const factor = rng.chance(0.3) ? 0.9 + rng.next() * 0.2 : 1.6 + rng.next() * 0.6
  return Math.max(2, Math.round(taken * factor))
}
