import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import { releasePlanningRepository } from './repository.ts'
import { readinessRepository } from './readiness-repository.ts'
import { releasePlanningService } from './service.ts'
import { releasePlanningRoutes } from './routes.ts'

const CASE_HOLDERS = ['prison', 'pdu', 'council', 'region']

/** Needs assessment, the release plan, handover from prison to probation and the release day. */
export const releasePlanningModule = defineModule({
  name: 'release-planning',
  needs: ['people', 'status'],
  repositories: (db) => ({
    releasePlanning: releasePlanningRepository(db),
    readiness: readinessRepository(db),
  }),
  services: (
    { repos, audit, clock },
    { people, status }: { people: PeopleService; status: StatusService },
  ) => ({
    releasePlanning: releasePlanningService(repos.releasePlanning, repos.readiness, people, status, audit, {
      today: clock.today,
    }),
  }),
  routes: (app, { releasePlanning }) => releasePlanningRoutes(app, releasePlanning),
  personRecord: ({ releasePlanning }) => ({
    timeline: (id) => releasePlanning.timeline(id),
    subjectAccess: { name: 'releasePlanning', gather: releasePlanning.gather },
  }),
  navigation: [
    {
      href: '/releases/upcoming',
      text: 'Upcoming releases',
      order: 20,
      visible: (a) => can(a.role, 'people:read') && CASE_HOLDERS.includes(a.scope.level),
    },
    {
      href: '/release-planning/worklist',
      text: 'Release readiness',
      order: 21,
      visible: (a) => can(a.role, 'people:read') && CASE_HOLDERS.includes(a.scope.level),
    },
    {
      href: '/release-planning/measures',
      text: 'Pre-release measures',
      order: 22,
      visible: (a) =>
        can(a.role, 'people:read') && a.scope.level !== 'provider' && a.scope.level !== 'health',
    },
  ],
})
