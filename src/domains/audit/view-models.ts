import { ROLE_NAMES, ROLES } from '../../platform/auth/roles.ts'
import { formatDateTime } from '../../platform/calendar/index.ts'
import { dateParts } from '../../platform/http/forms.ts'
import {
  govukTable,
  sortingOf,
  type GovukTable,
  type Sorting,
  type Table,
} from '../../platform/table/index.ts'
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

/** Newest first unless the reader asks otherwise; only time is sortable, as the index allows. */
export const AUDIT_DEFAULT_SORT: Sorting = { key: 'at', order: 'desc' }

/** The log as people read it on the page. */
export function auditTable(rows: readonly AuditRow[]): Table<AuditRow> {
  return {
    id: 'audit-log',
    caption: 'Events',
    columns: [
      { key: 'at', label: 'When', value: (r) => formatDateTime(r.at), sortable: true },
      { key: 'who', label: 'Who', value: who },
      { key: 'organisation', label: 'Organisation', value: (r) => r.organisation_name },
      { key: 'role', label: 'Role', value: (r) => roleLabel(r.role) },
      { key: 'action', label: 'Action', value: (r) => ACTION_LABELS[r.action] },
      { key: 'recordType', label: 'Record type', value: (r) => r.record_type.replaceAll('_', ' ') },
      {
        key: 'record',
        label: 'Record',
        value: (r) =>
          r.person_id
            ? `Person ${r.person_id}${r.record_id && r.record_id !== r.person_id ? `, ${r.record_id}` : ''}`
            : r.record_id,
        href: (r) => (r.person_id ? `/people/${r.person_id}` : undefined),
      },
      { key: 'route', label: 'Route', value: (r) => r.route },
      { key: 'outcome', label: 'Outcome', value: (r) => OUTCOME_LABELS[r.outcome] },
      { key: 'detail', label: 'Detail', value: (r) => r.detail },
    ],
    rows,
  }
}

/** The log as downloaded: raw values under machine-readable headers, for analysis tools. */
export function auditExportTable(rows: readonly AuditRow[]): Table<AuditRow> {
  const raw = (key: string, value: (r: AuditRow) => string | null) => ({ key, label: key, value })
  return {
    id: 'audit-log',
    caption: 'Audit log',
    columns: [
      raw('when', (r) => r.at.toISOString()),
      raw('user_name', (r) => r.user_name),
      raw('user_email', (r) => r.user_email),
      raw('api_token', (r) => r.token_name),
      raw('organisation', (r) => r.organisation_name),
      raw('role', (r) => r.role),
      raw('action', (r) => r.action),
      raw('record_type', (r) => r.record_type),
      raw('record_id', (r) => r.record_id),
      raw('person_id', (r) => r.person_id),
      raw('route', (r) => r.route),
      raw('outcome', (r) => r.outcome),
      raw('detail', (r) => r.detail),
    ],
    rows,
  }
}

/**
 * The page's table, ordered in SQL; the "When" header links to the other order (with aria-sort),
 * keeping the filter.
 */
export function auditPageTable(
  rows: readonly AuditRow[],
  values: Record<string, unknown>,
  sorting: Sorting,
): GovukTable {
  const table = auditTable(rows)
  const html = govukTable(table)
  html.head = html.head.map((cell, i) => {
    const column = table.columns[i]
    if (!column?.sortable) return cell
    const next = sorting.order === 'asc' ? 'desc' : 'asc'
    const href = `/admin/audit${filterQuery({ ...values, sort: column.key, order: next })}`
    return {
      ...cell,
      html: `<a class="govuk-link" href="${href.replaceAll('&', '&amp;')}">${column.label}</a>`,
      attributes: { 'aria-sort': sorting.order === 'asc' ? 'ascending' : 'descending' },
    }
  })
  return html
}

export const auditSorting = (values: { sort?: string | undefined; order?: 'asc' | 'desc' | undefined }) =>
  sortingOf(auditTable([]).columns, { ...values, page: 1 }, AUDIT_DEFAULT_SORT)

/** The query string for the same filter, on another page or as a download. */
export function filterQuery(values: Record<string, unknown>, page?: number): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(values))
    if (k !== 'page' && k !== 'format' && typeof v === 'string' && v.trim() !== '') q.set(k, v)
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
