import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, ValidationFailed } from '../../platform/errors.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import type { OrganisationRepository } from './repository.ts'
import { CREATABLE_KINDS, KIND_LABELS, type CreateOrganisation, type OrganisationFilter } from './schemas.ts'

const NAME_TAKEN = 'An organisation of this kind with this name already exists'

export function organisationService(repo: OrganisationRepository, audit: AuditLog) {
  function requireAdmin(ctx: RequestContext) {
    if (!can(ctx.actor.role, 'admin')) throw new Forbidden()
  }

  return {
    /** For a filter form shown with errors, before any search runs: a non-admin is still refused. */
    authorise: requireAdmin,

    /**
     * Every matching organisation, for the list page to sort and page: they come from the
     * registers (709 at national scale), so all of them fit in one answer.
     */
    async list(ctx: RequestContext, filter: OrganisationFilter) {
      requireAdmin(ctx)
      return repo.list(filter)
    },

    /** Every organisation, grouped by kind in the form's order, for choosing a user's or token's organisation. */
    async choices(ctx: RequestContext) {
      requireAdmin(ctx)
      return repo.choices()
    },

    /** The kinds an administrator may add by hand; the rest come from reference data. */
    creatableKinds(ctx: RequestContext) {
      requireAdmin(ctx)
      return CREATABLE_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] }))
    },

    async create(ctx: RequestContext, input: CreateOrganisation) {
      requireAdmin(ctx)
      if (await repo.nameTaken(input.kind, input.name)) throw new ValidationFailed({ name: NAME_TAKEN })
      let created
      try {
        created = await repo.insert(input)
      } catch (err) {
        // The check above can pass for both of two simultaneous requests; the index decides.
        if (isUniqueViolation(err, 'organisation_name_kind_uq'))
          throw new ValidationFailed({ name: NAME_TAKEN })
        throw err
      }
      await audit.record(ctx, {
        action: 'admin',
        recordType: 'organisation',
        recordId: created.id,
        outcome: 'allowed',
        detail: `created ${created.kind}: ${created.name}`,
      })
      return created
    },
  }
}

export type OrganisationService = ReturnType<typeof organisationService>
