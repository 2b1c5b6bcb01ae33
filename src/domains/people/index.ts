import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { ReferenceLists } from '../reference/repository.ts'
import { peopleRepository } from './repository.ts'
import { peopleService } from './service.ts'
import { peopleRoutes } from './routes.ts'

/**
 * People and their custody episodes: the record every other domain hangs from. Other modules add
 * to a person's timeline and subject access export through `personRecord`; people reads them.
 */
export const peopleModule = defineModule({
  name: 'people',
  needs: ['referenceLists'],
  repositories: (db) => ({ people: peopleRepository(db) }),
  services: ({ repos, audit, clock, person }, _: { referenceLists: ReferenceLists }) => ({
    people: peopleService(repos.people, audit, {
      today: clock.today,
      timelineSources: person.timeline,
      subjectAccessSources: person.subjectAccess,
    }),
  }),
  routes: (app, { people, referenceLists }) => peopleRoutes(app, people, referenceLists),
  navigation: [
    { href: '/people', text: 'Find a person', order: 10, visible: (a) => can(a.role, 'people:read') },
  ],
})
