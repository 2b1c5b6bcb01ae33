/**
 * The outcome dashboards narrowed to a PDU or a prison (issue 12, item 3): which areas an actor
 * may narrow to, as plain data, so the choices offered and the values accepted are one rule.
 *
 * A PDU belongs to one region (reference data); a prison does not: its releases go to many
 * regions, so "a region's prisons" are those that have released someone into the region.
 */
import type { Scope } from '../../platform/auth/actor.ts'

export interface AreaFilter {
  pdu?: string
  prison?: string
}

export interface Area {
  code: string
  name: string
}
export interface PduArea extends Area {
  regionCode: string
}

export interface FilterChoices {
  pdus: PduArea[]
  prisons: Area[]
}

/**
 * The PDUs and prisons an actor may narrow a dashboard of `region` to (all regions when
 * undefined): a national user any, a regional lead those of their own region, a PDU its own PDU,
 * a prison its own prison. Everyone else none: they have no dashboards (reports:read).
 */
export function choicesInScope(
  scope: Scope,
  all: { pdus: PduArea[]; prisons: (Area & { regionCodes: readonly string[] })[] },
  region: string | undefined,
): FilterChoices {
  const inRegion = (codes: readonly string[]) => region === undefined || codes.includes(region)
  const pdusOf = (keep: (p: PduArea) => boolean) =>
    all.pdus.filter((p) => inRegion([p.regionCode]) && keep(p))
  const prisonsOf = (keep: (p: Area) => boolean) =>
    all.prisons.filter((p) => inRegion(p.regionCodes) && keep(p)).map(({ code, name }) => ({ code, name }))
  switch (scope.level) {
    case 'national':
      return { pdus: pdusOf(() => true), prisons: prisonsOf(() => true) }
    case 'region': {
      // Another region's dashboard can be read whole, but not narrowed: its PDUs and prisons are
      // the regional lead's only within their own region.
      if (region !== undefined && region !== scope.regionCode) return { pdus: [], prisons: [] }
      const own = scope.regionCode
      return {
        pdus: pdusOf((p) => p.regionCode === own),
        prisons: all.prisons
          .filter((p) => p.regionCodes.includes(own))
          .map(({ code, name }) => ({ code, name })),
      }
    }
    case 'pdu':
      return { pdus: pdusOf((p) => p.code === scope.pduCode), prisons: [] }
    case 'prison':
      return { pdus: [], prisons: prisonsOf((p) => p.code === scope.prisonCode) }
    case 'council':
    case 'provider':
    case 'health':
      return { pdus: [], prisons: [] }
  }
}

/** Is every value of the filter among the choices? One outside them is answered as not found. */
export function filterAllowed(filter: AreaFilter, choices: FilterChoices): boolean {
  return (
    (!filter.pdu || choices.pdus.some((p) => p.code === filter.pdu)) &&
    (!filter.prison || choices.prisons.some((p) => p.code === filter.prison))
  )
}

export const isFiltered = (f: AreaFilter) => Boolean(f.pdu || f.prison)

/** Words for the page and the downloads: which releases the figures count. */
export function filterDescription(filter: AreaFilter, names: ReadonlyMap<string, string>): string {
  const parts = [
    filter.pdu ? `supervised by ${names.get(filter.pdu) ?? filter.pdu} (PDU)` : '',
    filter.prison ? `released from ${names.get(filter.prison) ?? filter.prison}` : '',
  ].filter(Boolean)
  return parts.length ? `Releases ${parts.join(' and ')}` : ''
}
