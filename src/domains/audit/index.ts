import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import { auditEventRepository } from './repository.ts'
import { auditSearchService } from './service.ts'
import { auditRoutes } from './routes.ts'

/** Searching the audit log (the log itself is written by platform/audit on every access). */
export const auditModule = defineModule({
  name: 'audit',
  repositories: (db) => ({ auditEvents: auditEventRepository(db) }),
  services: ({ repos, audit }) => ({ auditSearch: auditSearchService(repos.auditEvents, audit) }),
  routes: (app, { auditSearch }) => auditRoutes(app, auditSearch),
  navigation: [{ href: '/admin/audit', text: 'Audit', order: 93, visible: (a) => can(a.role, 'admin') }],
})
