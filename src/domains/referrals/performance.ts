import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { NotFound } from '../../platform/errors.ts'
import { checkpointsFor, DEFAULT_CHECKPOINTS } from '../outcomes/checkpoints.ts'
import { addDays, dateOf } from '../../platform/calendar/index.ts'
import type { StatusService } from '../status/service.ts'
import { ACCOMMODATION_CLASSES, EMPLOYMENT_STATUSES } from '../status/vocabulary.ts'
import type { ReferralAccess, Referral } from './access.ts'
import { OUTCOME_CHECKPOINT_KEYS, type Period, type PerformanceRepository } from './performance-repository.ts'
import { measuresFrom, POLICY, protectContracts, protectRows, publishedRate } from './performance-figures.ts'
import type { ContractFigures, MeasureRow as EvidenceRow, QualityFigures } from './performance-tables.ts'
import { RAG_THRESHOLDS, rateContract, type ContractMeasures } from './rag.ts'
import type { QualityGrouping } from './schemas.ts'

type MeasureRow = Awaited<ReturnType<PerformanceRepository['contractMeasures']>>[number]
type OutcomeRow = Awaited<ReturnType<PerformanceRepository['outcomesAfterService']>>[number]

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

  /**
   * Each contract's figures, through the disclosure module; the overview adds the total over the
   * contracts shown, protected with them so no withheld count is their difference.
   */
  function figures(
    contracts: Awaited<ReturnType<typeof visibleContracts>>,
    measures: MeasureRow[],
    period: Period,
    withTotal: boolean,
  ): { rows: ContractFigures[]; total: ContractFigures | null } {
    const byId = new Map(measures.map((m) => [m.contract_id, m]))
    const out = protectContracts(
      contracts.map((c) => ({ key: c.id, counts: byId.get(c.id) })),
      { withTotal },
    )
    const query = `from=${period.from}&to=${period.to}`
    const rows = contracts.map((c, i) => {
      const p = out.rows[i]!
      return {
        key: c.id,
        label: c.reference,
        provider: c.provider_name,
        href: `/contracts/${c.id}/performance?${query}`,
        ...p,
        ratings: rateContract(measuresFrom(p)),
      }
    })
    const total = out.total
      ? {
          key: 'all',
          label: 'All contracts',
          provider: '',
          ...out.total,
          ratings: rateContract(measuresFrom(out.total)),
        }
      : null
    return { rows, total }
  }

  /** Default period: the twelve months to today. */
  const periodOf = (p: Partial<Period>): Period => ({
    from: p.from ?? addDays(deps.today(), -365),
    to: p.to ?? deps.today(),
  })

  return {
    periodOf,

    /** Every contract the user may see, rated on the NAO's three dimensions, with their total. */
    async overview(ctx: RequestContext, period: Period) {
      const contracts = await visibleContracts(ctx)
      const ids = ctx.actor.scope.level === 'provider' ? contracts.map((c) => c.id) : null
      const measures = await repo.contractMeasures(period, ids)
      await audit.record(ctx, {
        action: 'search',
        recordType: 'contract_performance',
        detail: `${period.from} to ${period.to}; ${contracts.length} contracts`,
      })
      return figures(contracts, measures, period, true)
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
        detail: `${period.from} to ${period.to}; ${referrals.length} referrals listed`,
      })
      const { rows } = figures([contract!], measures, period, false)
      const row = rows[0]!
      const rateOf: Partial<Record<keyof ContractMeasures, ContractFigures['attendance']>> = {
        attendanceRate: row.attendance,
        completionRate: row.completion,
        contactedInTime: row.contactedInTime,
        reportsInTime: row.reportsInTime,
      }
      const evidence: EvidenceRow[] = Object.values(RAG_THRESHOLDS)
        .flat()
        .flatMap((t) => {
          const rate = rateOf[t.measure]
          return rate ? [{ label: t.label, rate, green: t.green }] : []
        })
      return {
        contract: contract!,
        figures: row,
        counts: measures[0],
        evidence,
        afterService: afterServiceFigures(outcomes[0]),
        referrals,
      }
    },

    /** The referrals behind a contract's figures, for its CSV or XLSX download; audited. */
    async exportRows(ctx: RequestContext, id: string, period: Period, format: 'csv' | 'xlsx') {
      const [contract] = await visibleContracts(ctx, id)
      const rows = await repo.referralRows(id, period, ctx.actor.scope, 100_000)
      await audit.record(ctx, {
        action: 'export',
        recordType: 'contract_performance',
        recordId: id,
        detail: `${format}; ${period.from} to ${period.to}; ${rows.length} rows`,
      })
      return { contract: contract!, rows }
    },

    /** Quality by a grouping, with the total over the groups, through the disclosure module. */
    async qualityReport(ctx: RequestContext, grouping: QualityGrouping, period: Period) {
      access.require(ctx, 'referrals:performance')
      const rows = await repo.qualityBy(grouping, ctx.actor.scope, period)
      await audit.record(ctx, {
        action: 'search',
        recordType: 'referral_quality',
        detail: `by ${grouping}; ${rows.length} rows`,
      })
      return qualityFigures(rows)
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

type QualityRow = Awaited<ReturnType<PerformanceRepository['qualityBy']>>[number]

/** Groups and their total ("All"), protected together; the share scored under 60 with its interval. */
export function qualityFigures(rows: readonly QualityRow[]): QualityFigures[] {
  const out = protectRows(
    rows.map((r) => ({ key: r.label, counts: { rated: r.rated, low: r.low } })),
    ['rated', 'low'] as const,
    { withTotal: true },
    POLICY,
  )
  const rated = rows.reduce((s, r) => s + r.rated, 0)
  const all = out.total
    ? [
        {
          label: 'All',
          raw: {
            rated,
            low: out.total.raw.low,
            mean: rows.reduce((s, r) => s + r.mean_score * r.rated, 0) / rated,
          },
          counts: out.total.counts,
        },
      ]
    : []
  return [
    ...rows.map((r, i) => ({
      label: r.label,
      raw: { rated: r.rated, low: r.low, mean: r.mean_score },
      counts: out.rows[i]!,
    })),
    ...all,
  ].map(({ label, raw, counts }) => ({
    label,
    rated: counts.rated,
    meanScore: counts.rated === null ? null : raw.mean,
    low: publishedRate(counts.low, counts.rated, raw.low, raw.rated, POLICY),
  }))
}

/** Outcomes after the service for one contract: three rates of the releases whose status is known. */
function afterServiceFigures(o: OutcomeRow | undefined): EvidenceRow[] {
  const c = {
    due: o?.due ?? 0,
    accommodation_known: o?.accommodation_known ?? 0,
    settled: o?.settled ?? 0,
    housed: o?.housed ?? 0,
    employment_known: o?.employment_known ?? 0,
    employed: o?.employed ?? 0,
  }
  const columns = ['due', 'accommodation_known', 'settled', 'housed', 'employment_known', 'employed'] as const
  const [p] = protectRows([{ key: 'contract', counts: c }], columns, { withTotal: false }, POLICY).rows
  const rate = (n: (typeof columns)[number], d: (typeof columns)[number]) =>
    publishedRate(p![n], p![d], c[n], c[d], POLICY)
  return [
    { label: 'In settled accommodation', rate: rate('settled', 'accommodation_known'), green: null },
    { label: 'Housed (settled or temporary)', rate: rate('housed', 'accommodation_known'), green: null },
    {
      label: 'In employment (of those available for work)',
      rate: rate('employed', 'employment_known'),
      green: null,
    },
  ]
}
