import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationFailed } from '../../platform/errors.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { PeopleService } from './service.ts'
import { peopleApiRoutes } from './api-routes.ts'
import type { ReferenceLists } from './view-models.ts'
import { EpisodeInput, PersonInput, PersonUpdate, SearchQuery, WorklistPageQuery } from './schemas.ts'
import { editFormValues, personActions, personFormContext, worklistView } from './view-models.ts'
import { sendTables } from '../../platform/table/index.ts'
import { upcomingTable } from './upcoming-table.ts'

const PERSON_DATES = ['dateOfBirth']
const EPISODE_DATES = ['sentenceDate', 'expectedReleaseDate', 'licenceEndDate']
const dateFields = [...PERSON_DATES, ...EPISODE_DATES]
const NewPerson = PersonInput.and(EpisodeInput)

/** Path and query schemas for the pages (issue 11: every route declared, nothing cast). */
const PersonPageQuery = z.object({ created: z.string().max(5).optional() })

/** The record a conflict says is saved now, as the form's "saved details are now" panel reads it. */
const savedRecord = (current: unknown): Record<string, unknown> | undefined =>
  current && typeof current === 'object' ? Object.fromEntries(Object.entries(current)) : undefined

export function peopleRoutes(app: FastifyInstance, people: PeopleService, lists: ReferenceLists) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get('/people', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const { q } = request.query
    const { query, results } = q ? await people.search(request.ctx, q) : { query: undefined, results: [] }
    return reply.render('people/views/search.njk', {
      pageTitle: 'Find a person',
      q,
      searched: Boolean(q),
      understood: Boolean(query),
      results,
    })
  })

  // The person and their custody episode on one form: both schemas check the same posted fields
  // (an intersection reports every field wrong in either). The person's page says "Person added"
  // itself (?created=1), so no banner is set.
  formPage(app, {
    path: '/people/new',
    action: '/people',
    params: NoParams,
    capability: 'people:write',
    view: 'people/views/new.njk',
    schema: NewPerson,
    dateFields,
    load: async () => ({}),
    context: (_loaded, form) => personFormContext(lists, { values: form.values, errors: form.errors }),
    save: async (request, _params, input) => {
      try {
        return await people.createPerson(request.ctx, input, input)
      } catch (err) {
        // The service names the episode's fields `episode.<field>`; this form shows them unprefixed.
        if (err instanceof ValidationFailed)
          throw new ValidationFailed(
            Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^episode\./, ''), v])),
          )
        throw err
      }
    },
    redirect: (created) => `/people/${created.id}?created=1`,
  })

  typed.get(
    '/people/:id',
    { schema: { params: IdParams, querystring: PersonPageQuery } },
    async (request, reply) => {
      const { id } = request.params
      const view = await people.timeline(request.ctx, id)
      const query = request.query
      return reply.render('people/views/person.njk', {
        pageTitle: `${view.person.given_name} ${view.person.family_name}`,
        ...view,
        // Only the new-person form says so on the address; other saves bring a one-time confirmation.
        ...(query.created ? { flash: 'Person added' } : {}),
        actions: personActions(request.ctx.actor.role, id),
      })
    },
  )

  // A stale version re-draws the form (409) with the user's typing, the details saved meanwhile
  // and the saved version, so saving again is a deliberate choice made after seeing the other change.
  formPage(app, {
    path: '/people/:id/edit',
    params: IdParams,
    capability: 'people:write',
    view: 'people/views/edit.njk',
    dateFields: PERSON_DATES,
    schema: PersonUpdate,
    load: (request, { id }) => people.getPerson(request.ctx, id),
    initial: ({ person }) => editFormValues(person),
    context: ({ person }, form) =>
      personFormContext(lists, {
        person,
        values: form.values,
        errors: form.errors,
        current: savedRecord(form.current),
      }),
    conflictValues: ({ person }, posted) => ({ ...posted, version: person.version }),
    save: (request, { id }, data) => people.updatePerson(request.ctx, id, data),
    redirect: (_saved, { id }) => `/people/${id}`,
    confirmation: 'Changes saved',
  })

  typed.get('/people/:id/audit-trail', { schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params
    const { person, events } = await people.auditTrail(request.ctx, id)
    return reply.render('people/views/audit-trail.njk', {
      pageTitle: `Access log: ${person.given_name} ${person.family_name}`,
      person,
      events,
      backLink: `/people/${id}`,
    })
  })

  typed.get('/people/:id/subject-access.json', { schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params
    const data = await people.subjectAccessExport(request.ctx, id)
    return reply
      .header('content-disposition', `attachment; filename="subject-access-${id}.json"`)
      .type('application/json')
      .send(JSON.stringify(data, null, 2))
  })

  typed.get('/releases/upcoming', { schema: { querystring: WorklistPageQuery } }, async (request, reply) => {
    const { weeks, page, format, ...list } = request.query
    const result = await people.upcomingReleases(request.ctx, weeks, page, { ...list, all: Boolean(format) })
    if (format)
      return sendTables(reply, format, `upcoming-releases-${weeks}-weeks`, [
        upcomingTable(result.rows, weeks),
      ])
    return reply.render('people/views/upcoming.njk', {
      pageTitle: 'Upcoming releases',
      ...worklistView(result, { weeks, ...list }),
    })
  })

  peopleApiRoutes(app, people)
}
