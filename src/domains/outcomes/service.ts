import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { applyOffset } from './checkpoints.ts'
import {
  MEASURES,
  latestCompletePeriod,
  measureOf,
  periodEnd,
  periodStartOf,
  type Measure,
  type PeriodUnit,
} from './measures.ts'
import { measureCells, type Cell } from './query.ts'
import { versionedResult } from './dashboard-cache.ts'
import { publications } from './publication.ts'
import { offenderReoffending } from './offender-view.ts'
import { protectNational, protectRegional } from './disclosure.ts'
import type { DrillRow, OutcomesRepository } from './repository.ts'
import type { MeasuresQuery } from './schemas.ts'
import { loadTargets, targetsService } from './targets-service.ts'

export type DrillCounted = DrillRow['counted']

export interface OutcomesDeps {
  today: () => string
  smallCellThreshold: number
}

const shift = (start: string, unit: PeriodUnit, n: number) =>
  applyOffset(start, { months: (unit === 'quarter' ? 3 : 1) * n })

export function outcomesService(db: Database, repo: OutcomesRepository, audit: AuditLog, deps: OutcomesDeps) {
  const authorise = (ctx: RequestContext) => {
    if (!can(ctx.actor.role, 'reports:read')) throw new Forbidden()
  }
  const targets = (region?: string) => loadTargets(repo, region)
  const targetUseCases = targetsService(db, repo, audit, deps)

  /** Each measure's latest complete quarter, and the quarter before it for the change. */
  function reportingPeriods(today: string) {
    const latest = Object.fromEntries(
      MEASURES.map((m) => [m.key, latestCompletePeriod(m, today, 'quarter')]),
    ) as Record<string, string>
    const earliest = Object.values(latest).sort()[0] ?? today
    return { latest, from: shift(earliest, 'quarter', -1) }
  }

  const pubs = publications(db, audit, deps.today)

  /** The national figures, the same for every reader with reports:read. */
  async function nationalFigures(today: string) {
    const periods = reportingPeriods(today)
    const [regions, allTargets, cells, nationalCells] = await Promise.all([
      repo.regions(),
      targets(),
      measureCells(db, MEASURES, { today, unit: 'quarter', groupBy: 'region', from: periods.from }),
      measureCells(db, MEASURES, { today, unit: 'quarter', groupBy: 'national', from: periods.from }),
    ])
    // Disclosure control before the result is kept: every reader gets the protected cells.
    protectNational([...cells, ...nationalCells], periods.latest, deps.smallCellThreshold)
    return {
      today,
      regions,
      targets: allTargets,
      // Publication status is kept with the figures: a publication moves the dashboard version
      // (migration 0018) and the status's follow-up depends only on the day, both in the tag.
      cells: await pubs.withStatus([...cells, ...nationalCells], 'quarter'),
      latest: periods.latest,
    }
  }
  const keptNational = versionedResult<Awaited<ReturnType<typeof nationalFigures>>>(db, 'outcomes')

  return {
    authorise,
    publications: pubs,
    smallCellThreshold: deps.smallCellThreshold,
    today: deps.today,

    /**
     * Every region against every measure, in each measure's latest complete quarter: kept per
     * version of the roll-ups (dashboard-cache.ts), with the tag the page's ETag is made from.
     */
    async national(ctx: RequestContext) {
      authorise(ctx)
      const today = deps.today()
      const kept = await keptNational(today, () => nationalFigures(today))
      return { ...kept.value, tag: kept.tag }
    },

    /** One region: every measure against its target, then one measure's trend and splits. */
    async regional(ctx: RequestContext, region: string, measureKey: string) {
      authorise(ctx)
      const measure = measureOf(measureKey)
      const regions = await repo.regions()
      const regionRow = regions.find((r) => r.code === region)
      if (!regionRow || !measure) throw new NotFound('Region not found')
      const today = deps.today()
      const periods = reportingPeriods(today)
      const latest = periods.latest[measure.key] ?? today
      const latestMonth = latestCompletePeriod(measure, today, 'month')
      const base = { today, region }
      const [regionTargets, summary, byQuarter, byMonth, byPdu, byPrison, pdus] = await Promise.all([
        targets(region),
        measureCells(db, MEASURES, { ...base, unit: 'quarter', groupBy: 'region', from: periods.from }),
        measureCells(db, [measure], {
          ...base,
          unit: 'quarter',
          groupBy: 'region',
          from: shift(latest, 'quarter', -39),
          // Up to the current quarter: the ones not yet complete are shown as provisional.
          to: periodEnd(periodStartOf(today, 'quarter'), 'quarter'),
        }),
        measureCells(db, [measure], {
          ...base,
          unit: 'month',
          groupBy: 'region',
          from: shift(latestMonth, 'month', -23),
          to: periodEnd(periodStartOf(today, 'month'), 'month'),
        }),
        measureCells(db, [measure], {
          ...base,
          unit: 'quarter',
          groupBy: 'pdu',
          from: latest,
          to: periodEnd(latest, 'quarter'),
        }),
        measureCells(db, [measure], {
          ...base,
          unit: 'quarter',
          groupBy: 'prison',
          from: latest,
          to: periodEnd(latest, 'quarter'),
        }),
        repo.pdus(region),
      ])
      const prisons = await repo.prisons([...new Set(byPrison.map((c) => c.group))])
      // Proven reoffending counts releases; the offender-based view counts each person once.
      const offenders =
        measure.type === 'reoffending'
          ? await offenderReoffending(db, {
              region,
              from: shift(latest, 'quarter', -7),
              to: periodEnd(latest, 'quarter'),
              today,
            })
          : []
      const latestQuarter = periods.latest
      protectRegional(
        { summary, byQuarter, byMonth, byPdu, byPrison, latest: latestQuarter, latestMonth },
        measure.key,
        deps.smallCellThreshold,
      )
      return {
        today,
        region: regionRow,
        measure,
        targets: regionTargets,
        summary: await pubs.withStatus(summary, 'quarter'),
        latest: periods.latest,
        latestMonth,
        byQuarter: await pubs.withStatus(byQuarter, 'quarter'),
        byMonth: await pubs.withStatus(byMonth, 'month'),
        byPdu: await pubs.withStatus(byPdu, 'quarter', false),
        byPrison: await pubs.withStatus(byPrison, 'quarter', false),
        offenders,
        names: new Map<string, string>([...pdus, ...prisons].map((p) => [p.code, p.name])),
      }
    },

    /**
     * Measures by group and whole period, for the API: the same cells as the dashboards, with the
     * threshold the caller must suppress small cells by. Two years up to today unless asked.
     */
    async measures(ctx: RequestContext, q: MeasuresQuery) {
      authorise(ctx)
      const today = deps.today()
      if (q.region && !(await repo.regionExists(q.region)))
        throw new ValidationFailed({ region: 'Give the code of a region' })
      const current = periodStartOf(today, q.unit)
      const from = periodStartOf(q.from ?? shift(current, q.unit, q.unit === 'quarter' ? -7 : -23), q.unit)
      const to = periodEnd(periodStartOf(q.to ?? today, q.unit), q.unit)
      if (from > to) throw new ValidationFailed({ to: 'The end must be on or after the start' })
      const measures = q.measure ? MEASURES.filter((m) => m.key === q.measure) : MEASURES
      const cells = await measureCells(db, measures, {
        today,
        unit: q.unit,
        groupBy: q.groupBy,
        region: q.region,
        from,
        to,
      })
      const published = q.groupBy === 'region' || q.groupBy === 'national'
      return {
        today,
        from,
        to,
        threshold: deps.smallCellThreshold,
        cells: await pubs.withStatus(cells, q.unit, published),
      }
    },

    /** The releases (or terminations) behind one figure, within the actor's scope. */
    async drilldown(
      ctx: RequestContext,
      q: {
        measure: string
        region: string
        period: string
        unit: PeriodUnit
        pdu?: string
        prison?: string
        /** One page of releases, optionally those counted one way; every release when absent. */
        page?: { number: number; size: number; counted?: DrillCounted }
      },
    ) {
      authorise(ctx)
      const measure = measureOf(q.measure)
      const regions = await repo.regions()
      const region = regions.find((r) => r.code === q.region)
      if (!measure || !region) throw new NotFound('Figure not found')
      const scope = ctx.actor.scope
      // Names are personal data: a regional lead sees the releases of their own region only.
      if (scope.level !== 'national' && !(scope.level === 'region' && scope.regionCode === region.code))
        throw new NotFound('Figure not found')
      const filter = {
        region: region.code,
        from: q.period,
        to: periodEnd(q.period, q.unit),
        today: deps.today(),
        pdu: q.pdu,
        prison: q.prison,
      }
      await audit.record(ctx, {
        action: 'read',
        recordType: 'outcome_drilldown',
        recordId: `${measure.key}:${region.code}:${q.period}`,
        outcome: 'allowed',
      })
      if (measure.type === 'termination')
        return {
          measure,
          region,
          filter,
          kind: 'terminations' as const,
          rows: await repo.terminations(measure, filter),
        }
      const page = q.page
      const [counts, rows] = await Promise.all([
        repo.releaseCounts(measure, filter, scope),
        repo.releases(
          measure,
          filter,
          scope,
          page && { limit: page.size, offset: (page.number - 1) * page.size, counted: page.counted },
        ),
      ])
      const listed = page?.counted ? counts[page.counted] : Object.values(counts).reduce((a, b) => a + b, 0)
      return {
        measure,
        region,
        filter,
        kind: 'releases' as const,
        rows,
        counts,
        pages: page ? Math.max(1, Math.ceil(listed / page.size)) : 1,
      }
    },

    /** The COM's worklist: checkpoints due in the last eight weeks with no status recorded. */
    async dueCheckpoints(ctx: RequestContext) {
      if (!can(ctx.actor.role, 'status:write')) throw new Forbidden()
      const checkpoints = MEASURES.flatMap((m) => (m.type === 'checkpoint' ? [m.checkpoint] : []))
      return repo.dueCheckpoints(ctx.actor.scope, deps.today(), 56, checkpoints)
    },

    ...targetUseCases,
  }
}

export type OutcomesService = ReturnType<typeof outcomesService>
export type { Cell, Measure }
