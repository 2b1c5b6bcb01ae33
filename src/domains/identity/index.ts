import { defineModule } from '../../platform/module.ts'
import { identityRepository } from './repository.ts'
import { identityService } from './service.ts'
import { identityRoutes } from './routes.ts'
import { oidcClient } from './oidc.ts'

/** Sign-in (password or the department's OpenID Connect), sessions, API tokens and lockout. */
export const identityModule = defineModule({
  name: 'identity',
  repositories: (db) => ({ identity: identityRepository(db) }),
  services: ({ repos, audit, config }) => ({
    identity: identityService(repos.identity, audit, {
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionAbsoluteHours: config.sessionAbsoluteHours,
      apiTokenDays: config.apiTokenDays,
      lockout: config.lockout,
    }),
  }),
  routes: (app, { identity }, { config, limits }) =>
    identityRoutes(app, {
      identity,
      oidc: config.oidc ? oidcClient(config.oidc) : undefined,
      secureCookies: config.production,
      signInLimit: limits.signIn,
    }),
})
