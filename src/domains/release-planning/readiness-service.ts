import type { Actor, RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden } from '../../platform/errors.ts'
import type { PlanningContext } from './context.ts'
import { isFridayOrBeforeBankHoliday } from './rules/release-day.ts'
import { addDays, addMonths } from '../../platform/calendar/index.ts'
import { MEASURE_KEYS, type GroupBy, type MeasureKey } from './readiness-repository.ts'
import { WORKLIST_FLAGS, type WorklistFlag } from './vocabulary.ts'
import { publishMeasures } from './measures-disclosure.ts'
import { disclosurePolicy } from '../../platform/disclosure/index.ts'
import { pageWindow } from '../../platform/table/index.ts'
import { WORKLIST_PAGE_SIZE, type ShownWorklistRow, type WorklistSort } from './readiness-table.ts'

const FLAG_KEYS = Object.keys(WORKLIST_FLAGS) as WorklistFlag[]
/** A download holds the whole filtered list, up to this many releases (a national 24 weeks is about 30,000). */
export const DOWNLOAD_LIMIT = 50_000

/** Release-readiness worklists and the pre-release measures. */
export function readinessUseCases({ readiness, audit, deps, calendar }: PlanningContext) {
  return {
    /**
     * Releases due in the next 12 or 24 weeks in the actor's scope, each with its flags, filtered on
     * one flag and on a name, prison number or CRN, sorted by release date, name or number of flags
     * either way, a page at a time (`all`: every row, up to DOWNLOAD_LIMIT, for a download).
     */
    async worklist(
      ctx: RequestContext,
      query: {
        weeks: 12 | 24
        flag?: WorklistFlag | undefined
        sorting: { key: WorklistSort; order: 'asc' | 'desc' }
        q?: string | undefined
        page?: number
      },
      options: { all?: boolean } = {},
    ) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const from = deps.today()
      const to = addDays(from, query.weeks * 7)
      // The release day is the recorded decision, else the s.23(3) working day on or before the due
      // date (CJA 1961); a release on a Friday or before a bank holiday is the 2023 Act's concern.
      // A decision can bring the day forward, so the list starts a week before the window.
      const flagDates: string[] = []
      for (let d = addDays(from, -7); d <= to; d = addDays(d, 1)) {
        if (calendar.covers(d) && isFridayOrBeforeBankHoliday(calendar.workingDayOnOrBefore(d), calendar))
          flagDates.push(d)
      }
      const fetch = (window: { limit: number; offset: number }) =>
        readiness.worklist(ctx.actor.scope, from, to, {
          flagDates,
          flag: query.flag,
          sort: query.sorting.key,
          order: query.sorting.order,
          q: query.q || undefined,
          ...window,
        })
      const pageSize = options.all ? DOWNLOAD_LIMIT : WORKLIST_PAGE_SIZE
      let page = options.all ? 1 : (query.page ?? 1)
      let { rows, total } = await fetch(pageWindow(page, pageSize))
      // A page past the end (a bookmark, a list that shrank) shows the last page instead.
      if (!rows.length && total > 0 && page > 1) {
        page = Math.max(1, Math.ceil(total / pageSize))
        ;({ rows, total } = await fetch(pageWindow(page, pageSize, total)))
      }
      const withFlags: ShownWorklistRow[] = rows.map((r) => ({
        ...r,
        releaseDay: r.decided_release_date ?? calendar.workingDayOnOrBefore(r.expected_release_date),
        flags: Object.fromEntries(FLAG_KEYS.map((k) => [k, Boolean(r[k])])) as Record<WorklistFlag, boolean>,
      }))
      await audit.record(ctx, {
        action: 'search',
        recordType: 'release_readiness',
        outcome: 'allowed',
        detail: `${query.weeks} weeks; ${query.flag ?? 'all'}; ${total} rows${options.all ? '; download' : ''}`,
      })
      return {
        from,
        to,
        total,
        page,
        pageSize,
        pages: Math.max(1, Math.ceil(total / pageSize)),
        truncated: total > withFlags.length && Boolean(options.all),
        rows: withFlags,
      }
    },

    /**
     * Counts of releases in the next `weeks` carrying each flag, for the home page's work queue.
     * Counts only, nobody's record, so nothing to audit; scope as the worklist.
     */
    async readinessCounts(actor: Actor, weeks: 12 | 24, flags: readonly WorklistFlag[]) {
      if (!can(actor.role, 'people:read')) return Object.fromEntries(flags.map((f) => [f, 0]))
      const from = deps.today()
      return readiness.flagCounts(actor.scope, from, addDays(from, weeks * 7), flags)
    },

    /**
     * Each measure over releases in the period (default: the last 12 months), by prison, PDU or
     * region, as published: counts through the disclosure module, rates with their denominators
     * and 95% intervals (measures-disclosure.ts).
     */
    async measures(ctx: RequestContext, query: { by: GroupBy; from?: string; to?: string }) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const to = query.to ?? deps.today()
      const from = query.from ?? addMonths(to, -12)
      const groups = await readiness.measures(ctx.actor.scope, query.by, from, to)
      const asGroup = (g: { code: string; name: string; releases: number } & Record<MeasureKey, number>) => ({
        code: g.code,
        name: g.name,
        releases: g.releases,
        met: Object.fromEntries(MEASURE_KEYS.map((k) => [k, g[k]])) as Record<MeasureKey, number>,
      })
      const total = {
        code: '*',
        name: 'Total',
        releases: groups.reduce((s, g) => s + g.releases, 0),
        met: Object.fromEntries(MEASURE_KEYS.map((k) => [k, groups.reduce((s, g) => s + g[k], 0)])) as Record<
          MeasureKey,
          number
        >,
      }
      const published = publishMeasures(
        groups.map(asGroup),
        total,
        MEASURE_KEYS,
        disclosurePolicy({ threshold: deps.disclosureThreshold }),
      )
      await audit.record(ctx, {
        action: 'search',
        recordType: 'pre_release_measures',
        outcome: 'allowed',
        detail: `${query.by} ${from} to ${to}`,
      })
      return {
        by: query.by,
        from,
        to,
        ...published,
        policy: disclosurePolicy({ threshold: deps.disclosureThreshold }),
      }
    },

    async drillDown(
      ctx: RequestContext,
      query: {
        by: GroupBy
        code: string
        measure: MeasureKey
        met: 'yes' | 'no'
        from?: string
        to?: string
      },
    ) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const to = query.to ?? deps.today()
      const from = query.from ?? addMonths(to, -12)
      const rows = await readiness.drillDown(
        ctx.actor.scope,
        query.by,
        query.code,
        query.measure,
        query.met === 'yes',
        from,
        to,
      )
      await audit.record(ctx, {
        action: 'search',
        recordType: 'pre_release_measures',
        outcome: 'allowed',
        detail: `drill-down ${query.measure} ${query.by}:${query.code}; ${rows.length} rows`,
      })
      return { ...query, from, to, rows }
    },
  }
}
