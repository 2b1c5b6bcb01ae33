import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import type { ReferenceLists } from '../reference/repository.ts'
import { outcomesRepository } from './repository.ts'
import { outcomesService } from './service.ts'
import { outcomesRoutes } from './routes.ts'
import { worklistRoutes } from './worklist-routes.ts'
import { outcomeRecords } from './records.ts'
import { outcomeRecordRoutes } from './record-routes.ts'
import { outcomeApiRoutes } from './api-routes.ts'

interface Needs {
  people: PeopleService
  status: StatusService
  referenceLists: ReferenceLists
}

/** The official outcome measures against regional targets, their publication, and outcome records. */
export const outcomesModule = defineModule({
  name: 'outcomes',
  needs: ['people', 'status', 'referenceLists'],
  repositories: (db) => ({ outcomes: outcomesRepository(db) }),
  services: ({ db, reads, repos, audit, clock, config }, { people }: Needs) => ({
    // Dashboards, drill-downs and exports read the replica when there is one.
    outcomes: outcomesService(reads, repos.outcomes, audit, {
      today: clock.today,
      smallCellThreshold: config.smallCellThreshold,
    }),
    outcomeRecords: outcomeRecords(db, people, audit, { today: clock.today }),
  }),
  routes: (app, svc) => {
    outcomesRoutes(app, svc.outcomes)
    worklistRoutes(app, { status: svc.status, outcomes: svc.outcomes })
    outcomeRecordRoutes(app, svc.outcomeRecords, svc.referenceLists)
    outcomeApiRoutes(app, { records: svc.outcomeRecords, outcomes: svc.outcomes })
  },
  personRecord: ({ outcomeRecords }) => ({
    timeline: (id, ctx) => outcomeRecords.timeline(ctx, id),
    subjectAccess: { name: 'offencesOrdersProgrammes', gather: outcomeRecords.gather },
  }),
  navigation: [
    {
      href: '/outcomes/checkpoints',
      text: 'Checkpoints due',
      order: 30,
      visible: (a) => can(a.role, 'status:write') && ['prison', 'pdu', 'region'].includes(a.scope.level),
    },
    { href: '/outcomes', text: 'Outcomes', order: 31, visible: (a) => can(a.role, 'reports:read') },
  ],
})
