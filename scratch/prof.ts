import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { repositories, services } from '../src/composition.ts'
import { actorFor } from '../bench/support.ts'
import { variationRepository } from '../src/domains/variation/repository.ts'
import { splitOf } from '../src/domains/variation/splits.ts'
import { measureOf } from '../src/domains/outcomes/measures.ts'

const { db } = await openDatabase({ kind: 'postgres', url: process.env.BENCH_DATABASE_URL!, poolSize: 4 })
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
const svc = services(db, repositories(db), config)
const national = await actorFor(db, 'national_analyst', 'national')
const repo = variationRepository(db)
for (const measure of ['requirements_complete', 'sexual_offence_interventions', 'housed_first_night'])
  for (const by of ['age', 'pdu', 'prison', 'ethnicity_detailed', 'sex']) {
    const q = { measure, by: [by], from: '2023-Q4', to: '2026-Q3' }
    const t0 = performance.now()
    for (let i = 0; i < 3; i++) await svc.variation.variation(national, q as never)
    const t1 = performance.now()
    for (let i = 0; i < 3; i++)
      await repo.counts({ measure: measureOf(measure)!, splits: [splitOf(by)!], from: '2023-10-01', to: '2026-09-30', today: '2026-11-29', scope: { level: 'national' } })
    const t2 = performance.now()
    console.log(measure, by, 'service', ((t1 - t0) / 3).toFixed(1), 'counts', ((t2 - t1) / 3).toFixed(1))
  }
await db.destroy()
