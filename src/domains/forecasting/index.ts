import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import { forecastingRepository } from './repository.ts'
import { inputsRepository } from './inputs-repository.ts'
import { forecastingService } from './service.ts'
import { forecastingRoutes } from './routes.ts'

/** Demand forecasts: releases and the services they will need, with prediction intervals. */
export const forecastingModule = defineModule({
  name: 'forecasting',
  repositories: (db) => ({ forecasting: forecastingRepository(db), forecastCounts: inputsRepository(db) }),
  services: ({ repos, clock }) => ({
    forecasting: forecastingService(repos.forecasting, repos.forecastCounts, { today: clock.today }),
  }),
  routes: (app, { forecasting }, { repos }) =>
    forecastingRoutes(app, forecasting, () => repos.forecasting.names()),
  navigation: [
    {
      href: '/forecasts',
      text: 'Forecasts',
      order: 41,
      visible: (a) => can(a.role, 'reports:read') && ['national', 'region'].includes(a.scope.level),
    },
  ],
})
