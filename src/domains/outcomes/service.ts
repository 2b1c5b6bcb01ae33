import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { reportingPeriods, shiftPeriod } from './periods.ts'
import { MEASURES, measureOf, periodEnd, type Measure, type PeriodUnit } from './measures.ts'
import type { Cell } from './query.ts'
import { versionedResult } from './dashboard-cache.ts'
import { publications } from './publication.ts'
import { offenderReoffending } from './offender-view.ts'
import { dashboardTable, keptRegionAreas, regionalFigures } from './dashboard-regional.ts'
import type { NationalTable } from './protected-figures.ts'
import { answerQuery, measuresAnswer } from './measures-api.ts'
import type { DrillRow, OutcomesRepository } from './repository.ts'
import type { MeasuresQuery } from './schemas.ts'
import { loadTargets, targetsService } from './targets-service.ts'
import { choicesInScope, filterAllowed, isFiltered, type AreaFilter } from './dashboard-filter.ts'

export type DrillCounted = DrillRow['counted']

export interface OutcomesDeps {
  today: () => string
  smallCellThreshold: number
}

export function outcomesService(db: Database, repo: OutcomesRepository, audit: AuditLog, deps: OutcomesDeps) {
  const authorise = (ctx: RequestContext) => {
    if (!can(ctx.actor.role, 'reports:read')) throw new Forbidden()
  }
  const targets = (region?: string) => loadTargets(repo, region)
  const targetUseCases = targetsService(db, repo, audit, deps)

  const pubs = publications(db, audit, deps.today)
  const keptAreas = versionedResult<Awaited<ReturnType<OutcomesRepository['areas']>>>(db, 'outcomes')

  /**
   * The PDUs and prisons the actor may narrow the dashboard of `region` (or the national one) to.
   * A filter outside them is "not found", so the page says nothing of an area out of scope.
   */
  async function filterChoices(ctx: RequestContext, region?: string) {
    // The areas change only with the facts, which move the version: kept per version, so the
    // national page's form adds one indexed read, not a scan of the roll-up.
    const areas = await keptAreas(deps.today(), () => repo.areas())
    return choicesInScope(ctx.actor.scope, areas.value, region)
  }
  async function checkedFilter(ctx: RequestContext, filter: AreaFilter, region?: string) {
    const choices = await filterChoices(ctx, region)
    if (!filterAllowed(filter, choices)) throw new NotFound('Area not found')
    return choices
  }

  /**
   * England and Wales and every region over the dashboards' quarters, protected as one table
   * (disclosure.ts): the national page and each region's take their figures from it. Kept per
   * version, as the national figures are.
   */
  const keptTable = versionedResult<NationalTable>(db, 'outcomes')
  const table = async (today: string) => {
    const periods = reportingPeriods(today)
    return (
      await keptTable(today, () =>
        dashboardTable(db, today, periods.latest, periods.from, deps.smallCellThreshold),
      )
    ).value
  }
  const regionAreas = keptRegionAreas(db, table, deps.smallCellThreshold)

  /** The national figures, the same for every reader with reports:read. */
  async function nationalFigures(today: string) {
    const periods = reportingPeriods(today)
    const [regions, allTargets, national] = await Promise.all([repo.regions(), targets(), table(today)])
    const cells = national.quarters.filter((c) => c.period >= periods.from).map((c) => ({ ...c }))
    return {
      today,
      regions,
      targets: allTargets,
      // Publication status is kept with the figures: a publication moves the dashboard version
      // (migration 0018) and the status's follow-up depends only on the day, both in the tag.
      cells: await pubs.withStatus(cells, 'quarter'),
      latest: periods.latest,
    }
  }
  const keptNational = versionedResult<Awaited<ReturnType<typeof nationalFigures>>>(db, 'outcomes')

  return {
    authorise,
    publications: pubs,
    smallCellThreshold: deps.smallCellThreshold,
    today: deps.today,
    filterChoices: async (ctx: RequestContext, region?: string) => {
      authorise(ctx)
      return filterChoices(ctx, region)
    },

    /**
     * The national page narrowed to a PDU or a prison is that area's region's page narrowed
     * (dashboard-regional.ts: an area's figures are protected with the rest of its region). A PDU
     * has one region; a prison releases into many, so it is narrowed to within a region: the
     * regional lead's own. Anything else is not found.
     */
    async narrowedRegion(ctx: RequestContext, filter: AreaFilter): Promise<string | null> {
      authorise(ctx)
      if (!isFiltered(filter)) return null
      const choices = await checkedFilter(ctx, filter)
      const scope = ctx.actor.scope
      const region = filter.pdu
        ? choices.pdus.find((p) => p.code === filter.pdu)?.regionCode
        : scope.level === 'region'
          ? scope.regionCode
          : undefined
      if (!region) throw new NotFound('Area not found')
      return region
    },

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
    async regional(ctx: RequestContext, region: string, measureKey: string, filter: AreaFilter = {}) {
      authorise(ctx)
      const measure = measureOf(measureKey)
      const [regions, choices] = await Promise.all([repo.regions(), filterChoices(ctx, region)])
      const regionRow = regions.find((r) => r.code === region)
      if (!regionRow || !measure) throw new NotFound('Region not found')
      if (!filterAllowed(filter, choices)) throw new NotFound('Area not found')
      // One PDU or one prison: the two crossed are cells too small to publish.
      if (filter.pdu && filter.prison)
        throw new ValidationFailed({ prison: 'Choose a PDU or a prison, not both' })
      const filtered = isFiltered(filter)
      const today = deps.today()
      const periods = reportingPeriods(today)
      const latest = periods.latest[measure.key] ?? today
      const [regionTargets, figures, pdus] = await Promise.all([
        targets(region),
        table(today).then((national) =>
          regionalFigures(db, {
            region,
            measure,
            filter,
            today,
            periods,
            national,
            narrowed: () => regionAreas(region, today, periods),
            threshold: deps.smallCellThreshold,
          }),
        ),
        repo.pdus(region),
      ])
      const { summary, byQuarter, byMonth, byPdu, byPrison, latestMonth } = figures
      const prisons = await repo.prisons([...new Set(byPrison.map((c) => c.group))])
      // Proven reoffending counts releases; the offender-based view counts each person once. Not
      // narrowed: a person counts once in the region but may count in two PDUs, so the region's
      // figure less the other PDUs' would nearly give a small PDU's back.
      const offenders =
        measure.type === 'reoffending' && !filtered
          ? await offenderReoffending(db, {
              region,
              from: shiftPeriod(latest, 'quarter', -7),
              to: periodEnd(latest, 'quarter'),
              today,
            })
          : []
      return {
        today,
        region: regionRow,
        measure,
        targets: regionTargets,
        // A narrowed figure was never published (publication is by region): no published status.
        summary: await pubs.withStatus(summary, 'quarter', !filtered),
        latest: periods.latest,
        latestMonth,
        byQuarter: await pubs.withStatus(byQuarter, 'quarter', !filtered),
        byMonth: await pubs.withStatus(byMonth, 'month'),
        byPdu: await pubs.withStatus(byPdu, 'quarter', false),
        byPrison: await pubs.withStatus(byPrison, 'quarter', false),
        offenders,
        names: new Map<string, string>([...pdus, ...prisons].map((p) => [p.code, p.name])),
        filter,
        choices,
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
      const filter = { pdu: q.pdu, prison: q.prison }
      const choices = isFiltered(filter) ? await checkedFilter(ctx, filter, q.region) : undefined
      const threshold = deps.smallCellThreshold
      const asked = answerQuery(q, { today, scope: ctx.actor.scope, choices, threshold })
      const cells = await measuresAnswer(db, asked)
      const published = !asked.area && (q.groupBy === 'region' || q.groupBy === 'national')
      return {
        today,
        from: asked.from,
        to: asked.to,
        threshold,
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
