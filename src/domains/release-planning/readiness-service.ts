import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden } from '../../platform/errors.ts'
import type { SharedDeps } from './service.ts'
import { isFridayOrBeforeBankHoliday } from './rules/release-day.ts'
import { addDays, addMonths } from '../../platform/calendar/index.ts'
import { MEASURE_KEYS, type GroupBy, type MeasureKey } from './readiness-repository.ts'
import { WORKLIST_FLAGS, type WorklistFlag } from './vocabulary.ts'

const FLAG_KEYS = Object.keys(WORKLIST_FLAGS) as WorklistFlag[]
const PAGE_SIZE = 100

/** Release-readiness worklists and the pre-release measures. */
export function readinessUseCases({ readiness, audit, deps, calendar }: SharedDeps) {
  return {
    /**
     * Releases due in the next 12 or 24 weeks in the actor's scope, each with its flags, a page
     * at a time, filtered on one flag and sorted by release date, name or number of flags.
     */
    async worklist(
      ctx: RequestContext,
      query: { weeks: 12 | 24; flag?: WorklistFlag; sort: 'release' | 'flags' | 'name'; page?: number },
    ) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const from = deps.today()
      const to = addDays(from, query.weeks * 7)
      const page = query.page ?? 1
      // The release day is the recorded decision, else the s.23(3) working day on or before the due
      // date (CJA 1961); a release on a Friday or before a bank holiday is the 2023 Act's concern.
      // A decision can bring the day forward, so the list starts a week before the window.
      const flagDates: string[] = []
      for (let d = addDays(from, -7); d <= to; d = addDays(d, 1)) {
        if (calendar.covers(d) && isFridayOrBeforeBankHoliday(calendar.workingDayOnOrBefore(d), calendar))
          flagDates.push(d)
      }
      const { rows, total } = await readiness.worklist(ctx.actor.scope, from, to, {
        flagDates,
        flag: query.flag,
        sort: query.sort,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      })
      const withFlags = rows.map((r) => {
        const flags = Object.fromEntries(FLAG_KEYS.map((k) => [k, Boolean(r[k])])) as Record<
          WorklistFlag,
          boolean
        >
        return {
          ...r,
          releaseDay: r.decided_release_date ?? calendar.workingDayOnOrBefore(r.expected_release_date),
          flags,
        }
      })
      await audit.record(ctx, {
        action: 'search',
        recordType: 'release_readiness',
        outcome: 'allowed',
        detail: `${query.weeks} weeks; ${query.flag ?? 'all'}; ${total} rows`,
      })
      return { from, to, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), rows: withFlags }
    },

    /** Percentages over releases in the period (default: the last 12 months), by prison, PDU or region. */
    async measures(ctx: RequestContext, query: { by: GroupBy; from?: string; to?: string }) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const to = query.to ?? deps.today()
      const from = query.from ?? addMonths(to, -12)
      const groups = await readiness.measures(ctx.actor.scope, query.by, from, to)
      const pct = (n: number, d: number) => (d ? (100 * n) / d : null)
      const rows = groups.map((g) => ({
        ...g,
        pct: Object.fromEntries(MEASURE_KEYS.map((k) => [k, pct(g[k], g.releases)])) as Record<
          MeasureKey,
          number | null
        >,
      }))
      const total = {
        releases: groups.reduce((s, g) => s + g.releases, 0),
        ...Object.fromEntries(MEASURE_KEYS.map((k) => [k, groups.reduce((s, g) => s + g[k], 0)])),
      } as { releases: number } & Record<MeasureKey, number>
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
        rows,
        total,
        totalPct: Object.fromEntries(MEASURE_KEYS.map((k) => [k, pct(total[k], total.releases)])) as Record<
          MeasureKey,
          number | null
        >,
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
