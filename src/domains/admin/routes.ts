import type { FastifyInstance } from 'fastify'
import type { IdentityService } from '../identity/service.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { adminTokenRoutes } from './token-routes.ts'
import { adminUserRoutes } from './user-routes.ts'

/** Administration pages for user accounts and API tokens; the rules stay in the identity service. */
export function adminRoutes(
  app: FastifyInstance,
  deps: { identity: IdentityService; organisations: OrganisationService },
) {
  adminUserRoutes(app, deps)
  adminTokenRoutes(app, deps)
}
