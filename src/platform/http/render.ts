import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Environment } from 'nunjucks'
import { can, ROLES, type Capability } from '../auth/roles.ts'
import { navigationFor } from './navigation.ts'
import { takeConfirmation } from './confirmation.ts'
import type { NavEntry } from '../module.ts'

declare module 'fastify' {
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply
  }
  interface FastifyInstance {
    /**
     * Renders a template to a string with only the context given (no user, token or nonce), for
     * a part of a page that is the same for every reader and kept between requests.
     */
    renderFragment(template: string, context: Record<string, unknown>): string
  }
}

/** Adds reply.render: the page's own context plus what every page needs (user, nav, CSRF, nonce). */
export function renderer(env: Environment, entries: readonly NavEntry[]) {
  return function render(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request: FastifyRequest = this.request
    const actor = request.actor
    const confirmation = takeConfirmation(this)
    const html = env.render(template, {
      actor,
      roleLabel: actor ? ROLES[actor.role].label : undefined,
      navigation: actor ? navigationFor(actor, request.url, entries) : [],
      csrfToken: this.generateCsrf(),
      cspNonce: this.cspNonce.script,
      currentUrl: request.url,
      // Pages show only the actions the user can take (issue 12, defect 6): {% if can('people:write') %}.
      can: (capability: Capability) => (actor ? can(actor.role, capability) : false),
      ...context,
      // A page's own banner wins; a page that passes `flash: undefined` still shows the
      // confirmation its form left (and clears it), rather than hiding it.
      flash: (context.flash as string | undefined) ?? confirmation,
    })
    return this.type('text/html; charset=utf-8').send(html)
  }
}
