import { z } from 'zod'
import { ROLE_NAMES, ROLES } from '../../platform/auth/roles.ts'
import { dateOf } from '../../platform/calendar/index.ts'
import type { Role } from '../../platform/db/schema.ts'
import { ListQuery, type Sorting, type Table } from '../../platform/table/index.ts'
import { accountStatus } from './view-models.ts'

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** The users list's query: sort, order, page, a search over names and emails, a role, a download. */
export const UserListQuery = ListQuery.extend({
  q: z.preprocess(
    blankAsUndefined,
    z.string().trim().max(100, 'Enter 100 characters or fewer to search for').optional(),
  ),
  role: z.preprocess(
    blankAsUndefined,
    z.enum(ROLE_NAMES as [Role, ...Role[]], { message: 'Select a role from the list' }).optional(),
  ),
  format: z.preprocess(blankAsUndefined, z.enum(['csv', 'xlsx']).optional()),
})
export type UserListQuery = z.infer<typeof UserListQuery>

export const USERS_DEFAULT_SORT: Sorting = { key: 'email', order: 'asc' }

interface UserRow {
  id: string
  email: string
  name: string
  role: Role
  active: boolean
  locked_until: Date | null
  last_sign_in_at: Date | null
  organisation_name: string
}

/** The users list as one table: the page, the CSV and the XLSX hold the same columns. */
export function userTable(rows: readonly UserRow[], now: Date): Table<UserRow> {
  return {
    id: 'users',
    caption: 'User accounts',
    columns: [
      {
        key: 'email',
        label: 'Email address',
        value: (u) => u.email,
        href: (u) => `/admin/users/${u.id}`,
        sortable: true,
      },
      { key: 'name', label: 'Name', value: (u) => u.name, sortable: true },
      { key: 'role', label: 'Role', value: (u) => ROLES[u.role].label, sortable: true },
      { key: 'organisation', label: 'Organisation', value: (u) => u.organisation_name, sortable: true },
      { key: 'status', label: 'Status', value: (u) => accountStatus(u, now).text, sortable: true },
      {
        key: 'lastSignIn',
        label: 'Last signed in',
        // A London date sorts as text and reads as a GOV.UK date; "Never" sorts after every date.
        value: (u) => (u.last_sign_in_at ? dateOf(u.last_sign_in_at) : 'Never'),
        format: 'date',
        sortable: true,
      },
    ],
    rows,
  }
}

export const roleFilterOptions = (selected: unknown) => [
  { value: '', text: 'All roles' },
  ...ROLE_NAMES.map((r) => ({ value: r, text: ROLES[r].label, selected: r === selected })),
]
