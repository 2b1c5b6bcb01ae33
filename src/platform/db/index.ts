import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DB } from './schema.ts'
import { timedPool, type DatabaseTimeouts } from './pool.ts'

export type Database = Kysely<DB>

// The embedded instance behind a Kysely handle, for snapshots (tests) and its own close.
const embedded = new WeakMap<Database, PGlite>()

export function pgliteOf(db: Database): PGlite | undefined {
  return embedded.get(db)
}

// The pool behind a PostgreSQL handle, so a read-replica handle can fall back to it.
const pools = new WeakMap<Database, ReturnType<typeof timedPool>>()

export function poolOf(db: Database): ReturnType<typeof timedPool> | undefined {
  return pools.get(db)
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number; timeouts?: DatabaseTimeouts }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }

// Dates stay ISO strings ('2026-11-22'): a JS Date would shift them across time zones.
// Counts (int8) and numerics become numbers; none of ours exceed 2^53.
const DATE = 1082
const INT8 = 20
const NUMERIC = 1700
const asNumber = (v: string) => Number(v)
pg.types.setTypeParser(DATE, (v) => v)
pg.types.setTypeParser(INT8, asNumber)
pg.types.setTypeParser(NUMERIC, asNumber)

export async function openDatabase(
  target: DatabaseTarget,
): Promise<{ db: Database; kind: DatabaseTarget['kind'] }> {
  if (target.kind === 'postgres') {
    // No JIT: Resettle's queries are short, and compiling one dashboard query took 147 ms of its
    // 754 ms (docs/benchmarks.md) where the query itself needs under 100.
    // Without timeouts (bulk loads, migrations, benchmarks) a statement may run as long as it needs.
    const pool = timedPool(
      { connectionString: target.url, max: target.poolSize ?? 10, options: '-c jit=off' },
      target.timeouts,
    )
    // A client that loses its server must not crash the process: idle ones are reported on the
    // pool, and a checked-out client between queries on itself. The query in flight still fails,
    // and the pool opens a new connection when the server is back.
    pool.on('error', () => undefined)
    pool.on('connect', (client) => client.on('error', () => undefined))
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
    pools.set(db, pool)
    return { db, kind: 'postgres' }
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true })
  const pglite = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    extensions: { btree_gist },
    parsers: { [DATE]: (v: string) => v, [INT8]: asNumber, [NUMERIC]: asNumber },
  })
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) })
  embedded.set(db, pglite)
  return { db, kind: 'pglite' }
}

/** PostgreSQL's unique_violation on the named index: the loser of a race for a unique value. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  if (!err || typeof err !== 'object') return false
  const e = err as { code?: unknown; constraint?: unknown }
  return e.code === '23505' && e.constraint === constraint
}

/**
 * Used by /health: a round trip to the database within `withinMs`, whatever the database does
 * (issue 17: a paused server held /health for 20 s). The state is 'timeout' when no answer came
 * in time and 'down' when the attempt failed; the error text stays in the server (it can name
 * hosts, users and databases).
 */
export async function pingDatabase(
  db: Database,
  withinMs = 800,
): Promise<{ ok: true } | { ok: false; state: 'down' | 'timeout' }> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), withinMs)
  })
  const ping = sql`select 1`.execute(db).then(
    () => 'up' as const,
    () => 'down' as const,
  )
  const state = await Promise.race([ping, late])
  clearTimeout(timer)
  return state === 'up' ? { ok: true } : { ok: false, state }
}
