import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import { cas3Repositories, cas3Services } from './service.ts'
import { cas3Routes } from './routes.ts'

/**
 * CAS3 temporary accommodation: the estate, referrals, bookings and stays, and the reports. The
 * region's team works from its dashboard; referrers see their referrals and the people leaving
 * CAS3 without a move-on address; report readers the reports (issue 5).
 */
export const cas3Module = defineModule({
  name: 'cas3',
  needs: ['people', 'status'],
  repositories: (db) => ({ cas3: cas3Repositories(db) }),
  services: (
    { repos, audit, clock },
    { people, status }: { people: PeopleService; status: StatusService },
  ) => ({
    cas3: cas3Services(repos.cas3, { people, status, audit, today: clock.today }),
  }),
  routes: (app, { cas3 }) => cas3Routes(app, cas3),
  personRecord: ({ cas3 }, repos) => ({
    timeline: (id) => cas3.bookings.timeline(id),
    subjectAccess: { name: 'cas3Bookings', gather: repos.cas3.estate.personBookings },
  }),
  navigation: [
    {
      href: '/cas3',
      text: 'CAS3',
      order: 60,
      visible: (a) => can(a.role, 'cas3:manage') && a.role !== 'admin',
    },
    {
      href: '/cas3/referrals',
      text: 'CAS3 referrals',
      order: 61,
      visible: (a) => !can(a.role, 'cas3:manage') && can(a.role, 'cas3:refer') && a.role !== 'admin',
    },
    {
      href: '/cas3/move-on-due',
      text: 'Leaving CAS3',
      order: 62,
      visible: (a) => !can(a.role, 'cas3:manage') && can(a.role, 'cas3:refer') && a.role !== 'admin',
    },
    {
      href: '/cas3/reports',
      text: 'CAS3 reports',
      order: 63,
      visible: (a) => can(a.role, 'cas3:reports') && !can(a.role, 'cas3:manage'),
    },
  ],
})
