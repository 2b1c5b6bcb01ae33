import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { ForecastingService } from '../forecasting/service.ts'
import { capacityRepository } from './repository.ts'
import { capacityService } from './service.ts'
import { capacityRoutes } from './routes.ts'

/** Capacity against forecast demand, by area and service. */
export const capacityModule = defineModule({
  name: 'capacity',
  needs: ['forecasting'],
  repositories: (db) => ({ capacity: capacityRepository(db) }),
  services: ({ repos }, { forecasting }: { forecasting: ForecastingService }) => ({
    capacity: capacityService(repos.capacity, forecasting),
  }),
  routes: (app, { capacity, forecasting }) => capacityRoutes(app, capacity, forecasting),
  navigation: [
    {
      href: '/capacity',
      text: 'Capacity',
      order: 42,
      visible: (a) => can(a.role, 'reports:read') && ['national', 'region'].includes(a.scope.level),
    },
  ],
})
