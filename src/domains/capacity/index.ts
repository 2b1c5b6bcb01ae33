import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { ForecastingService } from '../forecasting/service.ts'
import { caseloadRepository } from './caseload-repository.ts'
import { caseloadRoutes } from './caseload-routes.ts'
import { caseloadService } from './caseload-service.ts'
import { capacityRepository } from './repository.ts'
import { contractPlacesRepository } from './contract-repository.ts'
import { capacityService } from './service.ts'
import { capacityRoutes } from './routes.ts'

const readsReports = (a: Parameters<typeof can>[0]) => can(a, 'reports:read')

/** Capacity against forecast demand, by area and service; caseloads per named COM. */
export const capacityModule = defineModule({
  name: 'capacity',
  needs: ['forecasting'],
  repositories: (db) => ({
    capacity: capacityRepository(db),
    caseloads: caseloadRepository(db),
    contractPlaces: contractPlacesRepository(db),
  }),
  services: ({ repos, clock }, { forecasting }: { forecasting: ForecastingService }) => ({
    capacity: capacityService(repos.capacity, repos.contractPlaces, forecasting),
    caseloads: caseloadService(repos.caseloads, repos.capacity, forecasting, { today: clock.today }),
  }),
  routes: (app, { capacity, caseloads, forecasting }) => {
    capacityRoutes(app, capacity, forecasting)
    caseloadRoutes(app, caseloads)
  },
  navigation: [
    {
      href: '/capacity',
      text: 'Capacity',
      order: 42,
      visible: (a) => readsReports(a.role) && ['national', 'region'].includes(a.scope.level),
    },
    {
      href: '/caseloads',
      text: 'Caseloads',
      order: 43,
      // Administrators run accounts, not cases: the page stays open to them, off their menu.
      visible: (a) =>
        a.role !== 'admin' &&
        ((readsReports(a.role) && ['national', 'region'].includes(a.scope.level)) ||
          (can(a.role, 'caseload:own') && a.scope.level === 'pdu')),
    },
  ],
})
