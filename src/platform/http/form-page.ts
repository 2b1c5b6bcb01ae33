import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { can, type Capability } from '../auth/roles.ts'
import { Conflict, Forbidden, ValidationFailed, type FieldErrors } from '../errors.ts'
import { formErrors, parseWith, withJoinedDates, type FormErrors } from './forms.ts'
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
 *
 * Optimistic concurrency: when `save` throws `Conflict` (the record's version moved on since the
 * form was drawn), the page is drawn again from a fresh `load` with status 409, the user's input
 * kept and the conflict's message in the error summary, so nothing typed is lost and the user
 * sees what the other person saved before choosing to save again (`conflictValues` takes the
 * saved version into the form, so that second save is deliberate).
 *
 * Three options cover the pages that once had their own handlers:
 * - `action`: the form posts to another path than the one that shows it (the "Make a referral"
 *   start page shows at `/people/:personId/referrals/new` and creates at `/people/:personId/referrals`);
 * - `query`: the page reads its query string, declared in zod for the type provider like params
 *   (a malformed value is a 400, or reads as absent where the schema says `.catch`);
 * - `done` instead of `redirect`: the POST's own response draws a result page, for a result that
 *   must be shown once and never again (an API token's secret). Why not a redirect to a one-time
 *   view: that would keep the secret somewhere between the two requests (a cookie or a table), where
 *   today it exists only as its hash once the response is sent. The page is sent with
 *   `Cache-Control: no-store`, so neither the browser nor a proxy keeps it; reloading asks to post
 *   again, which would issue a second token, never show the first.
 */
export type FormPageSpec<
  P extends z.ZodType,
  S extends z.ZodType,
  Loaded extends object,
  Result,
  Q extends z.ZodType = typeof NoQuery,
> = FormPageBase<P, S, Loaded, Result, Q> & FormOutcome<P, Result>

/** What a success does: redirect with a confirmation (the rule), or draw a page on the response. */
export type FormOutcome<P extends z.ZodType, Result> =
  | {
      /** Where to go after a success. */
      redirect: (result: Result, params: z.infer<P>) => string
      /** The banner on the next page; none when the next page says it itself. */
      confirmation?: string | ((result: Result) => string)
      done?: never
    }
  | {
      /** The page the POST's response draws on success, sent with `Cache-Control: no-store`. */
      done: { view: string; context: (result: Result, params: z.infer<P>) => Record<string, unknown> }
      redirect?: never
      confirmation?: never
    }

interface FormPageBase<
  P extends z.ZodType,
  S extends z.ZodType,
  Loaded extends object,
  Result,
  Q extends z.ZodType,
> {
  path: string
  /** Where the form posts when not `path`; it takes the same parameters. */
  action?: string
  /** The path's parameters (`NoParams` for none). */
  params: P
  /** The query string, on GET and POST (omitted: none is read). */
  query?: Q
  capability?: Capability
  /** Nunjucks template of the page. */
  view: string
  /** Optional only when `context` supplies the page's title. */
  pageTitle?: string | ((loaded: Loaded) => string)
  /** The form's fields as posted (strings), to the values the service takes. */
  schema: S
  /** GOV.UK date inputs posted as name-day, name-month, name-year. */
  dateFields?: readonly string[]
  /**
   * What the page shows besides the form: the record, the choices. Runs on GET and on a failed
   * POST. Throws NotFound for a record outside the actor's scope, so it looks missing. `posted` is
   * the form as posted (date parts joined) on a failed POST, and empty on GET.
   */
  load: (
    request: FastifyRequest,
    params: z.infer<P>,
    query: z.infer<Q>,
    posted: Readonly<Record<string, unknown>>,
  ) => Promise<Loaded>
  /** The form's starting values on GET (blank when omitted). */
  initial?: (loaded: Loaded) => Record<string, unknown>
  /**
   * Does the work; throws ValidationFailed for a rule the schema cannot see. `posted` is the whole
   * form as posted, for fields the schema does not name (screening answers, a checklist), and
   * `query` the page's query string, for a form whose record is named there.
   */
  save: (
    request: FastifyRequest,
    params: z.infer<P>,
    values: z.infer<S>,
    posted: Readonly<Record<string, unknown>>,
    query: z.infer<Q>,
  ) => Promise<Result>
  /**
   * False when another route draws the page (it holds several forms, or reads its own query):
   * only the POST is registered at `path`, and a failure is drawn with `load` and `context`.
   */
  get?: boolean
  /**
   * The page's context from what `load` returned and the form's state, for pages whose view model
   * takes the values and errors itself. Without it the context is `{ ...loaded, values, errors }`.
   */
  context?: (loaded: Loaded, form: FormState) => Record<string, unknown> | Promise<Record<string, unknown>>
  /**
   * The form's values after a conflict, from the fresh `load` and what was posted: typically the
   * posted values with the version now saved. Without it the posted values are kept as they are.
   */
  conflictValues?: (loaded: Loaded, posted: Record<string, unknown>) => Record<string, unknown>
  /** The element the conflict's summary entry links to (`form`, the form itself, by default). */
  conflictField?: string
}

/** What a form page's view needs besides the loaded record. */
export interface FormState {
  /** What the form shows: the starting values, or what the user typed. */
  values: Record<string, unknown>
  errors: FormErrors
  /** After a conflict: what the service says is saved now (`Conflict.current`), or `true`. */
  current?: unknown
}

export const NoParams = z.object({})
/** No query string is read; whatever is sent is ignored. */
export const NoQuery = z.object({})
/** Posted forms are flat string fields (and arrays of them for checkboxes); anything else is dropped. */
export const PostedForm = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({})

export function formPage<
  P extends z.ZodType,
  S extends z.ZodType,
  Loaded extends object,
  Result,
  Q extends z.ZodType = typeof NoQuery,
>(app: FastifyInstance, spec: FormPageSpec<P, S, Loaded, Result, Q>) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // Declared for the type provider (a malformed id answers 404, a malformed query 400, before the
  // handler) and read again here for its type, which a generic schema cannot carry through
  // Fastify's inference. Parsing a schema's own output again gives the same output.
  const params = spec.params
  // Without `query`, Q is its default, NoQuery: the one place the type parameter's default meets
  // its value, which TypeScript cannot see for itself.
  const query = spec.query ?? (NoQuery as z.ZodType as Q)
  const queryOf = (request: FastifyRequest): z.infer<Q> => query.parse(request.query)

  const allow = (request: FastifyRequest) => {
    if (spec.capability && !can(request.ctx.actor.role, spec.capability)) throw new Forbidden()
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    p: z.infer<P>,
    values: Record<string, unknown>,
    fields: FieldErrors,
    options: { loaded?: Loaded; conflict?: Conflict } = {},
  ) {
    const data = options.loaded ?? (await spec.load(request, p, queryOf(request), values))
    const pageTitle =
      spec.pageTitle === undefined || typeof spec.pageTitle === 'string'
        ? spec.pageTitle
        : spec.pageTitle(data)
    const failed = Object.keys(fields).length > 0
    const errors = formErrors(fields, { dateFields: [...(spec.dateFields ?? [])] })
    const conflict = options.conflict
    const shown = conflict && spec.conflictValues ? spec.conflictValues(data, values) : values
    const status = conflict ? 409 : failed ? 400 : 200
    const context = spec.context
      ? {
          pageTitle,
          ...(await spec.context(data, {
            values: shown,
            errors,
            ...(conflict ? { current: conflict.current ?? true } : {}),
          })),
        }
      : { ...data, pageTitle, values: shown, errors }
    return reply.code(status).render(spec.view, context)
  }

  const querystring = spec.query ? { querystring: spec.query } : {}
  if (spec.get !== false)
    typed.get(spec.path, { schema: { params, ...querystring } }, async (request, reply) => {
      allow(request)
      const p: z.infer<P> = params.parse(request.params)
      const loaded = await spec.load(request, p, queryOf(request), {})
      return show(request, reply, p, spec.initial?.(loaded) ?? {}, {}, { loaded })
    })

  const action = spec.action ?? spec.path
  typed.post(action, { schema: { params, ...querystring, body: PostedForm } }, async (request, reply) => {
    allow(request)
    const p: z.infer<P> = params.parse(request.params)
    const values: Record<string, unknown> = { ...request.body }
    const input = spec.dateFields?.length ? withJoinedDates(values, [...spec.dateFields]) : values
    const parsed = parseWith(spec.schema, input)
    // The page is drawn again from the joined input, a superset of what was posted: date inputs
    // read their three parts, and a view may read the joined date.
    if (!parsed.ok) return show(request, reply, p, input, parsed.errors)
    try {
      const result = await spec.save(request, p, parsed.data, input, queryOf(request))
      if (spec.done)
        return reply.header('cache-control', 'no-store').render(spec.done.view, spec.done.context(result, p))
      const said = typeof spec.confirmation === 'function' ? spec.confirmation(result) : spec.confirmation
      if (said !== undefined) setConfirmation(reply, said)
      return reply.redirect(spec.redirect(result, p), 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return show(request, reply, p, input, err.fields)
      // The summary links to the form itself: no one field is wrong, the record moved on.
      if (err instanceof Conflict)
        return show(
          request,
          reply,
          p,
          input,
          { [spec.conflictField ?? 'form']: err.message },
          { conflict: err },
        )
      throw err
    }
  })
}
