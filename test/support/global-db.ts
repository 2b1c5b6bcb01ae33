import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase, pgliteOf } from '../../src/platform/db/index.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { referenceRepository } from '../../src/domains/reference/repository.ts'
import { referenceService } from '../../src/domains/reference/service.ts'
import { adminUrl, testDbKind, templateName } from './db-target.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string
    pgTemplate: string
  }
}

/**
 * Builds one migrated database with reference data, once per run. Each test file then starts
 * from a copy of it: a PostgreSQL template database, or a PGlite data-directory snapshot.
 */
export default async function setup(project: TestProject) {
  if (testDbKind() === 'postgres') {
    const template = templateName()
    const admin = new pg.Client({ connectionString: adminUrl() })
    await admin.connect()
    await admin.query(`drop database if exists ${template}`)
    await admin.query(`create database ${template}`)
    await admin.end()
    const { db } = await openDatabase({ kind: 'postgres', url: adminUrl(template), poolSize: 2 })
    await migrateToLatest(db)
    await referenceService(referenceRepository(db)).load()
    await db.destroy()
    project.provide('pgTemplate', template)
    project.provide('pgliteSnapshot', '')
    return async () => {
      const c = new pg.Client({ connectionString: adminUrl() })
      await c.connect()
      await c.query(`drop database if exists ${template}`)
      await c.end()
    }
  }
  const { db } = await openDatabase({ kind: 'pglite' })
  await migrateToLatest(db)
  await referenceService(referenceRepository(db)).load()
  const dir = mkdtempSync(join(tmpdir(), 'resettle-test-'))
  const file = join(dir, 'snapshot.tar')
  const snapshot = await dumpPglite(db)
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()))
  await db.destroy()
  project.provide('pgliteSnapshot', file)
  project.provide('pgTemplate', '')
  return () => rmSync(dir, { recursive: true, force: true })
}

async function dumpPglite(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<Blob> {
  const instance = pgliteOf(db)
  if (!instance) throw new Error('not a PGlite database')
  return instance.dumpDataDir('none')
}
