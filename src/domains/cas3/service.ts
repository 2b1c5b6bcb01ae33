import type { Database } from '../../platform/db/index.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import { cas3Repository } from './repository.ts'
import { referralRepository } from './referral-repository.ts'
import { reportRepository } from './report-repository.ts'
import { estateService } from './estate-service.ts'
import { referralService } from './referral-service.ts'
import { bookingService } from './booking-service.ts'
import { availabilityService } from './availability.ts'
import { personStaysService } from './person-stays.ts'
import { reportService } from './reports.ts'

/** The CAS3 domain's repositories and services, for the composition root. */
export function cas3Repositories(db: Database) {
  return { estate: cas3Repository(db), referrals: referralRepository(db), reports: reportRepository(db) }
}
export type Cas3Repositories = ReturnType<typeof cas3Repositories>

export function cas3Services(
  repos: Cas3Repositories,
  deps: { people: PeopleService; status: StatusService; audit: AuditLog; today: () => string },
) {
  const estate = estateService(repos.estate, deps.audit, deps)
  const referrals = referralService(repos.referrals, repos.estate, deps.people, deps.audit, deps)
  const bookings = {
    ...bookingService(repos.estate, referrals, deps.people, deps.status, deps.audit, deps),
    ...availabilityService(repos.estate, referrals, deps.audit, deps),
    ...personStaysService(repos.estate, deps.people, deps.audit, deps),
  }
  const reports = reportService(repos.reports, deps.audit, deps)
  return { estate, referrals, bookings, reports, lists: repos.estate }
}
export type Cas3Services = ReturnType<typeof cas3Services>
