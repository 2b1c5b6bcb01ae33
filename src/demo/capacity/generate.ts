/**
 * Demo capacity: COM full-time equivalents for every PDU and Approved Premises places for
 * every region, so the over-capacity view has something true-to-life in it. Staffing is set
 * from each PDU's licences open today at 42 to 66 cases per FTE (NAO 2023: suggested 30 to 60,
 * 29% of posts vacant, many above 70), so some PDUs start near or over the norm of 60 and the
 * forecast pushes others over. Places: 40 to 80 per region (an assumption).
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { createRng } from '../prng.ts'

const CAPACITY_STREAM = 0xca9a

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
  const regions = await sql<{ code: string }>`select code from region order by code`.execute(db)
  for (const r of regions.rows)
    await sql`insert into approved_premises_places (region_code, places) values (${r.code}, ${40 + rng.int(41)})
      on conflict (region_code) do nothing`.execute(db)
}
