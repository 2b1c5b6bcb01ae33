import { ROLE_NAMES, ROLES } from '../../platform/auth/roles.ts'
import { dateParts } from '../../platform/http/forms.ts'
import type { AuditRow } from './repository.ts'
import { ACTION_LABELS, OUTCOME_LABELS, actionOptions, outcomeOptions } from './schemas.ts'

// The log keeps the role as text, so a role since renamed still shows as it was written.
const roleLabel = (role: string | null) => {
  const known = ROLE_NAMES.find((r) => r === role)
  return known ? ROLES[known].label : role
}

function who(r: AuditRow): string {
  if (r.user_name) return `${r.user_name} (${r.user_email ?? ''})`
  if (r.token_name) return `API token: ${r.token_name}`
  return 'Not signed in'
}

export function auditRows(rows: AuditRow[]) {
  return rows.map((r) => ({
    at: r.at,
    who: who(r),
    organisation: r.organisation_name,
    role: roleLabel(r.role),
    action: ACTION_LABELS[r.action],
    recordType: r.record_type.replaceAll('_', ' '),
    recordId: r.record_id,
    personId: r.person_id,
    route: r.route,
    outcome: OUTCOME_LABELS[r.outcome],
    detail: r.detail,
  }))
}

export const CSV_HEADER = [
  'when',
  'user_name',
  'user_email',
  'api_token',
  'organisation',
  'role',
  'action',
  'record_type',
  'record_id',
  'person_id',
  'route',
  'outcome',
  'detail',
]

export function auditCsvRows(rows: AuditRow[]): unknown[][] {
  return rows.map((r) => [
    r.at,
    r.user_name,
    r.user_email,
    r.token_name,
    r.organisation_name,
    r.role,
    r.action,
    r.record_type,
    r.record_id,
    r.person_id,
    r.route,
    r.outcome,
    r.detail,
  ])
}

/** The query string for the same filter, on another page or as a download. */
export function filterQuery(values: Record<string, unknown>, page?: number): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(values))
    if (k !== 'page' && typeof v === 'string' && v.trim() !== '') q.set(k, v)
  if (page && page > 1) q.set('page', String(page))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** The date inputs show what was typed, or the parts of an ISO date given in the link. */
function parts(values: Record<string, unknown>, name: string) {
  const typed = ['day', 'month', 'year'].map((p) => values[`${name}-${p}`])
  if (typed.some((v) => typeof v === 'string' && v !== '')) {
    const [day, month, year] = typed.map((v) => (typeof v === 'string' ? v : ''))
    return { day: day ?? '', month: month ?? '', year: year ?? '' }
  }
  return dateParts(values[name])
}

export function filterForm(values: Record<string, unknown>) {
  return {
    values,
    dates: { from: parts(values, 'from'), to: parts(values, 'to') },
    actionOptions: actionOptions(values.action),
    outcomeOptions: outcomeOptions(values.outcome),
  }
}

export function pagination(values: Record<string, unknown>, page: number, hasNext: boolean) {
  return {
    previous: page > 1 ? { href: `/admin/audit${filterQuery(values, page - 1)}` } : undefined,
    next: hasNext ? { href: `/admin/audit${filterQuery(values, page + 1)}` } : undefined,
  }
}
