import { openDatabase } from './src/platform/db/index.ts'
import { migrateToLatest } from './src/platform/db/migrate.ts'
import { referenceRepository } from './src/domains/reference/repository.ts'
import { referenceService } from './src/domains/reference/service.ts'
const { db } = await openDatabase({ kind: 'pglite' })
await migrateToLatest(db)
const s = referenceService(referenceRepository(db))
console.log(await s.load()); console.log(await s.load())
await db.destroy()
