import { sql, type Kysely } from 'kysely'
import { can } from '../../platform/auth/roles.ts'
import type { DB } from '../../platform/db/schema.ts'
import { defineModule } from '../../platform/module.ts'
import { variationRepository } from './repository.ts'
import { variationService } from './service.ts'
import { variationRoutes } from './routes.ts'
import { variationApiRoutes } from './api-routes.ts'

/** Variation in outcomes: who does worse, where, and whether it is real (NAO analysis, domain.md §13). */
export const variationModule = defineModule({
  name: 'variation',
  repositories: (db) => ({ variation: variationRepository(db) }),
  services: ({ repos, audit, clock, config }) => ({
    variation: variationService(repos.variation, audit, {
      today: clock.today,
      smallCellThreshold: config.smallCellThreshold,
    }),
  }),
  routes: (app, { variation }) => {
    variationRoutes(app, variation)
    variationApiRoutes(app, variation)
  },
  // The explorer leads to the funnel plots and the extracts, so one entry opens all three.
  navigation: [
    {
      href: '/outcomes/variation',
      text: 'Variation',
      order: 32,
      visible: (a) => can(a.role, 'reports:read'),
    },
  ],
})

/**
 * Refills outcome_split_fact, the facts coded by group that the crossed splits count (migration
 * 0028), from outcome_fact: `select outcome_split_fact_rebuild()`. The triggers on outcome_fact keep
 * it exact statement by statement; a bulk load that bypasses them (or truncates outcome_fact) calls
 * this once after outcome_fact and outcome_release_split are complete. One statement of SQL, so it
 * runs in the caller's transaction when given one.
 */
export async function rebuildVariationFacts(db: Kysely<DB>): Promise<void> {
  await sql`select outcome_split_fact_rebuild()`.execute(db)
}
