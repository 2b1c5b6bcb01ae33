import {
  Kysely,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely'
import type { DB } from './schema.ts'
import type { Database, poolOf } from './index.ts'
import { timedPool, type DatabaseTimeouts } from './pool.ts'

/**
 * Reads that may come from a streaming replica (issue 17, item 6): dashboards, drill-downs,
 * analytics and exports. Writes, and anything read straight after a write, use the primary.
 *
 * The handle returned is an ordinary Kysely Database. Each connection it hands out comes from the
 * replica when the replica answers, and from the primary's own pool when it does not (refused,
 * or no connection within the connect timeout): a replica that is down costs one failed connect
 * every RETRY_MS, not an outage. A query already running on a replica that dies fails like any
 * other database failure (503); the next one goes to the primary.
 */
const RETRY_MS = 5_000

class FallbackDriver implements Driver {
  private downUntil = 0
  private readonly owner = new WeakMap<DatabaseConnection, Driver>()
  private readonly replica: Driver
  private readonly primary: Driver
  constructor(replica: Driver, primary: Driver) {
    this.replica = replica
    this.primary = primary
  }

  async init() {
    await Promise.all([this.replica.init(), this.primary.init()])
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let connection: DatabaseConnection | undefined
    if (Date.now() >= this.downUntil) {
      try {
        connection = await this.replica.acquireConnection()
        this.owner.set(connection, this.replica)
      } catch {
        this.downUntil = Date.now() + RETRY_MS
      }
    }
    if (!connection) {
      connection = await this.primary.acquireConnection()
      this.owner.set(connection, this.primary)
    }
    return connection
  }

  private of(connection: DatabaseConnection): Driver {
    return this.owner.get(connection) ?? this.primary
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.of(connection).beginTransaction(connection, settings)
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.of(connection).commitTransaction(connection)
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.of(connection).rollbackTransaction(connection)
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.of(connection).releaseConnection(connection)
  }
  // The primary's pool belongs to the primary handle, which closes it.
  destroy() {
    return this.replica.destroy()
  }
}

export function openReadDatabase(
  replicaUrl: string,
  primaryPool: NonNullable<ReturnType<typeof poolOf>>,
  options: { poolSize?: number; timeouts?: DatabaseTimeouts } = {},
): Database {
  // Without a connect bound a stalled replica would hold readers instead of falling back.
  const timeouts = options.timeouts ?? { connectMs: 1500, statementMs: 60_000 }
  const replicaPool = timedPool(
    { connectionString: replicaUrl, max: options.poolSize ?? 10, options: '-c jit=off' },
    timeouts,
  )
  replicaPool.on('error', () => undefined)
  const replica = new PostgresDialect({ pool: replicaPool })
  const primary = new PostgresDialect({ pool: primaryPool })
  const dialect: Dialect = {
    createAdapter: () => replica.createAdapter(),
    createDriver: () => new FallbackDriver(replica.createDriver(), primary.createDriver()),
    createQueryCompiler: () => replica.createQueryCompiler(),
    createIntrospector: (db) => replica.createIntrospector(db),
  }
  return new Kysely<DB>({ dialect })
}
