import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import { organisationRepository } from './repository.ts'
import { organisationService } from './service.ts'
import { organisationRoutes } from './routes.ts'

/** Prisons, PDUs, providers, councils and health partners: the organisations that scope access. */
export const organisationsModule = defineModule({
  name: 'organisations',
  repositories: (db) => ({ organisations: organisationRepository(db) }),
  services: ({ repos, audit }) => ({ organisations: organisationService(repos.organisations, audit) }),
  routes: (app, { organisations }) => organisationRoutes(app, organisations),
  navigation: [
    { href: '/admin/organisations', text: 'Organisations', order: 91, visible: (a) => can(a.role, 'admin') },
  ],
})
