import { can } from '../../platform/auth/roles.ts'
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
