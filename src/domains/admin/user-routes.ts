import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { setConfirmation } from '../../platform/http/confirmation.ts'
import { ROLES } from '../../platform/auth/roles.ts'
import { FormFields, IdParams } from '../../platform/validation/index.ts'
import { londonToday } from '../../platform/calendar/index.ts'
import { sendTables } from '../../platform/table/index.ts'
import { allFiltered, filteredList } from '../../platform/views/list-links.ts'
import { USER_LIST_LIMIT } from '../identity/administration.ts'
import type { IdentityService } from '../identity/service.ts'
import { CreateUser } from '../identity/schemas.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { EditUserForm } from './schemas.ts'
import { roleFilterOptions, USERS_DEFAULT_SORT, UserListQuery, userTable } from './user-list.ts'
import { accessFormContext, accountStatus, editFormValues } from './view-models.ts'

type Deps = { identity: IdentityService; organisations: OrganisationService }

export function adminUserRoutes(app: FastifyInstance, { identity, organisations }: Deps) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  // The query is declared as plain bounded fields; the list's own schema then names a wrong field
  // beside the filter form, with what was typed kept.
  typed.get('/admin/users', { schema: { querystring: FormFields } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.query }
    const parsed = parseWith(UserListQuery, values)
    const form = { pageTitle: 'Users', values, roleOptions: roleFilterOptions(values.role) }
    if (!parsed.ok) {
      identity.authoriseAdmin(request.ctx)
      return reply.code(400).render('admin/views/users.njk', { ...form, errors: formErrors(parsed.errors) })
    }
    const query = parsed.data
    const rows = await identity.listUsers(request.ctx, { q: query.q, role: query.role })
    const table = userTable(rows, new Date())
    if (query.format)
      return sendTables(reply, query.format, `users-${londonToday()}`, [
        allFiltered(table, query, USERS_DEFAULT_SORT),
      ])
    return reply.render('admin/views/users.njk', {
      ...form,
      errors: formErrors({}),
      list: filteredList(table, query, {
        baseUrl: '/admin/users',
        defaultSort: USERS_DEFAULT_SORT,
        filters: { role: query.role },
      }),
      capped: rows.length >= USER_LIST_LIMIT,
    })
  })

  // The password is never sent back to the browser, even when the form has errors: the template
  // has no value for it.
  formPage(app, {
    path: '/admin/users/new',
    params: NoParams,
    capability: 'admin',
    view: 'admin/views/user-new.njk',
    pageTitle: 'Add a user',
    schema: CreateUser,
    load: async (request) => ({
      backLink: '/admin/users',
      ...accessFormContext(await organisations.choices(request.ctx)),
    }),
    save: (request, _params, input) => identity.createUser(request.ctx, input),
    redirect: (user) => `/admin/users/${user.id}`,
    confirmation: 'User added',
  })

  // A stale version answers 409 with this admin's typing kept beside the saved details, carrying
  // the saved version's number, so saving again is a deliberate choice made after seeing the other
  // change (formPage's conflict path; the summary links to the saved details, `#conflict`).
  formPage(app, {
    path: '/admin/users/:id',
    params: IdParams,
    capability: 'admin',
    view: 'admin/views/user-edit.njk',
    schema: EditUserForm,
    load: async (request, { id }) => {
      const [user, choices] = await Promise.all([
        identity.getUser(request.ctx, id),
        organisations.choices(request.ctx),
      ])
      return { user, choices }
    },
    initial: ({ user }) => editFormValues(user),
    conflictValues: ({ user }, posted) => ({ ...posted, version: user.version }),
    conflictField: 'conflict',
    context: ({ user, choices }, { values, errors, current }) => ({
      pageTitle: `Edit ${user.name}`,
      backLink: '/admin/users',
      user,
      status: accountStatus(user, new Date()),
      current: current ? { ...user, roleLabel: ROLES[user.role].label } : undefined,
      activeOptions: [
        { value: 'true', text: 'Active: can sign in', checked: values.active === 'true' },
        { value: 'false', text: 'Inactive: cannot sign in', checked: values.active === 'false' },
      ],
      values,
      errors,
      ...accessFormContext(choices),
    }),
    save: (request, { id }, input) => identity.updateUser(request.ctx, id, input),
    redirect: (_saved, { id }) => `/admin/users/${id}`,
    confirmation: 'Changes saved',
  })

  typed.post('/admin/users/:id/unlock', { schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params
    await identity.unlockUser(request.ctx, id)
    setConfirmation(reply, 'Account unlocked: the user can sign in again')
    return reply.redirect(`/admin/users/${id}`, 303)
  })
}
