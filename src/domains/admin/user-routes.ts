import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Conflict, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { ROLES } from '../../platform/auth/roles.ts'
import type { IdentityService } from '../identity/service.ts'
import { CreateUser } from '../identity/schemas.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { EditUserForm, FormValues, UserSearch, idFrom } from './schemas.ts'
import { accessFormContext, accountStatus, editFormValues, userRows } from './view-models.ts'

type Deps = { identity: IdentityService; organisations: OrganisationService }

const FLASH: Record<string, string> = {
  created: 'User added',
  saved: 'Changes saved',
  unlocked: 'Account unlocked: the user can sign in again',
}

const flashFrom = (query: Record<string, unknown>) => Object.keys(FLASH).find((k) => query[k] !== undefined)

export function adminUserRoutes(app: FastifyInstance, { identity, organisations }: Deps) {
  app.get('/admin/users', async (request, reply) => {
    const { q } = UserSearch.parse(request.query)
    const rows = await identity.listUsers(request.ctx, q)
    return reply.render('admin/views/users.njk', {
      pageTitle: 'Users',
      q,
      users: userRows(rows, new Date()),
      capped: rows.length >= 200,
    })
  })

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    fields: FieldErrors = {},
    status = 200,
  ) => {
    const choices = await organisations.choices(request.ctx)
    return reply.code(status).render('admin/views/user-new.njk', {
      pageTitle: 'Add a user',
      backLink: '/admin/users',
      ...accessFormContext(choices, values, formErrors(fields)),
    })
  }

  app.get('/admin/users/new', async (request, reply) => renderNew(request, reply, {}))

  app.post('/admin/users/new', async (request, reply) => {
    // The password is never sent back to the browser, even when the form has errors.
    const { password: _password, ...values } = FormValues.parse(request.body)
    const parsed = parseWith(CreateUser, request.body)
    if (!parsed.ok) return renderNew(request, reply, values, parsed.errors, 400)
    try {
      const user = await identity.createUser(request.ctx, parsed.data)
      return reply.redirect(`/admin/users/${user.id}?created=1`, 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return renderNew(request, reply, values, err.fields, 400)
      throw err
    }
  })

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: {
      values?: Record<string, unknown>
      fields?: FieldErrors
      status?: number
      conflict?: boolean
    } = {},
  ) => {
    const [user, choices] = await Promise.all([
      identity.getUser(request.ctx, id),
      organisations.choices(request.ctx),
    ])
    // After a conflict the form keeps what this admin typed, carrying the saved version's number,
    // so saving again is a deliberate choice made after seeing the other change.
    const values =
      form.values && form.conflict
        ? { ...form.values, version: user.version }
        : (form.values ?? editFormValues(user))
    const query = FormValues.parse(request.query)
    const flash = flashFrom(query)
    return reply.code(form.status ?? 200).render('admin/views/user-edit.njk', {
      pageTitle: `Edit ${user.name}`,
      backLink: '/admin/users',
      user,
      status: accountStatus(user, new Date()),
      current: form.conflict ? { ...user, roleLabel: ROLES[user.role].label } : undefined,
      flash: flash ? FLASH[flash] : undefined,
      activeOptions: [
        { value: 'true', text: 'Active: can sign in', checked: values.active === 'true' },
        { value: 'false', text: 'Inactive: cannot sign in', checked: values.active === 'false' },
      ],
      ...accessFormContext(choices, values, formErrors(form.fields ?? {})),
    })
  }

  app.get('/admin/users/:id', async (request, reply) =>
    renderEdit(request, reply, idFrom(request.params, 'User')),
  )

  app.post('/admin/users/:id', async (request, reply) => {
    const id = idFrom(request.params, 'User')
    const values = FormValues.parse(request.body)
    const parsed = parseWith(EditUserForm, values)
    if (!parsed.ok) return renderEdit(request, reply, id, { values, fields: parsed.errors, status: 400 })
    try {
      await identity.updateUser(request.ctx, id, parsed.data)
      return reply.redirect(`/admin/users/${id}?saved=1`, 303)
    } catch (err) {
      if (err instanceof ValidationFailed)
        return renderEdit(request, reply, id, { values, fields: err.fields, status: 400 })
      if (err instanceof Conflict)
        return renderEdit(request, reply, id, {
          values,
          fields: { conflict: err.message },
          status: 409,
          conflict: true,
        })
      throw err
    }
  })

  app.post('/admin/users/:id/unlock', async (request, reply) => {
    const id = idFrom(request.params, 'User')
    await identity.unlockUser(request.ctx, id)
    return reply.redirect(`/admin/users/${id}?unlocked=1`, 303)
  })
}
