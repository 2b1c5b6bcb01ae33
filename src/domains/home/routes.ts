import type { FastifyInstance } from 'fastify'
import type { Actor } from '../../platform/auth/actor.ts'
import { ROLES } from '../../platform/auth/roles.ts'
import type { WorkQueues } from './queues.ts'

/** Whose records this user sees, in words (issue 12, defect 12: no "a administrator", no "caseload" for national users). */
function scopeSentence(actor: Actor): string {
  switch (actor.scope.level) {
    case 'national':
      return 'You see everyone in England and Wales.'
    case 'prison':
      return `You see the people held at or released from ${actor.organisationName}.`
    case 'pdu':
      return `You see the people ${actor.organisationName} supervises.`
    case 'region':
      return `You see the people supervised in ${actor.organisationName}.`
    case 'council':
      return `You see the people released into the area of ${actor.organisationName}.`
    case 'provider':
      return `You see the people referred to ${actor.organisationName}.`
    case 'health':
      // domain.md section 14: health partners see people who consented to share with them.
      return 'You see no one yet. Health partners see the people who have consented to share their records with them, and recording that consent is not built yet. Until it is, there is no work for this role here.'
  }
}

/** Each role's landing page: its work queue, counted and linked to the lists, then the rest. */
export function homeRoutes(app: FastifyInstance, queues?: WorkQueues) {
  app.get('/', async (request, reply) => {
    const actor = request.ctx.actor
    const queue = queues ? await queues.forActor(request.ctx) : []
    return reply.render('home/views/home.njk', {
      pageTitle: 'Home',
      roleLabel: ROLES[actor.role].label,
      scopeLevel: actor.scope.level,
      scopeSentence: scopeSentence(actor),
      queue,
    })
  })
}
