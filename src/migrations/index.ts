import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_foundation.ts'
import * as m0002 from './0002_status_events.ts'

/** Every migration, in order. Names are permanent: a shipped migration is never edited or renamed. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_status_events': m0002,
}
