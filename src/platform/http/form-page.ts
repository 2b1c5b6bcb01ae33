import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { can, type Capability } from '../auth/roles.ts'
import { Forbidden, ValidationFailed, type FieldErrors } from '../errors.ts'
import { formErrors, parseWith, withJoinedDates } from './forms.ts'
import { setConfirmation } from './confirmation.ts'

/**
 * The one form pattern (issue 11): GET shows the form; POST validates the body with the form's
 * schema; a failure re-renders the same page with the input kept and the GOV.UK error summary
 * (status 400); success redirects (303, so a refresh does not post again) with a confirmation
 * shown once on the next page. Every form page is declared with this rather than two handlers.
 *
 * A role without `capability` is refused on GET as well as POST (issue 17: a role sees no form it
 * cannot submit). Params are validated by `params` through the type provider, so a malformed id
 * is a 404 like a missing record (platform/http/errors.ts).
 */
export interface FormPageSpec<P extends z.ZodType, S extends z.ZodType, Loaded extends object, Result> {
  path: string
  /** The path's parameters (`NoParams` for none). */
  params: P
  capability?: Capability
  /** Nunjucks template of the page. */
  view: string
  pageTitle: string | ((loaded: Loaded) => string)
  /** The form's fields as posted (strings), to the values the service takes. */
  schema: S
  /** GOV.UK date inputs posted as name-day, name-month, name-year. */
  dateFields?: readonly string[]
  /**
   * What the page shows besides the form: the record, the choices. Runs on GET and on a failed
   * POST. Throws NotFound for a record outside the actor's scope, so it looks missing.
   */
  load: (request: FastifyRequest, params: z.infer<P>) => Promise<Loaded>
  /** The form's starting values on GET (blank when omitted). */
  initial?: (loaded: Loaded) => Record<string, unknown>
  /** Does the work; throws ValidationFailed for a rule the schema cannot see. */
  save: (request: FastifyRequest, params: z.infer<P>, values: z.infer<S>) => Promise<Result>
  /** Where to go after a success. */
  redirect: (result: Result, params: z.infer<P>) => string
  confirmation: string | ((result: Result) => string)
}

export const NoParams = z.object({})
/** Posted forms are flat string fields (and arrays of them for checkboxes); anything else is dropped. */
const PostedForm = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({})

export function formPage<P extends z.ZodType, S extends z.ZodType, Loaded extends object, Result>(
  app: FastifyInstance,
  spec: FormPageSpec<P, S, Loaded, Result>,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // Declared for the type provider (a malformed id answers 404 before the handler) and parsed
  // again here for its type, which a generic schema cannot carry through Fastify's inference.
  const params = spec.params

  const allow = (request: FastifyRequest) => {
    if (spec.capability && !can(request.ctx.actor.role, spec.capability)) throw new Forbidden()
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    p: z.infer<P>,
    values: Record<string, unknown>,
    fields: FieldErrors,
    loaded?: Loaded,
  ) {
    const data = loaded ?? (await spec.load(request, p))
    const pageTitle = typeof spec.pageTitle === 'string' ? spec.pageTitle : spec.pageTitle(data)
    const failed = Object.keys(fields).length > 0
    return reply.code(failed ? 400 : 200).render(spec.view, {
      ...data,
      pageTitle,
      values,
      errors: formErrors(fields, { dateFields: [...(spec.dateFields ?? [])] }),
    })
  }

  typed.get(spec.path, { schema: { params } }, async (request, reply) => {
    allow(request)
    const p: z.infer<P> = params.parse(request.params)
    const loaded = await spec.load(request, p)
    return show(request, reply, p, spec.initial?.(loaded) ?? {}, {}, loaded)
  })

  typed.post(spec.path, { schema: { params, body: PostedForm } }, async (request, reply) => {
    allow(request)
    const p: z.infer<P> = params.parse(request.params)
    const values: Record<string, unknown> = { ...request.body }
    const input = spec.dateFields?.length ? withJoinedDates(values, [...spec.dateFields]) : values
    const parsed = parseWith(spec.schema, input)
    if (!parsed.ok) return show(request, reply, p, values, parsed.errors)
    try {
      const result = await spec.save(request, p, parsed.data)
      setConfirmation(
        reply,
        typeof spec.confirmation === 'string' ? spec.confirmation : spec.confirmation(result),
      )
      return reply.redirect(spec.redirect(result, p), 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return show(request, reply, p, values, err.fields)
      throw err
    }
  })
}
