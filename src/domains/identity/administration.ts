import type { RequestContext } from '../../platform/auth/actor.ts'
import { hashPassword } from '../../platform/auth/passwords.ts'
import { can, roleFitsOrganisation, ROLES } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import type { Role } from '../../platform/db/schema.ts'
import type { IdentityRepository } from './repository.ts'
import { hashSecret, newSecret } from './tokens.ts'
import type { CreateUser, IssueToken, UpdateUser } from './schemas.ts'
import type { IdentitySettings } from './sessions.ts'

/** "an Administrator", "a Community Offender Manager": the article follows the sound of the name. */
export const withArticle = (name: string) => `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`

/**
 * User and API token administration, for administrators (and the command line, which passes no
 * request context because it runs as the operator).
 */
/** More accounts than this and the list says so; the filters narrow it. */
export const USER_LIST_LIMIT = 10_000

export function identityAdministration(
  repo: IdentityRepository,
  audit: AuditLog,
  settings: IdentitySettings,
) {
  const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

  function requireAdmin(ctx: RequestContext) {
    if (!can(ctx.actor.role, 'admin')) throw new Forbidden()
  }

  async function checkRoleFits(organisationId: string, role: Role) {
    const org = await repo.findOrganisation(organisationId)
    if (!org) throw new ValidationFailed({ organisationId: 'Select an organisation' })
    if (!roleFitsOrganisation(role, org.kind)) {
      const kinds = ROLES[role].organisationKinds.map((k) => k.replaceAll('_', ' '))
      throw new ValidationFailed({
        // An error message is a sentence (GOV.UK style), so it starts with a capital.
        role: sentence(
          `${withArticle(ROLES[role].label)} must belong to ${withArticle(kinds.join(' or '))} organisation`,
        ),
      })
    }
  }

  return {
    /** For a filter form shown with errors, before any search runs: a non-admin is still refused. */
    authoriseAdmin: requireAdmin,

    async createUser(ctx: RequestContext | null, input: CreateUser) {
      if (ctx) requireAdmin(ctx)
      const role = input.role as Role
      await checkRoleFits(input.organisationId, role)
      if (await repo.emailTaken(input.email))
        throw new ValidationFailed({ email: 'A user with this email address already exists' })
      const user = await repo
        .insertUser({
          ...input,
          role,
          passwordHash: input.password ? await hashPassword(input.password) : null,
        })
        .catch((err: unknown) => {
          // Two administrators adding the same address at once: the index decides, the loser is told.
          if (isUniqueViolation(err, 'app_user_email_uq'))
            throw new ValidationFailed({ email: 'A user with this email address already exists' })
          throw err
        })
      if (ctx)
        await audit.record(ctx, {
          action: 'admin',
          recordType: 'user',
          recordId: user.id,
          outcome: 'allowed',
          detail: 'created',
        })
      return user
    },

    async updateUser(ctx: RequestContext, id: string, input: UpdateUser) {
      requireAdmin(ctx)
      const role = input.role as Role
      if (!(await repo.findUser(id))) throw new NotFound('User')
      await checkRoleFits(input.organisationId, role)
      const updated = await repo.updateUser(id, input.version, {
        name: input.name,
        role,
        organisation_id: input.organisationId,
        active: input.active,
      })
      if (!updated) {
        throw new Conflict(
          'Someone else changed this user while you were editing. Check the current details and try again.',
          await repo.findUser(id),
        )
      }
      await audit.record(ctx, {
        action: 'admin',
        recordType: 'user',
        recordId: id,
        outcome: 'allowed',
        detail: 'updated',
      })
      return updated
    },

    async unlockUser(ctx: RequestContext, id: string) {
      requireAdmin(ctx)
      if (!(await repo.unlockUser(id))) throw new NotFound('User')
      await audit.record(ctx, {
        action: 'admin',
        recordType: 'user',
        recordId: id,
        outcome: 'allowed',
        detail: 'unlocked',
      })
    },

    /**
     * Every matching account, for the list page to sort and page: accounts number in the
     * hundreds nationally (525 at national scale), and the bound only guards against a runaway.
     */
    async listUsers(ctx: RequestContext, filter: { q?: string | undefined; role?: Role | undefined } = {}) {
      requireAdmin(ctx)
      return repo.listUsers({ ...filter, limit: USER_LIST_LIMIT })
    },

    async getUser(ctx: RequestContext, id: string) {
      requireAdmin(ctx)
      const user = await repo.findUser(id)
      if (!user) throw new NotFound('User')
      return user
    },

    /** Issues an API token; the secret is returned once and never stored. */
    async issueToken(ctx: RequestContext | null, input: IssueToken) {
      if (ctx) requireAdmin(ctx)
      const role = input.role as Role
      await checkRoleFits(input.organisationId, role)
      const secret = newSecret('rst_')
      const token = await repo.insertToken({
        name: input.name,
        tokenHash: hashSecret(secret),
        organisationId: input.organisationId,
        role,
        createdBy: ctx?.actor.userId ?? null,
        validDays: settings.apiTokenDays,
      })
      if (ctx)
        await audit.record(ctx, {
          action: 'admin',
          recordType: 'api_token',
          recordId: token.id,
          outcome: 'allowed',
          detail: 'issued',
        })
      return { ...token, secret }
    },

    async revokeToken(ctx: RequestContext, id: string) {
      requireAdmin(ctx)
      if (!(await repo.revokeToken(id))) throw new NotFound('Token')
      await audit.record(ctx, {
        action: 'admin',
        recordType: 'api_token',
        recordId: id,
        outcome: 'allowed',
        detail: 'revoked',
      })
    },

    async listTokens(ctx: RequestContext) {
      requireAdmin(ctx)
      return repo.listTokens()
    },
  }
}
