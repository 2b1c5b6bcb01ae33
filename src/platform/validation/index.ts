import { z } from 'zod'
import { isIsoDate } from '../calendar/index.ts'

/**
 * The one place that says what well-formed input is, for every route (issue 17 finding 3).
 * PostgreSQL refuses a NUL byte in text outright, and other control characters are never typed by
 * a person: both are refused before they reach a use case, the database or the audit log.
 * Tab, line feed and carriage return stay allowed in bodies, where text areas send them.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
// eslint-disable-next-line no-control-regex
export const CONTROL_ANYWHERE = /[\u0000-\u001F\u007F]/

/** Bounds on any one value, whatever the route: generous for text areas, tight for the address bar. */
export const LIMITS = { bodyText: 20_000, queryText: 500, pathSegment: 100 } as const

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Free text from a form or body: no control characters, bounded length. */
export const safeText = (max: number = LIMITS.bodyText) =>
  z
    .string()
    .max(max, `Enter ${max.toLocaleString('en-GB')} characters or fewer`)
    .refine((s) => !CONTROL_IN_BODY.test(s), 'Remove the control characters from this field')

/** A record id in a path: anything but a UUID is not a record, so it is not found. */
export const uuidParam = z.string().regex(UUID_PATTERN)
export const IdParams = z.object({ id: uuidParam })

/** An ISO calendar date that exists (no 30 February), in years a service record can hold. */
export const calendarDate = (message = 'Enter a real date') =>
  z.string().refine((s) => isCalendarDate(s), message)

export function isCalendarDate(s: string): boolean {
  if (!isIsoDate(s)) return false
  const y = Number(s.slice(0, 4))
  return y >= 1900 && y <= 2200
}

/** Whether a path parameter of this name carries a record id (all our ids are UUIDs). */
export const isIdParam = (name: string) => name === 'id' || /Id$/.test(name)

export type InputProblem =
  | { where: 'params'; field: string; value: string }
  | { where: 'query' | 'body'; field: string; message: string }

/**
 * The first thing wrong with a request's params, query or body, or null. Walks nested bodies
 * (JSON) and repeated fields (arrays), so no string anywhere escapes the check.
 */
export function inputProblem(input: { params: unknown; query: unknown; body: unknown }): InputProblem | null {
  for (const [field, value] of Object.entries(asRecord(input.params))) {
    if (typeof value !== 'string') continue
    const bad = isIdParam(field)
      ? !UUID_PATTERN.test(value)
      : value.length > LIMITS.pathSegment || CONTROL_ANYWHERE.test(value)
    if (bad) return { where: 'params', field, value }
  }
  const q = walk(input.query, '', LIMITS.queryText, CONTROL_ANYWHERE)
  if (q) return { where: 'query', ...q }
  const b = walk(input.body, '', LIMITS.bodyText, CONTROL_IN_BODY)
  if (b) return { where: 'body', ...b }
  return null
}

function walk(
  value: unknown,
  path: string,
  max: number,
  control: RegExp,
  depth = 0,
): { field: string; message: string } | null {
  const field = path || 'form'
  if (typeof value === 'string') {
    if (control.test(value)) return { field, message: 'Remove the control characters from this field' }
    if (value.length > max)
      return { field, message: `Enter ${max.toLocaleString('en-GB')} characters or fewer` }
    return null
  }
  if (depth > 20) return { field, message: 'The request is nested too deeply' }
  if (Array.isArray(value)) {
    for (const item of value) {
      const p = walk(item, path, max, control, depth + 1)
      if (p) return p
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (control.test(k) || k.length > LIMITS.pathSegment)
        return { field, message: 'The request has a field name that is not allowed' }
      const p = walk(v, path ? `${path}.${k}` : k, max, control, depth + 1)
      if (p) return p
    }
  }
  return null
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v)) : {}

/** Text as it may be stored in the audit log: control characters shown, never refused. */
export function auditable(value: string | null | undefined, max = 200): string | null {
  if (value === null || value === undefined) return null
  const shown = value.replace(
    new RegExp(CONTROL_ANYWHERE.source, 'g'),
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return shown.length > max ? `${shown.slice(0, max)}…` : shown
}
