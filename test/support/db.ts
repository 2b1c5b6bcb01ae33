import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, inject } from 'vitest'
import { openDatabase, type Database } from '../../src/platform/db/index.ts'
import { adminUrl, testDbKind } from './db-target.ts'

export interface TestDatabase {
  db: Database
  kind: 'pglite' | 'postgres'
}

/**
 * A fresh database for one test file, copied from the run's migrated template, with reference
 * data and nothing else. Dropped when the file ends. No state is shared between files.
 */
export async function testDatabase(): Promise<TestDatabase> {
  if (testDbKind() === 'postgres') {
    const name = `resettle_t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: adminUrl() })
    await admin.connect()
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`)
    await admin.end()
    const { db } = await openDatabase({ kind: 'postgres', url: adminUrl(name), poolSize: 5 })
    afterAll(async () => {
      await db.destroy()
      const c = new pg.Client({ connectionString: adminUrl() })
      await c.connect()
      await c.query(`drop database if exists ${name}`)
      await c.end()
    })
    return { db, kind: 'postgres' }
  }
  const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))])
  const { db } = await openDatabase({ kind: 'pglite', loadDataDir: snapshot })
  afterAll(() => db.destroy())
  return { db, kind: 'pglite' }
}
