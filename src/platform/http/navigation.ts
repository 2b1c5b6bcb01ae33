import type { Actor } from '../auth/actor.ts'
import { can } from '../auth/roles.ts'

interface NavItem {
  href: string
  text: string
  active?: boolean
}

/** The main menu for a role. Items appear only where the role can use them. */
export function navigationFor(actor: Actor, url: string): NavItem[] {
  const items: NavItem[] = [{ href: '/', text: 'Home' }]
  if (can(actor.role, 'people:read')) {
    items.push({ href: '/people', text: 'Find a person' })
    if (['prison', 'pdu', 'council', 'region'].includes(actor.scope.level)) {
      items.push({ href: '/releases/upcoming', text: 'Upcoming releases' })
      items.push({ href: '/release-planning/worklist', text: 'Release readiness' })
    }
    if (actor.scope.level !== 'provider' && actor.scope.level !== 'health')
      items.push({ href: '/release-planning/measures', text: 'Pre-release measures' })
  }
  if (can(actor.role, 'status:write') && ['prison', 'pdu', 'region'].includes(actor.scope.level))
    items.push({ href: '/outcomes/checkpoints', text: 'Checkpoints due' })
  if (can(actor.role, 'reports:read')) items.push({ href: '/outcomes', text: 'Outcomes' })
  if (
    can(actor.role, 'reports:read') &&
    can(actor.role, 'offending:read') &&
    ['national', 'region'].includes(actor.scope.level)
  )
    items.push({ href: '/evaluations', text: 'Evaluations' })
  if (can(actor.role, 'reports:read') && ['national', 'region'].includes(actor.scope.level))
    items.push({ href: '/forecasts', text: 'Forecasts' }, { href: '/capacity', text: 'Capacity' })
  if (can(actor.role, 'referrals:make')) items.push({ href: '/referrals', text: 'Referrals' })
  if (can(actor.role, 'referrals:deliver') && actor.scope.level === 'provider')
    items.push({ href: '/provider/referrals', text: 'Referrals' })
  if (can(actor.role, 'referrals:performance'))
    items.push({ href: '/contracts/performance', text: 'Contracts' })
  // CAS3 (issue 5): the region's team works from its dashboard; referrers see their referrals
  // and the people leaving CAS3 without a move-on address; report readers the reports.
  if (can(actor.role, 'cas3:manage') && actor.role !== 'admin') items.push({ href: '/cas3', text: 'CAS3' })
  else if (can(actor.role, 'cas3:refer') && actor.role !== 'admin') {
    items.push({ href: '/cas3/referrals', text: 'CAS3 referrals' })
    items.push({ href: '/cas3/move-on-due', text: 'Leaving CAS3' })
  }
  if (can(actor.role, 'cas3:reports') && !can(actor.role, 'cas3:manage'))
    items.push({ href: '/cas3/reports', text: 'CAS3 reports' })
  if (can(actor.role, 'admin')) {
    items.push({ href: '/admin/users', text: 'Users' })
    items.push({ href: '/admin/organisations', text: 'Organisations' })
    items.push({ href: '/admin/tokens', text: 'API tokens' })
    items.push({ href: '/admin/audit', text: 'Audit' })
  }
  const path = url.split('?')[0] ?? '/'
  for (const item of items) item.active = item.href === '/' ? path === '/' : path.startsWith(item.href)
  return items
}
