import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import { evaluationRepository } from './repository.ts'
import { evaluationService } from './service.ts'
import { evaluationRoutes } from './routes.ts'

/** Evaluation of a service against a matched comparison group (domain.md §13). */
export const evaluationModule = defineModule({
  name: 'evaluation',
  repositories: (db) => ({ evaluations: evaluationRepository(db) }),
  services: ({ repos, audit, clock, config }) => ({
    evaluations: evaluationService(repos.evaluations, audit, {
      today: clock.today,
      disclosure: { threshold: config.smallCellThreshold },
    }),
  }),
  routes: (app, { evaluations }) => evaluationRoutes(app, evaluations),
  navigation: [
    {
      href: '/evaluations',
      text: 'Evaluations',
      order: 40,
      visible: (a) =>
        can(a.role, 'reports:read') &&
        can(a.role, 'offending:read') &&
        ['national', 'region'].includes(a.scope.level),
    },
  ],
})
