import { Migrator, type MigrationResultSet } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'
import type { Database } from './index.ts'

/** Brings the schema up to date. Kysely's migrator takes a lock, so two starts cannot race. */
export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const result = await migrator.migrateToLatest()
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error('Migration failed', { cause: result.error })
  return result
}
