import { defineModule } from '../../platform/module.ts'
import type { PeopleService } from '../people/service.ts'
import { statusRepository } from './repository.ts'
import { statusService } from './service.ts'

/** Where a person lives, works and gets treatment after release: the status events behind outcomes. */
export const statusModule = defineModule({
  name: 'status',
  needs: ['people'],
  repositories: (db) => ({ status: statusRepository(db) }),
  services: ({ repos, audit, clock }, { people }: { people: PeopleService }) => ({
    status: statusService(repos.status, people, audit, { today: clock.today }),
  }),
  personRecord: ({ status }, repos) => ({
    timeline: (id) => status.timeline(id),
    subjectAccess: { name: 'statusEvents', gather: (id) => repos.status.history(id) },
  }),
})
