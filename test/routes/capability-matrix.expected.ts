import { can, type Capability } from '../../src/platform/auth/roles.ts'
import type { Role } from '../../src/platform/db/schema.ts'

/**
 * Who may use each route, for the capability matrix (issue 17). `who` is the capability the
 * route's use case demands (any of a list), or 'anyone' signed in. The record a route opens is
 * read from its path: a person (in scope for the reader or not), a region, or a record of
 * another kind that does not exist.
 *  - `form`: an empty form with no record data, shown to anyone; its post checks the role.
 *  - `fixed`: the route needs query or body input the matrix does not send; the answer is fixed.
 *  - `anyRegion`: an aggregate dashboard any reader of reports may see for any region.
 *  - `skip`: signing in and out, which the matrix's own sessions depend on.
 */
export interface Entry {
  who?: Capability | Capability[] | 'anyone'
  form?: true
  fixed?: number[]
  anyRegion?: true
  skip?: true
}

const anyone: Entry = { who: 'anyone' }
const w = (who: Entry['who'], extra: Omit<Entry, 'who'> = {}): Entry => ({ who, ...extra })

export const EXPECTED: Record<string, Entry> = {
  'GET /ping': anyone,
  'GET /info': anyone,
  'GET /health': anyone,
  'GET /sign-in': { skip: true },
  'POST /sign-in': { skip: true },
  'GET /sign-out': { skip: true },
  'POST /sign-out': { skip: true },
  'GET /': anyone,
  'GET /people': anyone,
  'GET /people/new': w('people:write'),
  'POST /people': w('people:write'),
  'GET /people/:id': anyone,
  'GET /people/:id/edit': w('people:write'),
  'POST /people/:id/edit': w('people:write'),
  'GET /people/:id/audit-trail': w('admin'),
  'GET /people/:id/subject-access.json': w('admin'),
  'GET /releases/upcoming': anyone,
  'GET /api/v1/people': anyone,
  'GET /api/v1/people/:id': anyone,
  'POST /api/v1/people': w('people:write'),
  'PUT /api/v1/people/:id': w('people:write'),
  'GET /api/v1/releases/upcoming': anyone,
  'GET /admin/organisations': w('admin'),
  'GET /admin/organisations/new': w('admin'),
  'POST /admin/organisations/new': w('admin'),
  'GET /admin/users': w('admin'),
  'GET /admin/users/new': w('admin'),
  'POST /admin/users/new': w('admin'),
  'GET /admin/users/:id': w('admin'),
  'POST /admin/users/:id': w('admin'),
  'POST /admin/users/:id/unlock': w('admin'),
  'GET /admin/tokens': w('admin'),
  'GET /admin/tokens/new': w('admin'),
  'POST /admin/tokens/new': w('admin'),
  'POST /admin/tokens/:id/revoke': w('admin'),
  'GET /admin/audit': w('admin'),
  'GET /admin/audit/export.csv': w('admin'),
  'GET /referrals': w('referrals:make'),
  'GET /provider/referrals': w('referrals:deliver'),
  'GET /people/:personId/referrals/new': w('referrals:make'),
  'POST /people/:personId/referrals': w('referrals:make'),
  'GET /referrals/:id/category': w('referrals:make'),
  'POST /referrals/:id/category': w('referrals:make'),
  'GET /referrals/:id/details': w('referrals:make'),
  'POST /referrals/:id/details': w('referrals:make'),
  'GET /referrals/:id': anyone,
  'POST /referrals/:id/assign': w('referrals:deliver'),
  'POST /referrals/:id/approve-action-plan': w('referrals:make'),
  'POST /referrals/:id/conclude': w('referrals:deliver'),
  'GET /referrals/:id/quality': w('referrals:deliver'),
  'POST /referrals/:id/quality': w('referrals:deliver'),
  'GET /referrals/:id/assessment': w('referrals:deliver'),
  'POST /referrals/:id/assessment': w('referrals:deliver'),
  'GET /referrals/:id/assessment/attended': w('referrals:deliver'),
  'POST /referrals/:id/assessment/attended': w('referrals:deliver'),
  'GET /referrals/:id/action-plan': w('referrals:deliver'),
  'POST /referrals/:id/action-plan': w('referrals:deliver'),
  'GET /referrals/:id/sessions/new': w('referrals:deliver'),
  'POST /referrals/:id/sessions/new': w('referrals:deliver'),
  'GET /referrals/:id/report': w('referrals:deliver'),
  'POST /referrals/:id/report': w('referrals:deliver'),
  'GET /referrals/:id/withdraw': w('referrals:make'),
  'POST /referrals/:id/withdraw': w('referrals:make'),
  'GET /referrals/:id/cancel': w('referrals:deliver'),
  // Cancelling is the provider's (state-machine EVENT_SIDE); withdrawing is the referrer's.
  'POST /referrals/:id/cancel': w('referrals:deliver'),
  'GET /contracts/performance': w('referrals:performance'),
  'GET /contracts/:id/performance': w('referrals:performance'),
  'GET /contracts/:id/performance/export': w('referrals:performance'),
  'GET /referrals/quality': w('referrals:performance'),
  'GET /admin/contracts/new': w('contracts:manage'),
  'POST /admin/contracts/new': w('contracts:manage'),
  // Contract places (issue 16): kept by an administrator or a regional lead, like other capacity.
  'GET /contracts/:id/volume': w('capacity:staffing'),
  'POST /contracts/:id/volume': w('capacity:staffing'),
  'GET /api/v1/referrals/:id': anyone,
  'POST /api/v1/referrals/:id/transitions': w(['referrals:make', 'referrals:deliver']),
  'GET /outcomes': w('reports:read'),
  'GET /outcomes/regions/:region': w('reports:read', { anyRegion: true }),
  'GET /outcomes/regions/:region/measures/:measure/releases': w('reports:read'),
  'GET /outcomes/targets': w('reports:read'),
  'GET /outcomes/targets/new': w('targets:write'),
  'POST /outcomes/targets/new': w('targets:write'),
  'GET /outcomes/checkpoints': w('status:write'),
  'GET /outcomes/checkpoints/record': w('status:write', { fixed: [400] }),
  'POST /outcomes/checkpoints/record': w('status:write', { fixed: [400] }),
  'GET /people/:id/outcome-records': w('offending:read'),
  'GET /people/:id/outcome-records/offences/new': w('people:write'),
  'POST /people/:id/outcome-records/offences/new': w('people:write'),
  'GET /people/:id/outcome-records/offences/:recordId/proof': w('people:write'),
  'POST /people/:id/outcome-records/offences/:recordId/proof': w('people:write'),
  'GET /people/:id/outcome-records/orders/new': w('people:write'),
  'POST /people/:id/outcome-records/orders/new': w('people:write'),
  'GET /people/:id/outcome-records/orders/:recordId/end': w('people:write'),
  'POST /people/:id/outcome-records/orders/:recordId/end': w('people:write'),
  'GET /people/:id/outcome-records/programmes/new': w('people:write'),
  'POST /people/:id/outcome-records/programmes/new': w('people:write'),
  'GET /people/:id/outcome-records/programmes/:recordId/end': w('people:write'),
  'POST /people/:id/outcome-records/programmes/:recordId/end': w('people:write'),
  'GET /api/v1/people/:id/outcome-records': w('offending:read'),
  'POST /api/v1/people/:id/offences': w('people:write'),
  'POST /api/v1/offences/:id/proof': w('people:write'),
  'POST /api/v1/people/:id/orders': w('people:write'),
  'POST /api/v1/orders/:id/termination': w('people:write'),
  'POST /api/v1/people/:id/programmes': w('people:write'),
  'POST /api/v1/programmes/:id/termination': w('people:write'),
  'GET /api/v1/outcomes/measures': w('reports:read'),
  'GET /cas3': w('cas3:manage'),
  'GET /cas3/premises': w('cas3:manage'),
  'GET /cas3/premises/new': w('cas3:manage'),
  'POST /cas3/premises': w('cas3:manage'),
  'GET /cas3/premises/:id': w('cas3:manage'),
  'GET /cas3/premises/:id/bedspaces/new': w('cas3:manage'),
  'POST /cas3/premises/:id/bedspaces': w('cas3:manage'),
  'GET /cas3/bedspaces/:id': w('cas3:manage'),
  'POST /cas3/bedspaces/:id/voids': w('cas3:manage'),
  'POST /cas3/bedspaces/:id/archive': w('cas3:manage'),
  'GET /cas3/referrals': w(['cas3:refer', 'cas3:manage']),
  'GET /cas3/referrals/new': w('cas3:refer'),
  'POST /cas3/referrals': w('cas3:refer'),
  'GET /cas3/referrals/:id': anyone,
  'POST /cas3/referrals/:id/assess': w('cas3:manage'),
  'GET /cas3/search': w('cas3:manage'),
  // Without a search result's referral and bedspace: refused by role first, then not found.
  'GET /cas3/bookings/new': w('cas3:manage', { fixed: [403, 404] }),
  'POST /cas3/bookings': w('cas3:manage', { fixed: [403, 404] }),
  'GET /cas3/bookings': w('cas3:manage'),
  'GET /cas3/bookings/:id': w('cas3:manage'),
  'POST /cas3/bookings/:id/confirm': w('cas3:manage'),
  'POST /cas3/bookings/:id/cancel': w('cas3:manage'),
  'POST /cas3/bookings/:id/arrival': w('cas3:manage'),
  'POST /cas3/bookings/:id/not-arrived': w('cas3:manage'),
  'POST /cas3/bookings/:id/departure': w('cas3:manage'),
  'POST /cas3/bookings/:id/close': w('cas3:manage'),
  'POST /cas3/bookings/:id/departure-date': w('cas3:manage'),
  'GET /cas3/move-on-due': anyone,
  'GET /cas3/bookings/:id/move-on-address': w(['people:write', 'cas3:manage']),
  'POST /cas3/bookings/:id/move-on-address': w(['people:write', 'cas3:manage']),
  'GET /cas3/reports': w('cas3:reports'),
  'GET /cas3/reports/export.:format': w('cas3:reports', { fixed: [400] }),
  'GET /people/:id/release-planning': anyone,
  'POST /people/:id/release-planning/release-date': w('people:write'),
  'GET /people/:id/release-planning/pathways/:pathway': anyone,
  'POST /people/:id/release-planning/pathways/:pathway': w('people:write'),
  'GET /people/:id/release-planning/needs/:needId': anyone,
  'POST /people/:id/release-planning/needs/:needId': w('people:write'),
  'GET /people/:id/release-planning/screenings': anyone,
  'POST /people/:id/release-planning/screenings': w('people:write'),
  'GET /people/:id/release-planning/plan': anyone,
  'POST /people/:id/release-planning/plan/propose': w('people:write'),
  'POST /people/:id/release-planning/plan/actions': w('people:write'),
  'GET /people/:id/release-planning/plan/actions/:actionId': anyone,
  'POST /people/:id/release-planning/plan/actions/:actionId': w('people:write'),
  'GET /people/:id/release-planning/handover': anyone,
  'POST /people/:id/release-planning/handover': w('people:write'),
  'GET /people/:id/release-planning/duty-to-refer': anyone,
  'POST /people/:id/release-planning/duty-to-refer': w('duty-to-refer:record'),
  'GET /people/:id/release-planning/release-day': anyone,
  'POST /people/:id/release-planning/release-day': w('release-day:record'),
  'POST /people/:id/release-planning/release-day/further-day': w('release-day:request-further-day'),
  'POST /people/:id/release-planning/release-day/further-day/decision': w('release-day:governor-decision'),
  'POST /people/:id/release-planning/release-day/checklist': w('people:write'),
  'POST /people/:id/release-planning/release-day/first-night': w('people:write'),
  'GET /release-planning/worklist': anyone,
  'GET /release-planning/measures': anyone,
  'GET /release-planning/measures/people': w('anyone', { fixed: [404] }),
  'GET /api/v1/release-planning/worklist': anyone,
  // Publication and revisions (issue 13).
  'GET /outcomes/publications': w('reports:read'),
  'POST /outcomes/publications': w('outcomes:publish'),
  // The matrix's placeholder period is no quarter, so the path is malformed: not found (issue 11).
  'GET /outcomes/publications/:period/revisions/:measure/:group': w('reports:read', { fixed: [404] }),
  'GET /api/v1/outcomes/publications': w('reports:read'),
  'POST /api/v1/outcomes/publications': w('outcomes:publish'),
  // Variation (issue 14).
  'GET /outcomes/variation': w('reports:read'),
  'GET /outcomes/variation/funnel': w('reports:read'),
  'GET /outcomes/variation/extract': w('extracts:anonymised', { fixed: [400] }),
  'GET /outcomes/variation/releases': w('reports:read', { fixed: [400] }),
  'GET /api/v1/outcomes/variation': w('reports:read'),
  'GET /api/v1/outcomes/funnel': w('reports:read'),
  // Evaluation (issue 15).
  'POST /api/v1/evaluations': w('reports:read'),
  'GET /api/v1/evaluations/:id': w('reports:read'),
  'GET /evaluations': w('reports:read'),
  'GET /evaluations/new': w('reports:read'),
  'POST /evaluations': w('reports:read'),
  'POST /evaluations/:id/rerun': w('reports:read'),
  'GET /evaluations/:id/status': w('reports:read'),
  'GET /evaluations/:id': w('reports:read'),
  // Forecasting and capacity (issue 16).
  'GET /forecasts': w('reports:read'),
  'GET /forecasts/scenarios': w('reports:read'),
  'POST /forecasts/scenarios': w('reports:read'),
  'GET /forecasts/backtest': w('reports:read'),
  'GET /api/v1/forecasts': w('reports:read'),
  'GET /api/v1/forecasts/backtest': w('reports:read'),
  'GET /capacity': w('reports:read'),
  'GET /capacity/staffing': w('capacity:staffing'),
  'POST /capacity/staffing': w('capacity:staffing'),
  'GET /capacity/approved-premises': w('capacity:staffing'),
  'POST /capacity/approved-premises': w('capacity:staffing'),
  'GET /caseloads': w(['reports:read', 'caseload:own']),
  'GET /coverage': w('people:read'),
  'GET /coverage/people/:personId': anyone,
  'GET /coverage/people/:personId/services': w('status:write'),
  'POST /coverage/people/:personId/services': w('status:write'),
}

/** Roles whose scope covers a London person: all but providers and health partners, who see only people referred to them. */
const seesLondonPerson = (role: Role) => role !== 'provider_caseworker' && role !== 'health_coordinator'
const national = (role: Role) => role === 'national_analyst' || role === 'admin'

/** The statuses a role may get from a route, for a record in or out of its scope. */
export function expectedStatuses(
  entry: Entry,
  role: Role,
  route: { method: string; url: string },
  where: 'in' | 'out',
): number[] {
  if (entry.form) return [200]
  if (entry.fixed) return entry.fixed
  const write = route.method !== 'GET'
  const who = entry.who ?? 'anyone'
  const allowed = who === 'anyone' || [who].flat().some((c) => can(role, c))
  // An API body is checked against its schema before any handler: an empty one is a 400 for all.
  if (write && route.url.startsWith('/api/')) return [400]
  // A role without the capability is refused (403), or finds nothing (404). A form post may be
  // answered 400 first, for its missing fields: nothing is written either way.
  if (!allowed) return write ? [400, 403, 404] : [403, 404]
  const person = /\/people\/:id|:personId/.test(route.url)
  const region = route.url.includes(':region')
  // Any other id in the path names a record that does not exist, whoever asks.
  const other = /:[A-Za-z]+/.test(
    route.url.replace(/\/people\/:id|:personId|:region|:measure|:pathway|:format/g, ''),
  )
  const ok = write ? [200, 303, 400, 409] : [200]
  if (other) return [404]
  if (person) return (where === 'in' ? seesLondonPerson(role) : national(role)) ? ok : [404]
  if (region) return where === 'in' || national(role) || entry.anyRegion ? ok : [404]
  return ok
}
