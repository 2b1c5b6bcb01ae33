import { workingCalendar, type WorkingCalendar } from './calendar.ts'
import { LOCAL_PRISON_WEIGHT, PDU_COUNCILS, REGION_PRISONS, REGION_WEIGHTS } from './geography.ts'
import { weighted, type Rng } from './prng.ts'

/** The loaded reference data the generator may point at, indexed for fast draws. */
export interface EstateReference {
  pdus: readonly { code: string; region_code: string }[]
  prisons: readonly { code: string; active: boolean; male: boolean; female: boolean }[]
  localAuthorityCodes: readonly string[]
  ethnicGroupCodes: readonly string[]
  /** England and Wales bank holidays, ISO dates. */
  bankHolidays: readonly string[]
}

export interface Placement {
  regionCode: string
  pduCode: string
  councilCode: string | null
}

interface RegionEstate {
  pdus: { code: string; councils: string[] }[]
  male: (readonly [string, number])[]
  local: string[]
  female: string[]
}

export interface Estate {
  regions: (readonly [string, number])[]
  byRegion: Map<string, RegionEstate>
  allMale: string[]
  allFemale: string[]
  ethnicGroups: ReadonlySet<string>
  calendar: WorkingCalendar
}

const codes = (s: string) => s.split(' ').filter(Boolean)

export function buildEstate(ref: EstateReference): Estate {
  const councils = new Set(ref.localAuthorityCodes)
  const active = ref.prisons.filter((p) => p.active)
  const maleOk = new Set(active.filter((p) => p.male).map((p) => p.code))
  const femaleOk = new Set(active.filter((p) => p.female).map((p) => p.code))
  const byRegion = new Map<string, RegionEstate>()
  const mappedMale = new Set<string>()
  for (const [regionCode] of REGION_WEIGHTS) {
    // Sorted, so the draws do not depend on the order the database returned rows in.
    const pdus = ref.pdus
      .filter((p) => p.region_code === regionCode && PDU_COUNCILS[p.code] !== undefined)
      .map((p) => ({
        code: p.code,
        councils: codes(PDU_COUNCILS[p.code] ?? '').filter((c) => councils.has(c)),
      }))
      .sort((a, b) => a.code.localeCompare(b.code))
    const listed = REGION_PRISONS[regionCode] ?? { male: '', female: '' }
    const male = codes(listed.male)
      .map((c) => [c.replace('*', ''), c.endsWith('*') ? LOCAL_PRISON_WEIGHT : 1] as const)
      .filter(([c]) => maleOk.has(c))
    male.forEach(([c]) => mappedMale.add(c))
    const local = male.filter(([, w]) => w > 1).map(([c]) => c)
    const female = codes(listed.female).filter((c) => femaleOk.has(c))
    if (pdus.length > 0 && male.length > 0)
      byRegion.set(regionCode, { pdus, male, local: local.length ? local : male.map(([c]) => c), female })
  }
  if (byRegion.size === 0)
    throw new Error('the reference data has none of the PDUs or prisons the demo uses: load it first')
  return {
    regions: REGION_WEIGHTS.filter(([code]) => byRegion.has(code)),
    byRegion,
    allMale: [...mappedMale].sort(),
    allFemale: [...femaleOk].sort(),
    ethnicGroups: new Set(ref.ethnicGroupCodes),
    calendar: workingCalendar(ref.bankHolidays),
  }
}

function region(estate: Estate, regionCode: string): RegionEstate {
  const r = estate.byRegion.get(regionCode)
  if (!r) throw new Error(`no demo estate for region ${regionCode}`)
  return r
}

/** Where a person is released to: a region by its share of releases, a PDU in it, a council in the PDU. */
export function placeRelease(rng: Rng, estate: Estate): Placement {
  const regionCode = weighted(rng, estate.regions)
  const pdu = rng.pick(region(estate, regionCode).pdus)
  return { regionCode, pduCode: pdu.code, councilCode: pdu.councils.length ? rng.pick(pdu.councils) : null }
}

/** Another address in the same PDU's patch, or anywhere in the region, for a later sentence. */
export function movePlacement(rng: Rng, estate: Estate, from: Placement): Placement {
  if (rng.chance(0.85)) return from
  const r = region(estate, from.regionCode)
  const pdu = rng.pick(r.pdus)
  return {
    regionCode: from.regionCode,
    pduCode: pdu.code,
    councilCode: pdu.councils.length ? rng.pick(pdu.councils) : null,
  }
}

/**
 * The releasing prison. Men are mostly released from a prison in their home region, local prisons
 * most often, with some from training prisons elsewhere; women from the few women's prisons
 * that serve their region. Recalls go back to a local prison.
 */
export function choosePrison(
  rng: Rng,
  estate: Estate,
  regionCode: string,
  sex: 'male' | 'female',
  recall = false,
): string {
  const r = region(estate, regionCode)
  if (sex === 'female') return r.female.length ? rng.pick(r.female) : rng.pick(estate.allFemale)
  if (recall) return rng.pick(r.local)
  if (rng.chance(0.08)) return rng.pick(estate.allMale)
  return weighted(rng, r.male)
}
