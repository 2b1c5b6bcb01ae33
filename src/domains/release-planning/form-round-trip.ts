/** The GOV.UK form round trip shared by the release-planning pages. */
import type { FastifyReply } from 'fastify'
import type { z } from 'zod'
import { Conflict, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'

export type Body = Record<string, unknown>
/** A posted form as the type provider parsed it (platform/http/form-page.ts, PostedForm). */
export type Posted = Record<string, string | string[]>
export type Render = (
  values: Body,
  errors: FieldErrors,
  status: number,
  current?: unknown,
) => Promise<FastifyReply>

/**
 * The GOV.UK form round trip: parse, run the use case, redirect on success; on a validation
 * failure or a stale version re-render with the messages and the user's input. The platform's
 * form page (platform/http/form-page.ts) does the same for forms without optimistic versions;
 * these pages keep their own because a stale version re-renders with the record saved meanwhile
 * (409), which that pattern does not yet carry.
 */
export async function submit<S extends z.ZodType>(
  posted: Posted,
  options: {
    schema: S
    dates?: string[]
    run: (data: z.infer<S>, body: Body) => Promise<string>
    render: Render
    reply: FastifyReply
  },
) {
  const body = withJoinedDates({ ...posted }, options.dates ?? [])
  const parsed = parseWith(options.schema, body)
  if (!parsed.ok) return options.render(body, parsed.errors, 400)
  try {
    return options.reply.redirect(await options.run(parsed.data, body), 303)
  } catch (err) {
    if (err instanceof ValidationFailed) return options.render(body, err.fields, 400)
    if (err instanceof Conflict) return options.render(body, { form: err.message }, 409, err.current ?? true)
    throw err
  }
}

export const errorsFor = (fields: FieldErrors, dates: string[] = []) =>
  formErrors(fields, { dateFields: dates })
export const base = (id: string) => `/people/${id}/release-planning`
