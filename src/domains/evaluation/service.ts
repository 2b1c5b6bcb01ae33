import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import { publish, type DisclosurePolicy, type Published } from './disclosure.ts'
import type { ListProblem, ParsedList } from './identifier-list.ts'
import type { EvaluationRepository } from './repository.ts'
import type { EvaluationRequest, TreatmentDefinition } from './schemas.ts'
import { COVARIATES } from './stats/design.ts'
import {
  DEFAULT_SETTINGS,
  evaluate,
  type EvaluationResult,
  type EvaluationSettings,
} from './stats/evaluate.ts'
import type { EvaluationRow } from './tables.ts'

/**
 * Bumped whenever a change to the statistics could change a number, and saved with every
 * evaluation: a re-run under another version is not expected to match.
 */
export const EVALUATION_CODE_VERSION = 'evaluation-1.0'

export interface EvaluationDeps {
  today: () => string
  disclosure: DisclosurePolicy
}

/** What is saved as the definition: the request's treatment plus the people a list resolved to. */
export interface SavedDefinition {
  treatment: TreatmentDefinition
  personIds: string[]
  list?: { rows: number; used: number; problems: ListProblem[] }
}

export interface EvaluationDetail {
  row: EvaluationRow
  definition: SavedDefinition
  settings: EvaluationSettings
  published: Published | null
}

export function evaluationService(repo: EvaluationRepository, audit: AuditLog, deps: EvaluationDeps) {
  /** National analysts, and regional performance leads for their own region (domain.md section 2). */
  function authorise(ctx: RequestContext) {
    const { role, scope } = ctx.actor
    if (!can(role, 'reports:read') || !can(role, 'offending:read')) throw new Forbidden()
    if (scope.level !== 'national' && scope.level !== 'region') throw new Forbidden()
  }

  async function resolveList(ctx: RequestContext, t: TreatmentDefinition, list?: ParsedList) {
    const crns = [...new Set([...(t.crns ?? []), ...(list?.crns ?? [])])]
    const prisonNumbers = [...new Set([...(t.prisonNumbers ?? []), ...(list?.prisonNumbers ?? [])])]
    const found = await repo.peopleByIdentifier(ctx.actor.scope, crns, prisonNumbers)
    const known = new Set(
      found.flatMap((p) => [p.crn, p.prison_number].filter((v): v is string => v !== null)),
    )
    const notFound = [...crns, ...prisonNumbers].filter((v) => !known.has(v))
    return { personIds: [...new Set(found.map((p) => p.id))].sort(), notFound }
  }

  async function create(ctx: RequestContext, request: EvaluationRequest, list?: ParsedList) {
    authorise(ctx)
    const { personIds, notFound } = await resolveList(ctx, request.treatment, list)
    const treatment: TreatmentDefinition = {
      ...request.treatment,
      ...(list ? { crns: [...new Set([...(request.treatment.crns ?? []), ...list.crns])] } : {}),
      ...(list
        ? { prisonNumbers: [...new Set([...(request.treatment.prisonNumbers ?? []), ...list.prisonNumbers])] }
        : {}),
    }
    const problems: ListProblem[] = [
      ...(list?.problems ?? []),
      ...notFound.map((value) => ({ row: 0, value, reason: 'not_found' as const })),
    ]
    const definition: SavedDefinition = {
      treatment,
      personIds,
      ...(list || notFound.length
        ? { list: { rows: list?.rows ?? 0, used: personIds.length, problems } }
        : {}),
    }
    const settings: EvaluationSettings = {
      ...DEFAULT_SETTINGS,
      caliper: request.caliper,
      k: request.k,
      seed: request.seed,
      minMatchedTreated: request.minMatchedTreated,
    }
    const { scope } = ctx.actor
    const { id } = await repo.insert({
      name: request.name,
      created_by: ctx.actor.userId,
      api_token_id: ctx.actor.tokenId,
      organisation_id: ctx.actor.organisationId,
      scope_region_code: scope.level === 'region' ? scope.regionCode : null,
      definition: JSON.stringify(definition),
      release_from: request.from,
      release_to: request.to,
      // The data are read as of this date on every run, so a re-run counts the same windows.
      as_of: deps.today(),
      settings: JSON.stringify({ ...settings, covariates: COVARIATES.map((c) => c.key) }),
      code_version: EVALUATION_CODE_VERSION,
    })
    await audit.record(ctx, { action: 'create', recordType: 'evaluation', recordId: id, outcome: 'allowed' })
    return { id, problems }
  }

  /** A copy of a saved evaluation's inputs, queued to run again: the numbers must be the same. */
  async function rerun(ctx: RequestContext, id: string) {
    authorise(ctx)
    const row = await repo.byId(ctx.actor.scope, id)
    if (!row) throw new NotFound('Evaluation')
    const { id: copy } = await repo.insert({
      name: row.name,
      created_by: ctx.actor.userId,
      api_token_id: ctx.actor.tokenId,
      organisation_id: ctx.actor.organisationId,
      scope_region_code: row.scope_region_code,
      definition: JSON.stringify(row.definition),
      release_from: row.release_from,
      release_to: row.release_to,
      as_of: row.as_of,
      settings: JSON.stringify(row.settings),
      code_version: EVALUATION_CODE_VERSION,
    })
    await audit.record(ctx, {
      action: 'create',
      recordType: 'evaluation',
      recordId: copy,
      outcome: 'allowed',
      detail: `re-run of ${id}`,
    })
    return { id: copy }
  }

  async function get(ctx: RequestContext, id: string): Promise<EvaluationDetail> {
    authorise(ctx)
    const row = await repo.byId(ctx.actor.scope, id)
    await audit.record(ctx, {
      action: 'read',
      recordType: 'evaluation',
      recordId: id,
      outcome: row ? 'allowed' : 'not_found',
    })
    if (!row) throw new NotFound('Evaluation')
    return {
      row,
      definition: row.definition as SavedDefinition,
      settings: row.settings as EvaluationSettings,
      published: row.result ? publish(row.result as EvaluationResult, deps.disclosure) : null,
    }
  }

  /** The job's state for the run page's polling: not audited, as it holds no figures. */
  async function status(ctx: RequestContext, id: string) {
    authorise(ctx)
    const row = await repo.byId(ctx.actor.scope, id)
    if (!row) throw new NotFound('Evaluation')
    return { status: row.status, step: row.progress_step, percent: row.progress_percent }
  }

  async function list(ctx: RequestContext) {
    authorise(ctx)
    return repo.list(ctx.actor.scope)
  }

  /**
   * Runs the oldest queued evaluation, if any: the worker's one step. The scope is the one the
   * evaluation was defined in, saved on the row.
   */
  async function runNext(): Promise<string | null> {
    const row = await repo.claimNext()
    if (!row) return null
    try {
      const definition = row.definition as SavedDefinition
      const settings = row.settings as EvaluationSettings
      await repo.progress(row.id, 'Reading releases, services and outcomes', 10)
      const units = await repo.units({
        scope: row.scope_region_code
          ? { level: 'region', regionCode: row.scope_region_code }
          : { level: 'national' },
        from: row.release_from,
        to: row.release_to,
        asOf: row.as_of,
        treatment: definition.treatment,
        personIds: definition.personIds,
      })
      await repo.progress(row.id, `Fitting the propensity model and matching (${units.length} releases)`, 50)
      const result = evaluate(units, settings)
      await repo.finish(row.id, result)
      return row.id
    } catch (err) {
      await repo.fail(row.id, err instanceof Error ? err.message.slice(0, 500) : 'failed')
      return row.id
    }
  }

  /** Polls the queue; the database holds every state, so a restart loses nothing. */
  function startWorker(intervalMs = 1000): () => void {
    let busy = false
    const timer = setInterval(() => {
      if (busy) return
      busy = true
      void (async () => {
        try {
          while (await runNext()) {
            /* drain the queue */
          }
        } catch {
          /* the next tick tries again */
        } finally {
          busy = false
        }
      })()
    }, intervalMs)
    timer.unref()
    return () => clearInterval(timer)
  }

  async function choices(ctx: RequestContext) {
    authorise(ctx)
    return repo.choices(ctx.actor.scope)
  }

  return { create, rerun, get, status, list, choices, runNext, startWorker }
}

export type EvaluationService = ReturnType<typeof evaluationService>
