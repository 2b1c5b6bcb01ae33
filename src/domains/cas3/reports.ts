import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden } from '../../platform/errors.ts'
import type { Table } from '../../platform/table/index.ts'
import { formatDate } from '../../platform/views/environment.ts'
import { DEFAULT_CAS3_STAY_RULES, type Cas3StayRules } from './stay-rules.ts'
import { requireCapability } from './access.ts'
import type { BuiltReport, ReportInput, ReportRow } from './report-columns.ts'
import { estateReports } from './report-estate.ts'
import { peopleReports } from './report-people.ts'
import type { ReportRepository } from './report-repository.ts'

export const REPORTS = {
  referrals: 'Referrals',
  bookings: 'Bookings',
  'bed-usage': 'Bed usage',
  occupancy: 'Occupancy',
  'future-bookings': 'Future bookings',
  gaps: 'Gaps between bookings',
  overstays: 'Overstays',
  'move-on': 'Move-on outcomes',
} as const
export type ReportName = keyof typeof REPORTS

export interface Report {
  name: ReportName
  title: string
  scopeLabel: string
  from: string
  to: string
  table: Table<ReportRow>
  summary: Table<ReportRow>
}

export function reportService(
  repo: ReportRepository,
  audit: AuditLog,
  deps: { today: () => string; stay?: Cas3StayRules },
) {
  const stay = deps.stay ?? DEFAULT_CAS3_STAY_RULES

  /** Officers and regional leads see their region; national users choose a region or all of England and Wales. */
  function scopeRegion(ctx: RequestContext, requested: string | null): string | null {
    requireCapability(ctx, 'cas3:reports')
    if (ctx.actor.scope.level === 'region') return ctx.actor.scope.regionCode
    if (ctx.actor.scope.level === 'national') return requested
    throw new Forbidden()
  }

  const people = peopleReports(repo, { today: deps.today, stay })
  const estate = estateReports(repo)
  /** Each report, by name: a list of column specs over its rows, and its summary (issue 11). */
  const BUILD: Record<ReportName, (input: ReportInput) => Promise<BuiltReport>> = {
    referrals: people.referrals,
    bookings: (input) => people.bookings('bookings', input),
    'future-bookings': (input) => people.bookings('future-bookings', input),
    overstays: (input) => people.bookings('overstays', input),
    'move-on': people.moveOn,
    'bed-usage': estate.bedUsage,
    occupancy: estate.occupancy,
    gaps: estate.gaps,
  }

  return {
    /** The reports page is a form: a role that cannot run reports is refused it (issue 17). */
    assertCanRun(ctx: RequestContext) {
      scopeRegion(ctx, null)
    },

    async run(
      ctx: RequestContext,
      name: ReportName,
      input: { from: string; to: string; regionCode: string | null },
    ): Promise<Report> {
      const regionCode = scopeRegion(ctx, input.regionCode)
      const [built, region] = await Promise.all([
        BUILD[name]({ regionCode, from: input.from, to: input.to }),
        regionCode ? repo.regionName(regionCode) : undefined,
      ])
      await audit.record(ctx, {
        action: 'export',
        recordType: 'cas3_report',
        detail: `${name} ${regionCode ?? 'national'} ${input.from} to ${input.to}`,
      })
      const scopeLabel = region?.name ?? 'England and Wales'
      const title = REPORTS[name]
      return {
        name,
        title,
        scopeLabel,
        from: input.from,
        to: input.to,
        table: {
          id: name,
          caption: `${title}: ${scopeLabel}, ${formatDate(input.from)} to ${formatDate(input.to)}`,
          columns: built.columns,
          rows: built.rows,
        },
        summary: built.summary,
      }
    },
  }
}
export type ReportService = ReturnType<typeof reportService>
