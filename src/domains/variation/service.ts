/**
 * The variation analyses (issue 14): access first, then counts within the actor's scope (the one
 * scope predicate applies to every aggregate: a regional lead's splits are of their region), then
 * disclosure control and the statistics (analysis.ts). Every read is audited as an aggregate read.
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { applyOffset } from '../outcomes/checkpoints.ts'
import { latestCompletePeriod, measureOf, periodEnd } from '../outcomes/measures.ts'
import { analyse, type VariationTable } from './analysis.ts'
import { funnelOf } from './funnel.ts'
import type { VariationRepository } from './repository.ts'
import type { DrillQuery, ExtractQuery, FunnelQuery, VariationQuery } from './schemas.ts'
import { anonymisedExtract } from './extract.ts'
import { splitOf, type Split } from './splits.ts'

export interface VariationDeps {
  today: () => string
  smallCellThreshold: number
}

export const MAX_QUARTERS = 40
export const DRILL_PAGE = 100

/** '2025-Q2' ⇄ '2025-04-01'. */
export const quarterStart = (q: string) =>
  `${q.slice(0, 4)}-${String((Number(q.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`
export const quarterName = (start: string) =>
  `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`

export function variationService(repo: VariationRepository, audit: AuditLog, deps: VariationDeps) {
  const authorise = (ctx: RequestContext) => {
    if (!can(ctx.actor.role, 'reports:read')) throw new Forbidden()
  }

  function resolve(q: { measure: string; from?: string; to?: string }) {
    const measure = measureOf(q.measure)
    if (!measure) throw new ValidationFailed({ measure: 'Choose one of the outcome measures' })
    const today = deps.today()
    const latest = latestCompletePeriod(measure, today, 'quarter')
    const toStart = q.to ? quarterStart(q.to) : latest
    const fromStart = q.from ? quarterStart(q.from) : applyOffset(toStart, { months: -9 })
    if (fromStart > toStart)
      throw new ValidationFailed({ to: 'The last quarter must be on or after the first' })
    if (applyOffset(fromStart, { months: 3 * MAX_QUARTERS }) <= toStart)
      throw new ValidationFailed({ from: `Choose at most ${MAX_QUARTERS} quarters` })
    return {
      measure: measure,
      today,
      from: fromStart,
      to: periodEnd(toStart, 'quarter'),
      fromQuarter: quarterName(fromStart),
      toQuarter: quarterName(toStart),
      // A quarter after the latest complete one still has releases short of the checkpoint.
      provisional: toStart > latest,
    }
  }

  async function namesFor(splits: readonly Split[], table: VariationTable) {
    const names = new Map<string, string>()
    for (const [i, s] of splits.entries()) {
      if (!s.named) continue
      const codes = new Set(table.cells.map((c) => c.group[i]!).concat(table.totals.map((t) => t.group[i]!)))
      for (const [k, v] of await repo.names(
        s.named,
        [...codes].filter((c) => c !== '*'),
      ))
        names.set(k, v)
    }
    return names
  }

  async function variation(ctx: RequestContext, q: VariationQuery, route = 'variation') {
    authorise(ctx)
    const r = resolve(q)
    const splits = q.by.map((k) => splitOf(k)!)
    const rows = await repo.counts({ ...r, splits, scope: ctx.actor.scope, region: q.region, pdu: q.pdu })
    const table = analyse(rows, splits.length === 1 ? 1 : 2, deps.smallCellThreshold)
    await audit.record(ctx, {
      action: 'read',
      recordType: 'outcome_aggregate',
      recordId: `${route}:${r.measure.key}:${q.by.join(',')}`,
      outcome: 'allowed',
      detail: JSON.stringify({ from: r.fromQuarter, to: r.toQuarter, region: q.region, pdu: q.pdu }),
    })
    return { ...r, splits, table, names: await namesFor(splits, table), threshold: deps.smallCellThreshold }
  }

  return {
    authorise,
    variation,
    today: deps.today,
    /** The areas the actor may narrow the explorer to, within their scope. */
    areas: (ctx: RequestContext) => repo.areas(ctx.actor.scope),

    /**
     * Areas against the national rate. The points are the same published cells as the variation
     * by that area (so both pages withhold the same ones); the centre line is England and Wales,
     * a national statistic, whatever the actor's scope. The areas compared, for the correction,
     * are the published points the actor sees (funnel.ts).
     */
    async funnel(ctx: RequestContext, q: FunnelQuery) {
      const v = await variation(ctx, { measure: q.measure, by: [q.level], from: q.from, to: q.to }, 'funnel')
      const national = analyse(
        await repo.counts({ ...v, splits: [], scope: { level: 'national' } }),
        1,
        deps.smallCellThreshold,
      ).overall
      const funnel = national.rate === null ? funnelOf([], 0) : funnelOf(v.table.cells, national.rate)
      return { ...v, nationalRate: national.rate, ...funnel }
    },

    /** A person-level anonymised extract of one measure's cohort (extract.ts); analysts only. */
    async extract(ctx: RequestContext, q: ExtractQuery) {
      authorise(ctx)
      const r = resolve(q)
      // The extract is person-level data about releases; a termination measure has none to give.
      if (r.measure.type === 'termination')
        throw new ValidationFailed({ measure: 'Choose one of the release measures' })
      return anonymisedExtract(repo.db, audit, ctx, { ...r, measure: r.measure, k: q.k })
    },

    /** The releases behind a figure of the explorer, in scope, a page at a time; audited. */
    async releases(ctx: RequestContext, q: DrillQuery) {
      authorise(ctx)
      const r = resolve(q)
      const splits = q.by.map((k) => splitOf(k)!)
      if (q.group.length !== splits.length) throw new NotFound('Figure not found')
      const page = await repo.releases({
        ...r,
        splits,
        scope: ctx.actor.scope,
        region: q.region,
        pdu: q.pdu,
        groups: q.group,
        limit: DRILL_PAGE,
        offset: (q.page - 1) * DRILL_PAGE,
      })
      await audit.record(ctx, {
        action: 'read',
        recordType: 'outcome_variation_releases',
        recordId: `${r.measure.key}:${q.by.join(',')}:${q.group.join(',')}`,
        outcome: 'allowed',
        detail: JSON.stringify({
          from: r.fromQuarter,
          to: r.toQuarter,
          page: q.page,
          rows: page.rows.length,
        }),
      })
      return { ...r, splits, groups: q.group, page: q.page, ...page }
    },
  }
}

export type VariationService = ReturnType<typeof variationService>
