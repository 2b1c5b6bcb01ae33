import type { FastifyInstance } from 'fastify'
import type { IdentityService } from '../identity/service.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { adminUserRoutes } from './user-routes.ts'

/** Administration pages for user accounts; the rules stay in the identity service. */
export function adminRoutes(
  app: FastifyInstance,
  deps: { identity: IdentityService; organisations: OrganisationService },
) {
  adminUserRoutes(app, deps)
}
