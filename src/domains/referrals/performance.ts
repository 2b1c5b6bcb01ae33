import ExcelJS from 'exceljs'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { toCsv } from '../../platform/csv.ts'
import { NotFound } from '../../platform/errors.ts'
import { checkpointsFor, DEFAULT_CHECKPOINTS } from '../outcomes/checkpoints.ts'
import { addDays, dateOf } from '../../platform/calendar/index.ts'
import type { StatusService } from '../status/service.ts'
import { ACCOMMODATION_CLASSES, EMPLOYMENT_STATUSES } from '../status/vocabulary.ts'
import type { ReferralAccess, Referral } from './access.ts'
import { OUTCOME_CHECKPOINT_KEYS, type Period, type PerformanceRepository } from './performance-repository.ts'
import { rateContract, type ContractMeasures } from './rag.ts'
import type { QualityGrouping } from './schemas.ts'
import { STATE_LABELS } from './state-machine.ts'

type MeasureRow = Awaited<ReturnType<PerformanceRepository['contractMeasures']>>[number]
type OutcomeRow = Awaited<ReturnType<PerformanceRepository['outcomesAfterService']>>[number]

const pct = (n: number, d: number) => (d > 0 ? (100 * n) / d : null)

/** The RAG inputs from one contract's counts; a measure with no cases is null, not zero. */
export function measuresOf(m: MeasureRow | undefined): ContractMeasures {
  if (!m)
    return {
      meanQualityScore: null,
      attendanceRate: null,
      completionRate: null,
      contactedInTime: null,
      reportsInTime: null,
    }
  return {
    meanQualityScore: m.rated ? m.mean_quality : null,
    attendanceRate: pct(m.sessions_attended, m.sessions),
    completionRate: pct(m.completed, m.concluded),
    contactedInTime: pct(m.contacted_in_time, m.contacted),
    reportsInTime: pct(m.reports_in_time, m.reports),
  }
}

const EXPORT_HEADER = [
  'Referral',
  'CRN',
  'State',
  'Sent',
  'Assigned',
  'First contact',
  'Initial assessment',
  'Action plan approved',
  'Planned sessions',
  'Sessions recorded',
  'Sessions attended',
  'End-of-service report',
  'Concluded',
  'End reason',
  'Referral quality score',
  'Outcome score',
]
const day = (v: unknown) => dateOf(v)

export function performanceService(
  repo: PerformanceRepository,
  access: ReferralAccess,
  status: StatusService,
  audit: AuditLog,
  deps: { today: () => string },
) {
  /** Providers see their own contracts; everyone else with the capability sees all contracts. */
  async function visibleContracts(ctx: RequestContext, only?: string) {
    access.require(ctx, 'referrals:performance')
    const contracts = await repo.contracts(only ? [only] : null)
    const mine =
      ctx.actor.scope.level === 'provider'
        ? contracts.filter((c) => c.provider_organisation_id === ctx.actor.organisationId)
        : contracts
    if (only && !mine.length) {
      await audit.record(ctx, {
        action: 'read',
        recordType: 'contract_performance',
        recordId: only.slice(0, 64),
        outcome: only && contracts.length ? 'denied' : 'not_found',
      })
      throw new NotFound('Contract')
    }
    return mine
  }

  function combine(
    contracts: Awaited<ReturnType<typeof visibleContracts>>,
    measures: MeasureRow[],
    outcomes: OutcomeRow[],
  ) {
    const byId = new Map(measures.map((m) => [m.contract_id, m]))
    const outcomeById = new Map(outcomes.map((o) => [o.contract_id, o]))
    return contracts.map((c) => {
      const m = byId.get(c.id)
      const o = outcomeById.get(c.id)
      return {
        contract: c,
        counts: m,
        measures: measuresOf(m),
        ratings: rateContract(measuresOf(m)),
        outcomes: o,
      }
    })
  }

  /** Default period: the twelve months to today. */
  const periodOf = (p: Partial<Period>): Period => ({
    from: p.from ?? addDays(deps.today(), -365),
    to: p.to ?? deps.today(),
  })

  return {
    periodOf,

    /** Every contract the user may see, rated on the NAO's three dimensions. */
    async overview(ctx: RequestContext, period: Period) {
      const contracts = await visibleContracts(ctx)
      const ids = ctx.actor.scope.level === 'provider' ? contracts.map((c) => c.id) : null
      const [measures, outcomes] = await Promise.all([
        repo.contractMeasures(period, ids),
        repo.outcomesAfterService(period, deps.today(), ids),
      ])
      return combine(contracts, measures, outcomes)
    },

    /** One contract with its evidence and the referrals behind it (those in the viewer's scope). */
    async contract(ctx: RequestContext, id: string, period: Period) {
      const [contract] = await visibleContracts(ctx, id)
      const [measures, outcomes, referrals] = await Promise.all([
        repo.contractMeasures(period, [id]),
        repo.outcomesAfterService(period, deps.today(), [id]),
        repo.referralRows(id, period, ctx.actor.scope, 500),
      ])
      await audit.record(ctx, {
        action: 'read',
        recordType: 'contract_performance',
        recordId: id,
        outcome: 'allowed',
        detail: `${period.from} to ${period.to}; ${referrals.length} referrals listed`,
      })
      const [row] = combine([contract!], measures, outcomes)
      return { ...row!, referrals: referrals.map((r) => ({ ...r, stateLabel: STATE_LABELS[r.state] })) }
    },

    /** The performance report for a contract and period, as CSV or XLSX, one row per referral. */
    async export(ctx: RequestContext, id: string, period: Period, format: 'csv' | 'xlsx') {
      const [contract] = await visibleContracts(ctx, id)
      const rows = await repo.referralRows(id, period, ctx.actor.scope, 100_000)
      await audit.record(ctx, {
        action: 'export',
        recordType: 'contract_performance',
        recordId: id,
        outcome: 'allowed',
        detail: `${format}; ${period.from} to ${period.to}; ${rows.length} rows`,
      })
      const cells = rows.map((r) => [
        r.reference,
        r.crn,
        STATE_LABELS[r.state],
        day(r.sent_at),
        day(r.assigned_at),
        day(r.first_contact_at),
        day(r.assessment_at),
        day(r.action_plan_approved_at),
        r.action_plan_sessions,
        r.sessions,
        r.attended,
        day(r.report_submitted_at),
        day(r.concluded_at),
        r.end_reason_code,
        r.quality_score,
        r.outcome_score,
      ])
      const name = `contract-${contract!.reference.replace(/[^A-Za-z0-9-]/g, '_')}-${period.from}-to-${period.to}`
      if (format === 'csv')
        return {
          name: `${name}.csv`,
          type: 'text/csv; charset=utf-8',
          body: Buffer.from(toCsv(EXPORT_HEADER, cells)),
        }
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('Referrals')
      sheet.addRow(EXPORT_HEADER).font = { bold: true }
      for (const c of cells) sheet.addRow(c.map((v) => (v === null || v === undefined ? '' : v)))
      const buffer = Buffer.from(await book.xlsx.writeBuffer())
      return {
        name: `${name}.xlsx`,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: buffer,
      }
    },

    async qualityReport(ctx: RequestContext, grouping: QualityGrouping, period: Period) {
      access.require(ctx, 'referrals:performance')
      const rows = await repo.qualityBy(grouping, ctx.actor.scope, period)
      await audit.record(ctx, {
        action: 'search',
        recordType: 'referral_quality',
        outcome: 'allowed',
        detail: `by ${grouping}; ${rows.length} rows`,
      })
      return rows
    },

    /**
     * Outcomes after the service for one referral: the accommodation and employment recorded for
     * the release at each official checkpoint from the day the service ended up to today, beside
     * the provider's own ratings (NAO recommendation (b): verified outcomes). The caller has
     * opened the referral.
     */
    async afterService(referral: Referral) {
      if (!referral.concluded_at || !referral.actual_release_date || referral.state === 'cancelled') return []
      const ended = day(referral.concluded_at)
      const defs = DEFAULT_CHECKPOINTS.filter((c) =>
        (OUTCOME_CHECKPOINT_KEYS as readonly string[]).includes(c.key),
      )
      const due = checkpointsFor(referral.actual_release_date, defs).filter(
        (c) => c.date >= ended && c.date <= deps.today(),
      )
      return Promise.all(
        due.map(async (c) => {
          const [acc, emp] = await Promise.all([
            status.latestOnOrBefore(referral.custody_episode_id, 'accommodation', c.date),
            status.latestOnOrBefore(referral.custody_episode_id, 'employment', c.date),
          ])
          const accClass = acc?.accommodation_type_code
            ? ACCOMMODATION_CLASSES[acc.accommodation_type_code]?.outcomeClass
            : undefined
          return {
            label: c.label,
            date: c.date,
            accommodation: accClass
              ? {
                  settled: 'Settled',
                  temporary: 'Temporary (housed)',
                  not_housed: 'Not housed',
                  custody: 'In custody',
                }[accClass]
              : 'Not recorded',
            employment: emp?.employment_status
              ? EMPLOYMENT_STATUSES[emp.employment_status].label
              : 'Not recorded',
          }
        }),
      )
    },
  }
}

export type PerformanceService = ReturnType<typeof performanceService>
