import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden } from '../../platform/errors.ts'
import { addDays } from '../../platform/calendar/index.ts'
import { pageWindow } from '../../platform/table/index.ts'
import type { PeopleRepository } from './repository.ts'

/** A page of the upcoming-releases worklist; a download holds the whole filtered list, up to the limit. */
export const UPCOMING_PAGE_SIZE = 100
export const UPCOMING_DOWNLOAD_LIMIT = 50_000

export interface UpcomingList {
  sort?: 'release' | 'name'
  order?: 'asc' | 'desc'
  /** Part of a name, a prison number or a CRN. */
  q?: string | undefined
  /** Every row (up to the limit), for a download. */
  all?: boolean
}

/** The upcoming-releases worklist: paged, sorted and filtered in SQL (the list is as long as the scope). */
export function upcomingUseCases(repo: PeopleRepository, audit: AuditLog, deps: { today: () => string }) {
  return {
    /** Releases due in the next `weeks` in scope, one page in the asked order (soonest first). */
    async upcomingReleases(ctx: RequestContext, weeks: number, page: number, list: UpcomingList = {}) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const from = deps.today()
      const to = addDays(from, weeks * 7)
      const pageSize = list.all ? UPCOMING_DOWNLOAD_LIMIT : UPCOMING_PAGE_SIZE
      const order = {
        sort: list.sort ?? 'release',
        order: list.order ?? 'asc',
        q: list.q || undefined,
      } as const
      const fetch = (p: number, total?: number) =>
        repo.upcomingReleases(ctx.actor.scope, from, to, pageWindow(p, pageSize, total), order)
      let shown = list.all ? 1 : page
      let result = await fetch(shown)
      // A page past the end (a bookmark, a list that shrank) shows the last page instead.
      if (!result.rows.length && result.total > 0 && shown > 1) {
        shown = Math.max(1, Math.ceil(result.total / pageSize))
        result = await fetch(shown, result.total)
      }
      await audit.record(ctx, {
        action: 'search',
        recordType: 'upcoming_releases',
        outcome: 'allowed',
        detail: `${weeks} weeks; ${result.rows.length} rows${list.all ? '; download' : ''}`,
      })
      return { ...result, from, to, page: shown, pageSize }
    },
  }
}
