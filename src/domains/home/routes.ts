import type { FastifyInstance } from 'fastify'
import { ROLES } from '../../platform/auth/roles.ts'

/** Each role's landing page: the few things that role does most. */
export function homeRoutes(app: FastifyInstance) {
  app.get('/', async (request, reply) => {
    const actor = request.ctx.actor
    return reply.render('home/views/home.njk', {
      pageTitle: 'Home',
      roleLabel: ROLES[actor.role].label,
      scopeLevel: actor.scope.level,
    })
  })
}
