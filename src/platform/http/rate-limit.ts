import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import { sql } from 'kysely'
import type { Database } from '../db/index.ts'
import { TooManyRequests } from '../errors.ts'
import { isApi } from './errors.ts'

/**
 * A store for @fastify/rate-limit kept in the database every instance shares, so a limit holds
 * however many processes serve the traffic (issue 17 finding 2). One statement counts the hit and
 * starts a new window when the last one has ended, so concurrent hits are never lost.
 */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  const incr = async (key: string, windowMs: number) => {
    const { rows } = await sql<{ hits: number; ttl_ms: number }>`
      insert into rate_limit_window as w (key, hits, window_ends)
      values (${key.slice(0, 300)}, 1, now() + ${windowMs} * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when w.window_ends <= now() then 1 else w.hits + 1 end,
        window_ends = case when w.window_ends <= now() then excluded.window_ends else w.window_ends end
      returning hits, greatest(0, extract(epoch from (window_ends - now())) * 1000)::float8 as ttl_ms
    `.execute(db)
    // Now and then, sweep windows that ended long ago so the table stays small.
    if (Math.random() < 0.01)
      await sql`delete from rate_limit_window where window_ends < now() - interval '1 hour'`.execute(db)
    const row = rows[0]
    return { current: Number(row?.hits ?? 1), ttl: Math.round(Number(row?.ttl_ms ?? windowMs)) }
  }
  class DatabaseStore {
    incr(
      key: string,
      callback: (err: Error | null, res?: { current: number; ttl: number }) => void,
      windowMs: number,
    ) {
      incr(key, windowMs).then(
        (res) => callback(null, res),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      )
    }
    child() {
      return new DatabaseStore()
    }
  }
  return DatabaseStore
}

export interface RateLimitSettings {
  store: FastifyRateLimitStoreCtor
  signInPerMinute: number
  apiPerMinute: number
}

export type Limiter = (request: FastifyRequest) => Promise<{ allowed: boolean; retryAfterSeconds: number }>

/**
 * Registers the limits: sign-in attempts and API calls per client address. The address is the
 * socket's unless a trusted proxy (TRUSTED_PROXIES) says otherwise, so a forged X-Forwarded-For
 * cannot buy a fresh allowance.
 */
export async function registerRateLimits(app: FastifyInstance, settings: RateLimitSettings) {
  await app.register(rateLimit, { global: false, store: settings.store })
  const limiter = (name: string, max: number): Limiter => {
    const check = app.createRateLimit({
      max,
      timeWindow: 60_000,
      keyGenerator: (request) => `${name}:${request.ip}`,
    })
    return async (request) => {
      const r = await check(request)
      return r.isAllowed
        ? { allowed: true, retryAfterSeconds: 0 }
        : { allowed: !r.isExceeded, retryAfterSeconds: r.ttlInSeconds }
    }
  }
  return { signIn: limiter('sign-in', settings.signInPerMinute), api: limiter('api', settings.apiPerMinute) }
}

/** The API's limit, per client address, answered as problem+json 429 with Retry-After. */
export function apiRateLimit(limit: Limiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isApi(request) || request.url.startsWith('/api/docs')) return
    const { allowed, retryAfterSeconds } = await limit(request)
    if (!allowed) {
      void reply.header('retry-after', String(retryAfterSeconds))
      throw new TooManyRequests('Too many requests from this address. Wait a minute and try again.')
    }
  }
}
