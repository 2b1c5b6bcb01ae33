import type { FastifyReply } from 'fastify'
import type { z } from 'zod'
import { Conflict, ValidationFailed } from '../../platform/errors.ts'
import { formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'

/**
 * The GOV.UK round trip for one form: parse, run the use case, redirect; on a problem, render the
 * page again with the summary, each field's message and the user's input, status 400 (409 for a
 * stale version).
 */
export async function handleForm<S extends z.ZodType>(
  reply: FastifyReply,
  opts: {
    schema: S
    body: Record<string, unknown>
    dates?: string[]
    run: (data: z.infer<S>) => Promise<string>
    again: (ctx: {
      values: Record<string, unknown>
      errors: ReturnType<typeof formErrors>
    }) => Promise<{ template: string; context: Record<string, unknown> }>
  },
) {
  const body = withJoinedDates(opts.body, opts.dates ?? [])
  const fail = async (fields: Record<string, string>, status: number) => {
    const page = await opts.again({
      values: body,
      errors: formErrors(fields, { dateFields: opts.dates ?? [] }),
    })
    return reply.code(status).render(page.template, page.context)
  }
  const parsed = parseWith(opts.schema, body)
  if (!parsed.ok) return fail(parsed.errors, 400)
  try {
    return reply.redirect(await opts.run(parsed.data), 303)
  } catch (err) {
    if (err instanceof ValidationFailed) return fail(err.fields, 400)
    if (err instanceof Conflict) return fail({ form: err.message }, 409)
    throw err
  }
}

export const noErrors = () => formErrors({})
