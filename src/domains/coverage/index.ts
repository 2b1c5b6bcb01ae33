import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { PeopleService } from '../people/service.ts'
import { coverageRepository } from './repository.ts'
import { coverageRoutes } from './routes.ts'
import { coverageService } from './service.ts'

/** Overlaps and gaps between the services different parties give the same person. */
export const coverageModule = defineModule({
  name: 'coverage',
  needs: ['people'],
  repositories: (db) => ({ coverage: coverageRepository(db) }),
  services: ({ repos, audit, clock, config }, { people }: { people: PeopleService }) => ({
    coverage: coverageService(repos.coverage, people, audit, {
      today: clock.today,
      threshold: config.smallCellThreshold,
    }),
  }),
  routes: (app, { coverage }, { repos, config }) =>
    coverageRoutes(app, coverage, () => repos.coverage.areaNames(), config.smallCellThreshold),
  navigation: [
    { href: '/coverage', text: 'Overlaps and gaps', order: 44, visible: (a) => can(a.role, 'people:read') },
  ],
})
