import { sql } from 'kysely'
import type { Scope } from '../../platform/auth/actor.ts'
import { personRowInScope } from '../../platform/auth/scope.ts'
import type { Database } from '../../platform/db/index.ts'
import { toUnit, unitsQuery, type UnitQuery } from './units-query.ts'
import type { EvaluationUnit } from './stats/design.ts'
import { evaluationTables, type EvaluationRow, type NewEvaluation } from './tables.ts'

export function evaluationRepository(db: Database) {
  const edb = evaluationTables(db)
  return {
    async units(q: UnitQuery): Promise<EvaluationUnit[]> {
      // Memory for the hash joins of a national evaluation, for this transaction only.
      const rows = await db.transaction().execute(async (trx) => {
        await sql`set local work_mem = '256MB'`.execute(trx)
        return (await unitsQuery(q).execute(trx)).rows
      })
      return rows.map(toUnit)
    },

    /** People in scope with these CRNs or prison numbers: what an uploaded list resolves to. */
    async peopleByIdentifier(scope: Scope, crns: string[], prisonNumbers: string[]) {
      if (crns.length + prisonNumbers.length === 0) return []
      return db
        .selectFrom('person as p')
        .select(['p.id', 'p.crn', 'p.prison_number'])
        .where((eb) =>
          eb.or([
            eb('p.crn', 'in', crns.length ? crns : ['']),
            eb('p.prison_number', 'in', prisonNumbers.length ? prisonNumbers : ['']),
          ]),
        )
        .where(personRowInScope(scope, 'p'))
        .execute()
    },

    insert: (row: NewEvaluation) =>
      edb.insertInto('evaluation').values(row).returning('id').executeTakeFirstOrThrow(),

    /** Claims the oldest queued evaluation, or one whose worker died (running for over 10 minutes). */
    async claimNext(): Promise<EvaluationRow | undefined> {
      const { rows } = await sql<EvaluationRow>`
        update evaluation set status = 'running', started_at = now(), attempts = attempts + 1,
          progress_step = 'Starting', progress_percent = 0
        where id = (select id from evaluation
          where status = 'queued' or (status = 'running' and started_at < now() - interval '10 minutes' and attempts < 3)
          order by created_at limit 1 for update skip locked)
        returning *`.execute(db)
      return rows[0]
    },

    progress: (id: string, step: string, percent: number) =>
      edb
        .updateTable('evaluation')
        .set({ progress_step: step, progress_percent: percent })
        .where('id', '=', id)
        .execute(),

    finish: (id: string, result: unknown) =>
      edb
        .updateTable('evaluation')
        .set({
          status: 'done',
          result: JSON.stringify(result),
          progress_step: 'Done',
          progress_percent: 100,
          finished_at: new Date(),
        })
        .where('id', '=', id)
        .execute(),

    fail: (id: string, error: string) =>
      edb
        .updateTable('evaluation')
        .set({ status: 'failed', error, finished_at: new Date() })
        .where('id', '=', id)
        .execute(),

    /** An evaluation the scope may see: national sees all; a region sees its own region's. */
    byId: (scope: Scope, id: string) =>
      edb
        .selectFrom('evaluation')
        .selectAll()
        .where('id', '=', id)
        .where(scopeFilter(scope))
        .executeTakeFirst(),

    /** The services a treatment can be defined by: CRS categories, and contracts in the scope. */
    async choices(scope: Scope) {
      const [categories, contracts] = await Promise.all([
        sql<{ id: string; name: string }>`select id, name from crs_service_category order by name`.execute(
          db,
        ),
        sql<{ id: string; reference: string }>`select c.id, c.reference from contract c
          where ${scope.level === 'region' ? sql`exists (select 1 from contract_region cr where cr.contract_id = c.id and cr.region_code = ${scope.regionCode})` : sql`true`}
          order by c.reference limit 500`.execute(db),
      ])
      return { categories: categories.rows, contracts: contracts.rows }
    },

    list: (scope: Scope) =>
      edb
        .selectFrom('evaluation')
        .select(['id', 'name', 'status', 'release_from', 'release_to', 'created_at', 'scope_region_code'])
        .where(scopeFilter(scope))
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute(),
  }
}

function scopeFilter(scope: Scope) {
  return scope.level === 'national'
    ? sql<boolean>`true`
    : scope.level === 'region'
      ? sql<boolean>`scope_region_code = ${scope.regionCode}`
      : sql<boolean>`false`
}

export type EvaluationRepository = ReturnType<typeof evaluationRepository>
