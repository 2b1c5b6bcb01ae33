/**
 * The few errors a use case may raise. The HTTP layer maps each code to a status, to
 * problem+json for the API and to a GOV.UK error page (or a form round trip) for HTML.
 */
export type FieldErrors = Record<string, string>

export class AppError extends Error {
  readonly code: string
  readonly status: number
  constructor(code: string, status: number, message: string) {
    super(message)
    this.code = code
    this.status = status
  }
}

/** Also raised for records outside the actor's scope, so their existence is not revealed. */
export class NotFound extends AppError {
  constructor(what = 'Record') {
    super('not_found', 404, `${what} not found`)
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You do not have permission to do that') {
    super('forbidden', 403, message)
  }
}

export class Unauthorised extends AppError {
  constructor(message = 'Sign in to continue') {
    super('unauthorised', 401, message)
  }
}

/** A stale version or a clash with another record; `current` tells the user what is there now. */
export class Conflict extends AppError {
  readonly current: unknown
  constructor(message: string, current?: unknown) {
    super('conflict', 409, message)
    this.current = current
  }
}

export class ValidationFailed extends AppError {
  readonly fields: FieldErrors
  constructor(fields: FieldErrors, message = 'There is a problem with the information you gave') {
    super('validation_failed', 400, message)
    this.fields = fields
  }
}

export class TooManyRequests extends AppError {
  constructor(message = 'Too many attempts. Wait a few minutes and try again.') {
    super('too_many_requests', 429, message)
  }
}

export class ServiceUnavailable extends AppError {
  constructor(message = 'The service is temporarily unavailable. Try again in a few minutes.') {
    super('service_unavailable', 503, message)
  }
}
