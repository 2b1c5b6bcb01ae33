import { can } from '../../platform/auth/roles.ts'
import { defineModule } from '../../platform/module.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import { referralRepository } from './repository.ts'
import { referralService } from './service.ts'
import { referralLifecycle } from './lifecycle.ts'
import { performanceRepository } from './performance-repository.ts'
import { performanceService } from './performance.ts'
import { contractRepository, contractService } from './contracts.ts'
import { contractVolumeRepository, contractVolumeService } from './contract-volume.ts'
import { contractVolumeRoutes } from './contract-volume-routes.ts'
import { referralRoutes } from './routes.ts'
import { performanceRoutes } from './performance-routes.ts'
import { referralApiRoutes } from './api-routes.ts'

/** Referrals to commissioned rehabilitative services (CRS), their lifecycle and contract performance. */
export const referralsModule = defineModule({
  name: 'referrals',
  needs: ['people', 'status'],
  repositories: (db) => ({
    referrals: referralRepository(db),
    referralPerformance: performanceRepository(db),
    contracts: contractRepository(db),
    contractVolumes: contractVolumeRepository(db),
  }),
  services: (
    { db, reads, repos, audit, clock },
    { people, status }: { people: PeopleService; status: StatusService },
  ) => {
    const referrals = referralService(db, repos.referrals, people, audit, {
      today: clock.today,
      now: clock.now,
    })
    return {
      referrals,
      referralLifecycle: referralLifecycle(repos.referrals, referrals.access, audit, {
        today: clock.today,
        now: clock.now,
      }),
      // Performance tables are heavy reads that need not see the reader's own last write.
      referralPerformance: performanceService(
        reads === db ? repos.referralPerformance : performanceRepository(reads),
        referrals.access,
        status,
        audit,
        { today: clock.today },
      ),
      contracts: contractService(repos.contracts, audit),
      contractVolumes: contractVolumeService(repos.contractVolumes, audit),
    }
  },
  routes: (app, svc) => {
    referralRoutes(app, svc.referrals, svc.referralLifecycle, svc.referralPerformance)
    performanceRoutes(app, svc.referralPerformance, svc.contracts, svc.contractVolumes)
    contractVolumeRoutes(app, svc.contractVolumes)
    referralApiRoutes(app, svc.referrals, svc.referralLifecycle)
  },
  personRecord: ({ referrals }, repos) => ({
    timeline: (id, ctx) => referrals.timeline(id, ctx),
    subjectAccess: { name: 'referrals', gather: (id) => repos.referrals.forPerson(id) },
  }),
  navigation: [
    { href: '/referrals', text: 'Referrals', order: 50, visible: (a) => can(a.role, 'referrals:make') },
    {
      href: '/provider/referrals',
      text: 'Referrals',
      order: 51,
      visible: (a) => can(a.role, 'referrals:deliver') && a.scope.level === 'provider',
    },
    {
      href: '/contracts/performance',
      text: 'Contracts',
      order: 52,
      visible: (a) => can(a.role, 'referrals:performance'),
    },
  ],
})
