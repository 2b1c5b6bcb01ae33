import type { z } from 'zod'
import type { FieldErrors } from '../errors.ts'

/** Form and query values arrive as strings (or arrays of them); anything else reads as blank. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

/** What a GOV.UK form needs to round-trip a failure: the summary, a message per field, the input. */
export interface FormErrors {
  summary: { text: string; href: string }[]
  byField: Record<string, { text: string }>
}

/**
 * `dateFields` are GOV.UK date inputs: their summary link goes to the day box, as the design
 * system asks, since the field's own id is on the wrapper.
 */
export function formErrors(fields: FieldErrors, options: { dateFields?: string[] } = {}): FormErrors {
  const dates = new Set(options.dateFields ?? [])
  return {
    summary: Object.entries(fields).map(([field, text]) => ({
      text,
      href: dates.has(field) ? `#${field}-day` : `#${field}`,
    })),
    byField: Object.fromEntries(Object.entries(fields).map(([field, text]) => [field, { text }])),
  }
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form'
    fields[key] ??= issue.message
  }
  return fields
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input ?? {})
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: fieldErrorsFrom(result.error) }
}

/**
 * GOV.UK date inputs post three fields (`name-day`, `name-month`, `name-year`). This joins them
 * into one ISO string for the schema, which then says whether it is a real date. All blank
 * stays blank, so "required" and "real date" get their own messages.
 */
export function withJoinedDates(body: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out = { ...body }
  for (const name of names) {
    const [d = '', m = '', y = ''] = ['day', 'month', 'year'].map((part) =>
      text(body[`${name}-${part}`]).trim(),
    )
    if (!d && !m && !y) {
      if (!(name in body)) out[name] = ''
      continue
    }
    out[name] = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  }
  return out
}

/** The three parts of an ISO date, to fill a GOV.UK date input. */
export function dateParts(iso: unknown): { day: string; month: string; year: string } {
  const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m
    ? { year: m[1] ?? '', month: String(Number(m[2])), day: String(Number(m[3])) }
    : { day: '', month: '', year: '' }
}
