/**
 * Publishing a quarter's figures and reading their revisions (issue 13). A publication freezes
 * every measure's cell for the quarter, by region and for England and Wales, with how each
 * release counted; the live figure is compared with it, and a difference is a revision whose
 * size and releases are shown. Publishing takes `outcomes:publish` (national analyst, admin).
 */
import { sql } from 'kysely'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { isUniqueViolation, type Database } from '../../platform/db/index.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { MEASURES, measureOf, periodEnd, periodStartOf } from './measures.ts'
import { countedAs, measureCells, type Cell } from './query.ts'
import { NATIONAL } from './query-parts.ts'
import { cellStatus, followUpComplete, revisionPoints, type CellStatus, type Published } from './status.ts'

export interface Publication {
  id: string
  period: string
  as_of_date: string
  data_as_of: string
  published_at: string
  published_by: string
}

/** A live cell with its status and, when published, the published figure beside it. */
export interface StatusedCell extends Cell {
  complete: boolean
  status: CellStatus
  published: Published | null
  revision: number | null
}

const key = (measure: string, group: string, period: string) => `${measure} ${group} ${period}`

export function publications(db: Database, audit: AuditLog, today: () => string) {
  const authorise = (ctx: RequestContext) => {
    if (!can(ctx.actor.role, 'reports:read')) throw new Forbidden()
  }

  async function list(): Promise<Publication[]> {
    const r = await sql<Publication>`
      select p.id, p.period::text as period, p.as_of_date::text as as_of_date, p.data_as_of::text as data_as_of,
        p.published_at::text as published_at, u.name as published_by
      from outcome_publication p join app_user u on u.id = p.published_by order by p.period desc`.execute(db)
    return r.rows
  }

  /** Published quarter cells by measure, group and period, for the periods asked. */
  async function publishedCells(periods: string[]): Promise<Map<string, Published>> {
    if (!periods.length) return new Map()
    const r = await sql<Published & { measure: string; group_code: string; period: string }>`
      select c.measure, c.group_code, p.period::text as period, c.status, c.cohort, c.excluded, c.unknown,
        c.denominator, c.numerator, c.offences, p.published_at::text as "publishedAt"
      from outcome_published_cell c join outcome_publication p on p.id = c.publication_id
      where p.period = any(${periods}::date[])`.execute(db)
    return new Map(r.rows.map((c) => [key(c.measure, c.group_code, c.period), c]))
  }

  /**
   * Each cell with its status. Only quarters by region or nationally are published; any other
   * cell is provisional or final by its follow-up alone.
   */
  async function withStatus(
    cells: Cell[],
    unit: 'quarter' | 'month',
    published = true,
  ): Promise<StatusedCell[]> {
    const now = today()
    const periods = [...new Set(cells.map((c) => c.period))]
    const pub = published && unit === 'quarter' ? await publishedCells(periods) : new Map<string, Published>()
    return cells.map((c) => {
      const m = measureOf(c.measure)
      const complete = m ? followUpComplete(m, c.period, unit, now) : false
      const p = pub.get(key(c.measure, c.group, c.period)) ?? null
      const status = cellStatus(complete, c, p ?? undefined)
      return {
        ...c,
        complete,
        status,
        published: p,
        revision: p && status === 'revised' ? revisionPoints(c, p) : null,
      }
    })
  }

  return {
    list,
    withStatus,
    mayPublish: (ctx: RequestContext) => can(ctx.actor.role, 'outcomes:publish'),

    /** Freezes a quarter that has ended: its cells as they stand now and how each release counted. */
    async publish(ctx: RequestContext, period: string) {
      if (!can(ctx.actor.role, 'outcomes:publish')) throw new Forbidden()
      const now = today()
      if (!/^\d{4}-\d{2}-\d{2}$/.test(period) || periodStartOf(period, 'quarter') !== period)
        throw new ValidationFailed({ period: 'Choose a quarter' })
      const end = periodEnd(period, 'quarter')
      if (end >= now) throw new ValidationFailed({ period: 'Publish a quarter only once it has ended' })
      const asOf = await sql<{ t: string }>`select now()::text as t`.execute(db)
      const filter = { today: now, unit: 'quarter' as const, from: period, to: end }
      const cells = [
        ...(await measureCells(db, MEASURES, { ...filter, groupBy: 'region' })),
        ...(await measureCells(db, MEASURES, { ...filter, groupBy: 'national' })),
      ]
      const id = await db
        .transaction()
        .execute(async (trx) => {
          const row = await sql<{ id: string }>`
            insert into outcome_publication (period, as_of_date, data_as_of, published_by)
            values (${period}::date, ${now}::date, ${asOf.rows[0]?.t}::timestamptz, ${ctx.actor.userId}::uuid)
            returning id`.execute(trx)
          const pid = row.rows[0]?.id as string
          for (const c of cells) {
            const m = measureOf(c.measure)
            const status = m && followUpComplete(m, c.period, 'quarter', now) ? 'final' : 'provisional'
            await sql`insert into outcome_published_cell (publication_id, measure, group_code, status, cohort, excluded,
                unknown, denominator, numerator, offences)
              values (${pid}::uuid, ${c.measure}, ${c.group}, ${status}, ${c.cohort}, ${c.excluded}, ${c.unknown},
                ${c.denominator}, ${c.numerator}, ${c.offences})`.execute(trx)
          }
          await sql`insert into outcome_published_fact (publication_id, person_id, release_date, checkpoint, region_code,
              excluded, treatment_need, value, n)
            select ${pid}::uuid, person_id, release_date, checkpoint, region_code, excluded, treatment_need, value, n
            from outcome_fact where release_date between ${period}::date and ${end}::date
              and checkpoint_date <= ${now}::date`.execute(trx)
          return pid
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err, 'outcome_publication_period_key'))
            throw new ValidationFailed({ period: 'This quarter has already been published' })
          throw err
        })
      await audit.record(ctx, {
        action: 'admin',
        recordType: 'outcome_publication',
        recordId: id,
        outcome: 'allowed',
        detail: `published ${period}`,
      })
      return { id, period, cells: cells.length }
    },

    /** The published cells of a quarter whose live figure now differs. */
    async revisions(ctx: RequestContext, period: string) {
      authorise(ctx)
      const pub = (await list()).find((p) => p.period === period)
      if (!pub) throw new NotFound('Publication not found')
      const filter = {
        today: today(),
        unit: 'quarter' as const,
        from: period,
        to: periodEnd(period, 'quarter'),
      }
      const live = [
        ...(await measureCells(db, MEASURES, { ...filter, groupBy: 'region' })),
        ...(await measureCells(db, MEASURES, { ...filter, groupBy: 'national' })),
      ]
      const published = await publishedCells([period])
      const byKey = new Map(live.map((c) => [key(c.measure, c.group, c.period), c]))
      const rows = [...published.entries()].map(([k, p]) => {
        const [measure = '', group = ''] = k.split(' ')
        const c = byKey.get(k)
        const m = measureOf(measure)
        const status = cellStatus(m ? followUpComplete(m, period, 'quarter', today()) : false, c, p)
        return { measure, group, published: p, live: c, status, revision: c ? revisionPoints(c, p) : null }
      })
      return { publication: pub, rows: rows.filter((r) => r.status === 'revised') }
    },

    /**
     * The releases whose counting in a measure changed since the quarter was published: what
     * the published figure had, what the live figure has, and the latest record behind the change.
     */
    async revisedRecords(ctx: RequestContext, period: string, measureKey: string, group: string) {
      authorise(ctx)
      const measure = measureOf(measureKey)
      const pub = (await list()).find((p) => p.period === period)
      if (!measure || measure.type === 'termination' || !pub) throw new NotFound('Revision not found')
      const scope = ctx.actor.scope
      // Names are personal data: a regional lead sees the releases of their own region only.
      const regionOk = scope.level === 'national' || (scope.level === 'region' && scope.regionCode === group)
      if (!regionOk) throw new NotFound('Revision not found')
      const inGroup = (alias: string) =>
        group === NATIONAL ? sql`true` : sql`${sql.ref(`${alias}.region_code`)} = ${group}`
      const need = measure.type === 'checkpoint' && measure.population === 'treatment_need'
      const rows = await sql<{
        person_id: string
        given_name: string
        family_name: string
        release_date: string
        before: string | null
        after: string | null
        recorded_at: string | null
      }>`
        with was as (
          select f.person_id, f.release_date, ${countedAs(measure)} as counted from outcome_published_fact f
          where f.publication_id = ${pub.id}::uuid and f.checkpoint = ${measure.checkpoint} and ${inGroup('f')}
            ${need ? sql`and f.treatment_need` : sql``}
        ), now as (
          select f.person_id, f.release_date, f.event_id, ${countedAs(measure)} as counted from outcome_fact f
          where f.checkpoint = ${measure.checkpoint} and ${inGroup('f')}
            and f.release_date between ${period}::date and ${periodEnd(period, 'quarter')}::date
            and f.checkpoint_date <= ${today()}::date ${need ? sql`and f.treatment_need` : sql``}
        )
        select coalesce(w.person_id, n.person_id) as person_id, p.given_name, p.family_name,
          coalesce(w.release_date, n.release_date)::text as release_date, w.counted as before, n.counted as after,
          s.recorded_at::text as recorded_at
        from was w full join now n on n.person_id = w.person_id and n.release_date = w.release_date
        join person p on p.id = coalesce(w.person_id, n.person_id)
        left join status_event s on s.id = n.event_id
        where w.counted is distinct from n.counted
        order by 4, p.family_name`.execute(db)
      await audit.record(ctx, {
        action: 'read',
        recordType: 'outcome_revision',
        recordId: `${measure.key}:${group}:${period}`,
        outcome: 'allowed',
      })
      return { publication: pub, measure, group, rows: rows.rows }
    },
  }
}

export type Publications = ReturnType<typeof publications>
