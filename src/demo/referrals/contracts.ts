/**
 * The demo's CRS providers and contracts: three contract lines (plan.ts) in each of the twelve
 * regions, each held by a provider with one caseworker. Kept if already there, so a second run
 * adds none.
 */
import type { Database } from '../../platform/db/index.ts'
import { addDays } from '../../platform/calendar/index.ts'
import type { ReferralDatabase } from '../../domains/referrals/tables.ts'
import { personName } from '../names.ts'
import { createRng, uuidFrom, type Rng } from '../prng.ts'
import { CONTRACT_LINES, drawProfile, PROVIDER_NAMES, type ContractProfile } from './plan.ts'

export interface DemoContract {
  id: string
  providerId: string
  caseworkerId: string
  line: (typeof CONTRACT_LINES)[number]
  profile: ContractProfile
}

/** How far back the demo's referrals go; contracts start before it. */
export const HISTORY_DAYS = 730

export async function ensureDemoContracts(
  database: Database,
  db: ReferralDatabase,
  rng: Rng,
  today: string,
): Promise<{ contracts: Map<string, DemoContract>; providers: number }> {
  const regions = await database.selectFrom('region').select(['code', 'name']).orderBy('code').execute()
  // Providers, one caseworker each, and three contract lines per region.
  const contracts = new Map<string, DemoContract>()
  let providers = 0
  for (const region of regions) {
    for (const [i, line] of CONTRACT_LINES.entries()) {
      const name = `${PROVIDER_NAMES[(regions.indexOf(region) + i) % PROVIDER_NAMES.length]} (${region.name.trim()})`
      const providerId = uuidFrom(rng)
      const caseworkerId = uuidFrom(rng)
      const contractId = uuidFrom(rng)
      const profile = drawProfile(rng)
      const existing = await database
        .selectFrom('organisation')
        .where('kind', '=', 'provider')
        .where('name', '=', name)
        .select('id')
        .executeTakeFirst()
      if (existing) continue
      await database.insertInto('organisation').values({ id: providerId, kind: 'provider', name }).execute()
      await database
        .insertInto('app_user')
        .values({
          id: caseworkerId,
          email: `caseworker.${region.code.toLowerCase()}.${line.code.toLowerCase()}@demo.resettle`,
          name: caseworkerName(region.code, line.code),
          organisation_id: providerId,
          role: 'provider_caseworker',
        })
        .execute()
      await db
        .insertInto('contract')
        .values({
          id: contractId,
          reference: `CRS-${region.code}-${line.code}`,
          provider_organisation_id: providerId,
          contract_type_id: line.contractType,
          start_date: addDays(today, -HISTORY_DAYS - 120),
          end_date: addDays(today, 730),
          value_pence: (1 + rng.int(40)) * 25_000_000,
        })
        .execute()
      await db
        .insertInto('contract_region')
        .values({ contract_id: contractId, region_code: region.code })
        .execute()
      await db
        .insertInto('contract_service_category')
        .values(line.categories.map((c) => ({ contract_id: contractId, service_category_id: c })))
        .execute()
      contracts.set(`${region.code}:${line.code}`, {
        id: contractId,
        providerId,
        caseworkerId,
        line,
        profile,
      })
      providers++
    }
  }

  return { contracts, providers }
}

/**
 * A caseworker's name, from a stream of its own keyed by region and line, so naming them draws
 * nothing from the contracts' stream (their ids and profiles stay as they were).
 */
function caseworkerName(region: string, line: string): string {
  let key = 0
  for (const c of `${region}:${line}`) key = (key * 31 + c.charCodeAt(0)) >>> 0
  const rng = createRng(0, 0xca5e, key)
  const { given, family } = personName(
    rng,
    rng.pick(['W1', 'W1', 'W1', 'A1', 'B2', 'M1']),
    rng.chance(0.6) ? 'female' : 'male',
  )
  return `${given} ${family}`
}
