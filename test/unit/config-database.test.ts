import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/platform/config.ts'

describe('database configuration (issue 17)', () => {
  it('bounds every wait by default and takes a replica beside a primary', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://app@db.internal:5432/resettle',
      DATABASE_REPLICA_URL: 'postgres://app@replica.internal:5432/resettle',
    })
    expect(c.database).toMatchObject({
      kind: 'postgres',
      replicaUrl: 'postgres://app@replica.internal:5432/resettle',
      timeouts: { connectMs: 1500, statementMs: 3000 },
    })
  })

  it('refuses a replica without a primary, and timeouts that are not whole milliseconds', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://app@replica.internal/resettle' })).toThrow(
      /DATABASE_REPLICA_URL/,
    )
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'not a url', DATABASE_URL: 'postgres://a@b/c' })).toThrow(
      /DATABASE_REPLICA_URL/,
    )
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/)
    expect(() => loadConfig({ DATABASE_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/)
  })
})
