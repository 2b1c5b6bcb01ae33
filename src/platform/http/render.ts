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
}

/** Adds reply.render: the page's own context plus what every page needs (user, nav, CSRF, nonce). */
export function renderer(env: Environment, entries: readonly NavEntry[]) {
  return function render(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request: FastifyRequest = this.request
    const actor = request.actor
    const html = env.render(template, {
      actor,
      roleLabel: actor ? ROLES[actor.role].label : undefined,
      navigation: actor ? navigationFor(actor, request.url, entries) : [],
      csrfToken: this.generateCsrf(),
      cspNonce: this.cspNonce.script,
      currentUrl: request.url,
      // Pages show only the actions the user can take (issue 12, defect 6): {% if can('people:write') %}.
      can: (capability: Capability) => (actor ? can(actor.role, capability) : false),
      flash: takeConfirmation(this),
      ...context,
    })
    return this.type('text/html; charset=utf-8').send(html)
  }
}
