/**
 * Regional targets (domain.md section 11): who may set them, listing, adding, and the defaults for
 * the next period's target once one has ended (issue 12, defect 8: targets that ended in April
 * 2024 were still the only ones, and nobody could set what came next).
 */
import { camelRow } from '../../platform/db/camel.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { applyOffset } from './checkpoints.ts'
import { figureOf } from './figures.ts'
import { latestCompletePeriod, measureOf, periodEnd } from './measures.ts'
import { measureCells } from './query.ts'
import type { OutcomesRepository } from './repository.ts'
import type { NewTarget } from './schemas.ts'
import type { Target, TargetKind } from './targets.ts'

export async function loadTargets(repo: OutcomesRepository, region?: string): Promise<Target[]> {
  const rows = await repo.targets(region)
  return rows.map((r) => ({
    ...camelRow(r, ['id', 'region_code', 'measure_key', 'baseline_date']),
    baselineValue: Number(r.baseline_value),
    kind: r.kind as TargetKind,
    amount: r.amount === null ? null : Number(r.amount),
    deadline: r.deadline,
  }))
}

export function targetsService(
  db: Database,
  repo: OutcomesRepository,
  audit: AuditLog,
  deps: { today: () => string; smallCellThreshold: number },
) {
  /** Administrators and national leads for any region; a regional lead for their own. */
  const mayEditTargets = (ctx: RequestContext, region?: string) =>
    can(ctx.actor.role, 'targets:write') &&
    (ctx.actor.scope.level === 'national' ||
      (ctx.actor.scope.level === 'region' && (!region || ctx.actor.scope.regionCode === region)))

  return {
    mayEditTargets,

    targets: async (ctx: RequestContext) => {
      if (!can(ctx.actor.role, 'reports:read')) throw new Forbidden()
      return { targets: await loadTargets(repo), regions: await repo.regions(), today: deps.today() }
    },

    /**
     * The form's starting values for the target after `targetId`: the same region, measure and
     * kind; the baseline is the region's latest complete quarter (withheld figures give none), and
     * the deadline a year after it, which the user changes as they need.
     */
    async nextTargetDefaults(ctx: RequestContext, targetId: string) {
      const previous = (await loadTargets(repo)).find((t) => t.id === targetId)
      if (!previous || !mayEditTargets(ctx, previous.regionCode)) throw new NotFound('Target not found')
      const measure = measureOf(previous.measureKey)
      if (!measure) throw new NotFound('Target not found')
      const today = deps.today()
      const latest = latestCompletePeriod(measure, today, 'quarter')
      const baselineDate = periodEnd(latest, 'quarter')
      const [cell] = await measureCells(db, [measure], {
        today,
        unit: 'quarter',
        groupBy: 'region',
        region: previous.regionCode,
        from: latest,
        to: baselineDate,
      })
      const rate = figureOf(cell, deps.smallCellThreshold).rate
      return {
        previous,
        values: {
          regionCode: previous.regionCode,
          measureKey: previous.measureKey,
          kind: previous.kind,
          amount: previous.amount === null ? '' : String(previous.amount),
          baselineValue: rate === null ? '' : String(rate),
          baselineDate,
          deadline: applyOffset(baselineDate, { months: 12 }),
        },
      }
    },

    async addTarget(ctx: RequestContext, input: NewTarget) {
      if (!mayEditTargets(ctx, input.regionCode)) throw new Forbidden()
      const errors: Record<string, string> = {}
      if (!(await repo.regionExists(input.regionCode))) errors.regionCode = 'Select a region'
      if (input.deadline <= input.baselineDate)
        errors.deadline = 'The deadline must be after the baseline date'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const created = await repo
        .insertTarget({
          region_code: input.regionCode,
          measure_key: input.measureKey,
          baseline_value: input.baselineValue,
          baseline_date: input.baselineDate,
          kind: input.kind,
          amount: input.kind === 'increase_by' || input.kind === 'reach' ? (input.amount ?? 0) : null,
          deadline: input.deadline,
          created_by: ctx.actor.userId,
        })
        .catch((err: unknown) => {
          if (err instanceof Error && /outcome_target_uq/.test(err.message))
            throw new ValidationFailed({
              deadline: 'This region already has a target for this measure with this deadline',
            })
          throw err
        })
      await audit.record(ctx, {
        action: 'admin',
        recordType: 'outcome_target',
        recordId: created.id,
        outcome: 'allowed',
        detail: `${input.regionCode} ${input.measureKey}`,
      })
      return created
    },
  }
}
