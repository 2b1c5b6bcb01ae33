/**
 * The define page's form, turned into the same request the API takes, so one schema checks both.
 * Field names on the page map to the schema's paths for the error summary.
 */
import { text, withJoinedDates } from '../../platform/http/forms.ts'
import { parseIdentifierList, type ParsedList } from './identifier-list.ts'

export const FORM_DATES = ['from', 'to']

const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map(text).filter((s) => s !== '')

export function requestFromForm(raw: Record<string, unknown>): {
  input: unknown
  list?: ParsedList
  values: Record<string, unknown>
} {
  const body = withJoinedDates(raw, FORM_DATES)
  const received = list(body.received)
  const categories = list(body.serviceCategoryIds)
  const contracts = list(body.contractIds)
  const crs =
    received.includes('crs') ||
    received.includes('crsCompleted') ||
    categories.length > 0 ||
    contracts.length > 0
  const identifiers = text(body.identifiers).trim()
  const parsed = identifiers ? parseIdentifierList(identifiers) : undefined
  const num = (v: unknown, fallback: number) => (text(v).trim() === '' ? fallback : Number(text(v)))
  const input = {
    name: text(body.name),
    from: text(body.from),
    to: text(body.to),
    caliper: num(body.caliper, 0.2),
    k: num(body.k, 1),
    seed: num(body.seed, 1),
    minMatchedTreated: num(body.minMatchedTreated, 60),
    treatment: {
      services: {
        ...(crs
          ? {
              crs: {
                ...(categories.length ? { serviceCategoryIds: categories } : {}),
                ...(contracts.length ? { contractIds: contracts } : {}),
                ...(received.includes('crsCompleted') ? { completed: true } : {}),
              },
            }
          : {}),
        ...(received.includes('cas3') ? { cas3Stay: true } : {}),
        ...(received.includes('programmeCompleted')
          ? { programme: 'completed' }
          : received.includes('programmeStarted')
            ? { programme: 'started' }
            : {}),
        combine: text(body.combine) === 'all' ? 'all' : 'any',
      },
      // The pasted list's identifiers; its rows and problems travel with `list` for the report.
      ...(parsed?.crns.length ? { crns: parsed.crns } : {}),
      ...(parsed?.prisonNumbers.length ? { prisonNumbers: parsed.prisonNumbers } : {}),
    },
  }
  return {
    input,
    ...(parsed ? { list: parsed } : {}),
    values: { ...body, received, serviceCategoryIds: categories, contractIds: contracts },
  }
}

/** Schema paths to the page's field ids, for the error summary links. */
export function fieldOf(path: string): string {
  if (path.startsWith('treatment')) return 'received'
  return path
}
