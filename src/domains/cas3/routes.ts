import type { FastifyInstance } from 'fastify'
import type { Cas3Services } from './service.ts'
import { bookingRoutes } from './booking-routes.ts'
import { estateRoutes } from './estate-routes.ts'
import { referralRoutes } from './referral-routes.ts'
import { reportRoutes } from './report-routes.ts'
import { stayRoutes } from './stay-routes.ts'

/** Every CAS3 page: the team's dashboard, then each part of the service in its own file. */
export function cas3Routes(app: FastifyInstance, cas3: Cas3Services) {
  app.get('/cas3', async (request, reply) => {
    const [nearLimit, unallocated] = await Promise.all([
      cas3.bookings.list(request.ctx, ['arrived']),
      cas3.referrals.list(request.ctx, 'unallocated'),
    ])
    return reply.render('cas3/views/dashboard.njk', {
      pageTitle: 'CAS3 temporary accommodation',
      nearLimit: nearLimit.filter((b) => b.stay.warning || b.stay.overLimit),
      unallocated: unallocated.length,
    })
  })
  estateRoutes(app, cas3)
  referralRoutes(app, cas3)
  bookingRoutes(app, cas3)
  stayRoutes(app, cas3)
  reportRoutes(app, cas3)
}
