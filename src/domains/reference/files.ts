import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCsv } from '../../platform/csv.ts'

/** The project's own copy of the public reference data; see data/reference/PROVENANCE.md. */
export const referenceDir = fileURLToPath(new URL('../../../data/reference/', import.meta.url))

export function readReferenceCsv(path: string): Record<string, string>[] {
  return parseCsv(readFileSync(referenceDir + path, 'utf8'))
}

export function readReferenceJson<T>(path: string): T {
  return JSON.parse(readFileSync(referenceDir + path, 'utf8')) as T
}

const bool = (v: string | undefined) => v === 't' || v === 'true'
const orNull = (v: string | undefined) => (v ? v : null)

export function regions() {
  return readReferenceCsv('probation-estate/regions.csv')
    .filter((r) => !bool(r.soft_deleted))
    .map((r) => ({ code: r.code ?? '', name: r.name ?? '' }))
}

export function pdus() {
  return readReferenceCsv('probation-estate/pdus.csv')
    .filter((r) => !bool(r.soft_deleted))
    .map((r) => ({
      code: r.code ?? '',
      name: (r.name ?? '').replace(/\s+/g, ' '),
      region_code: r.region_code ?? '',
    }))
}

export function prisons() {
  return readReferenceCsv('prisons/prisons.csv').map((r) => ({
    code: r.prison_id ?? '',
    name: r.name ?? '',
    active: bool(r.active),
    male: bool(r.male),
    female: bool(r.female),
    types: orNull(r.types),
    town: orNull(r.towns),
    postcode: orNull(r.postcodes),
    country: orNull(r.countries),
  }))
}

export function localAuthorities() {
  return readReferenceCsv('local-authorities/local_authority_areas.csv').map((r) => ({
    code: r.identifier ?? '',
    name: r.name ?? '',
  }))
}

/** nDelius accommodation types with the measure classes from the status vocabulary. */
export function accommodationTypes<C extends string, G extends string>(
  classes: Record<string, { outcomeClass: C; firstNightGroup: G }>,
) {
  return readReferenceCsv('accommodation/accommodation_types.csv').map((r) => {
    const code = r.type_code ?? ''
    const cls = classes[code]
    if (!cls)
      throw new Error(`Accommodation type ${code} has no outcome class in src/domains/status/vocabulary.ts`)
    return {
      code,
      name: r.name ?? '',
      settled_type: r.settled_type === 'SETTLED' ? ('SETTLED' as const) : ('TRANSIENT' as const),
      is_homeless: bool(r.is_homeless),
      outcome_class: cls.outcomeClass,
      first_night_group: cls.firstNightGroup,
    }
  })
}

/** ONS 2021 ethnic groups, keyed by their NOMIS code. */
export function ethnicGroups() {
  return readReferenceCsv('ethnicity/ons_2021_ethnic_groups.csv').map((r) => ({
    code: r.nomis_code ?? '',
    high_level_group: r.group ?? '',
    category: r.category ?? '',
  }))
}
