import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden } from '../../platform/errors.ts'
import type { SharedDeps } from './service.ts'
import { isFridayOrBeforeBankHoliday } from './rules/release-day.ts'
import { addDays, addMonths } from './rules/dates.ts'
import { MEASURE_KEYS, type GroupBy, type MeasureKey } from './readiness-repository.ts'
import { WORKLIST_FLAGS, type WorklistFlag } from './vocabulary.ts'

const FLAG_KEYS = Object.keys(WORKLIST_FLAGS) as WorklistFlag[]

/** Release-readiness worklists and the pre-release measures. */
export function readinessUseCases({ readiness, audit, deps, calendar }: SharedDeps) {
  return {
    /**
     * Releases due in the next 12 or 24 weeks in the actor's scope, each with its flags. A scope
     * holds at most a few hundred releases in 24 weeks, so the flags are filtered and sorted here
     * after one indexed query.
     */
    async worklist(
      ctx: RequestContext,
      query: { weeks: 12 | 24; flag?: WorklistFlag; sort: 'release' | 'flags' | 'name' },
    ) {
      if (!can(ctx.actor.role, 'people:read')) throw new Forbidden()
      const from = deps.today()
      const to = addDays(from, query.weeks * 7)
      const rows = await readiness.worklist(ctx.actor.scope, from, to)
      const withFlags = rows.map((r) => {
        // The day the person will actually leave: the recorded decision, else the s.23(3) working day.
        const releaseDay = r.decided_release_date ?? calendar.workingDayOnOrBefore(r.expected_release_date)
        const flags: Record<WorklistFlag, boolean> = {
          no_accommodation: Boolean(r.no_accommodation),
          no_id: Boolean(r.no_id),
          no_bank_account: Boolean(r.no_bank_account),
          no_com: Boolean(r.no_com),
          meeting_not_held: Boolean(r.meeting_not_held),
          no_com_contact: Boolean(r.no_com_contact),
          treatment_without_appointment: Boolean(r.treatment_without_appointment),
          friday_release: calendar.covers(releaseDay) && isFridayOrBeforeBankHoliday(releaseDay, calendar),
          plan_failing: Boolean(r.plan_failing),
        }
        return { ...r, releaseDay, flags, flagCount: FLAG_KEYS.filter((k) => flags[k]).length }
      })
      const counts = Object.fromEntries(
        FLAG_KEYS.map((k) => [k, withFlags.filter((r) => r.flags[k]).length]),
      ) as Record<WorklistFlag, number>
      const flag = query.flag
      const filtered = flag ? withFlags.filter((r) => r.flags[flag]) : withFlags
      const sorted = [...filtered].sort((a, b) => {
        if (query.sort === 'flags')
          return b.flagCount - a.flagCount || a.expected_release_date.localeCompare(b.expected_release_date)
        if (query.sort === 'name')
          return `${a.family_name} ${a.given_name}`.localeCompare(`${b.family_name} ${b.given_name}`)
        return a.expected_release_date.localeCompare(b.expected_release_date)
      })
      await audit.record(ctx, {
        action: 'search',
        recordType: 'release_readiness',
        outcome: 'allowed',
        detail: `${query.weeks} weeks; ${flag ?? 'all'}; ${sorted.length} rows`,
      })
      return { from, to, total: withFlags.length, rows: sorted, counts }
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
