import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { IdentityService } from '../identity/service.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { adminRoutes } from './routes.ts'

/** Administrators' pages over identity and organisations: users and API tokens. */
export const adminModule = defineModule({
  name: 'admin',
  needs: ['identity', 'organisations'],
  services: (_ctx, _deps: { identity: IdentityService; organisations: OrganisationService }) => ({}),
  routes: (app, { identity, organisations }) => adminRoutes(app, { identity, organisations }),
  navigation: [
    { href: '/admin/users', text: 'Users', order: 90, visible: (a) => can(a.role, 'admin') },
    { href: '/admin/tokens', text: 'API tokens', order: 92, visible: (a) => can(a.role, 'admin') },
  ],
})
