import pg from 'pg'

/**
 * Bounds on every wait for the database (issue 17, item 4). With none, a stalled server (paused,
 * swapping, a network that drops packets without resetting) held every request and /health for
 * as long as the stall lasted: 20 s in the probe.
 * - connectMs: opening a connection, and waiting for a free one when the pool is full (pg-pool
 *   uses its connectionTimeoutMillis for both).
 * - statementMs: the server cancels a statement that runs longer (statement_timeout), and the
 *   client gives up waiting shortly after in case the server cannot even do that (it is stopped).
 */
export interface DatabaseTimeouts {
  connectMs: number
  statementMs: number
}

/** How much longer than the server's statement_timeout the client waits for any answer at all. */
const CLIENT_GRACE_MS = 250

export const TIMEOUT_MESSAGES =
  /Query read timeout|timeout exceeded when trying to connect|Connection terminated due to connection timeout|connection abandoned after a timeout/i

/** A client that timed out is in an unknown state (its query may still be running): never reuse it. */
const abandoned = (err: unknown) => err instanceof Error && TIMEOUT_MESSAGES.test(err.message)

type Client = pg.PoolClient

/**
 * A pg pool with the timeouts applied, shaped as Kysely's PostgresDialect wants its pool. A client
 * whose query timed out is destroyed on release instead of going back to the pool: pg leaves the
 * timed-out query as the connection's active one, so the next borrower would wait behind it.
 */
export function timedPool(options: pg.PoolConfig, timeouts: DatabaseTimeouts | undefined) {
  const pool = new pg.Pool({
    ...options,
    ...(timeouts
      ? {
          connectionTimeoutMillis: timeouts.connectMs,
          query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
          options: `${options.options ?? ''} -c statement_timeout=${timeouts.statementMs}`.trim(),
        }
      : {}),
  })
  if (!timeouts) return pool
  const wrapped = new WeakMap<Client, Client>()
  const wrap = (client: Client): Client => {
    let broken = false
    const query = (...args: unknown[]): unknown => {
      if (broken) return Promise.reject(new Error('connection abandoned after a timeout'))
      const result = (client.query as (...a: unknown[]) => unknown)(...args)
      if (result instanceof Promise)
        return result.catch((err: unknown) => {
          if (abandoned(err)) broken = true
          throw err
        })
      return result
    }
    return Object.assign(Object.create(client) as Client, {
      query,
      release: (destroy?: boolean | Error) => client.release(broken || destroy),
    })
  }
  return {
    Client: pg.Client,
    options: pool.options,
    on: pool.on.bind(pool),
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect()
      // A fresh wrapper per borrow resets nothing that matters: broken clients never come back.
      const w = wrapped.get(client) ?? wrap(client)
      wrapped.set(client, w)
      return w
    },
  }
}
