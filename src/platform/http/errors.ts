import { ROLES } from '../auth/roles.ts'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { ZodError } from 'zod'
import { AppError, Conflict, NotFound, ValidationFailed } from '../errors.ts'
import { fieldErrorsFrom, formErrors } from './forms.ts'
import { TIMEOUT_MESSAGES } from '../db/pool.ts'

// Connection-level failures mean the database is away, not that the request was wrong:
// node errors, and PostgreSQL's admin-shutdown / cannot-connect / connection-failure classes.
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  // query_canceled: statement_timeout fired (issue 17: the server is too slow to answer in time).
  '57014',
])

export function isDatabaseDown(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && DATABASE_DOWN.has(code)) return true
  const message = (err as { message?: unknown }).message
  return (
    typeof message === 'string' &&
    (/Connection terminated|connect ECONNREFUSED|PGlite is closed|database system is (starting up|shutting down)/i.test(
      message,
    ) ||
      TIMEOUT_MESSAGES.test(message))
  )
}

export const isApi = (request: FastifyRequest) => request.url.startsWith('/api/')

interface Problem {
  status: number
  title: string
  detail?: string
  code: string
  errors?: { field: string; message: string }[]
  current?: unknown
}

/** Turns any error into problem+json (API) or a GOV.UK error page (HTML); 5xx never leak internals. */
export function handleError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err)
  if (problem.status >= 500) request.log.error({ err }, 'request failed')
  if (problem.status === 401 && !isApi(request)) {
    // Being sent to sign in is the ordinary start of a visit, not a refusal worth a log line.
    request.log.debug({ code: problem.code }, 'sign-in needed')
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`)
  }
  if (problem.status < 500)
    request.log.info({ code: problem.code, status: problem.status }, 'request refused')
  if (isApi(request)) {
    return reply
      .code(problem.status)
      .type('application/problem+json')
      .send({ type: 'about:blank', ...problem })
  }
  const page = problem.status === 403 ? forbiddenPage(request) : (PAGES[problem.status] ?? PAGES[500]!)
  const fields = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]))
  return reply.code(problem.status).render('error.njk', {
    pageTitle: page.heading,
    heading: page.heading,
    // A GOV.UK error summary names each field that was wrong, as a form round trip would.
    errors: problem.status === 400 && problem.errors?.length ? formErrors(fields) : undefined,
    lines:
      problem.status === 409 || problem.status === 400 ? [problem.detail ?? '', ...page.lines] : page.lines,
  })
}

function toProblem(err: FastifyError | Error): Problem {
  if (err instanceof ValidationFailed) {
    return {
      status: 400,
      code: err.code,
      title: 'Invalid input',
      detail: err.message,
      errors: Object.entries(err.fields).map(([field, message]) => ({ field, message })),
    }
  }
  // A route that parsed its query or body with zod.parse: the client's input, never a 500.
  if (err instanceof ZodError) return validationProblem(fieldErrorsFrom(err))
  if (err instanceof Conflict)
    return { status: 409, code: err.code, title: 'Conflict', detail: err.message, current: err.current }
  // Every 404 reads the same, whether the id was malformed, missing or out of scope, so the
  // answer never tells which.
  if (err instanceof NotFound) return { status: 404, code: 'not_found', title: 'Not found' }
  if (err instanceof AppError) return { status: err.status, code: err.code, title: err.message }
  const fe = err as FastifyError & {
    validation?: { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } }[]
  }
  // A malformed id in the path names no record: it reads exactly as a missing one (issue 11).
  if (fe.validation && fe.validationContext === 'params')
    return { status: 404, code: 'not_found', title: 'Not found' }
  if (fe.validation) {
    return {
      status: 400,
      code: 'validation_failed',
      title: 'Invalid input',
      errors: fe.validation.map((v) => ({
        field:
          (v.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || (fe.validationContext ?? 'body'),
        message: v.message ?? 'Invalid value',
      })),
    }
  }
  if (isDatabaseDown(err))
    return { status: 503, code: 'service_unavailable', title: 'Service temporarily unavailable' }
  // PostgreSQL's data exceptions (class 22: an impossible date, a malformed uuid, a value out of
  // range) mean a value from the request could not be represented: the backstop for any route
  // whose schema let it through.
  if (typeof fe.code === 'string' && /^22[0-9A-Z]{3}$/.test(fe.code))
    return { status: 400, code: 'validation_failed', title: 'Invalid input', detail: 'A value is not valid' }
  // Fastify's own 4xx (bad JSON, body too large, unsupported media type) are the client's to fix.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: fe.code ?? 'bad_request', title: fe.message }
  }
  return { status: 500, code: 'internal_error', title: 'Something went wrong' }
}

function validationProblem(fields: Record<string, string>): Problem {
  return {
    status: 400,
    code: 'validation_failed',
    title: 'Invalid input',
    detail: 'There is a problem with the information you gave',
    errors: Object.entries(fields).map(([field, message]) => ({ field, message })),
  }
}

/**
 * What a 403 says depends on what was refused (issue 12, defect 6): a change the role cannot
 * make is not the same as a page it cannot see, and the user is told their role in words.
 */
function forbiddenPage(request: FastifyRequest): { heading: string; lines: string[] } {
  const role = request.actor ? ROLES[request.actor.role].label : undefined
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return {
      heading: 'You do not have permission to make this change',
      lines: [
        `${role ? `The ${role} role` : 'Your account'} cannot make this change, so nothing was saved.`,
        'If your work needs you to make it, ask your administrator about your role.',
      ],
    }
  return {
    heading: 'You do not have permission to view this page',
    lines: [
      role ? `This page is not open to the ${role} role.` : 'This page is not open to your account.',
      'Ask your administrator if you think you should have access.',
    ],
  }
}

const PAGES: Record<number, { heading: string; lines: string[] }> = {
  400: { heading: 'There is a problem with your request', lines: ['Check the information and try again.'] },
  403: {
    heading: 'You do not have permission to view this page',
    lines: ['Ask your administrator if you think you should have access.'],
  },
  404: {
    heading: 'Page not found',
    lines: [
      'If you typed the web address, check it is correct.',
      'If you followed a link to a person’s record, it may be outside your caseload.',
    ],
  },
  409: {
    heading: 'Someone else changed this record',
    lines: ['Nothing you entered has been lost: go back, check the current details and try again.'],
  },
  413: { heading: 'The file or form is too large', lines: ['Try again with less information.'] },
  429: { heading: 'Too many attempts', lines: ['Wait a few minutes and try again.'] },
  500: { heading: 'Sorry, there is a problem with the service', lines: ['Try again later.'] },
  503: {
    heading: 'Sorry, the service is unavailable',
    lines: ['The database cannot be reached. Try again in a few minutes: nothing you saved has been lost.'],
  },
}
