import { camelRows } from '../../platform/db/camel.ts'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { IdParams } from '../../platform/validation/index.ts'
import type { PeopleService } from './service.ts'
import {
  EpisodeInput,
  PersonInput,
  PersonUpdate,
  PersonView,
  PersonSummary,
  SearchQuery,
  UpcomingRelease,
  WorklistQuery,
} from './schemas.ts'
import { episodeToApi, personToApi } from './view-models.ts'

/** The people JSON API (api/v1), declared in zod so the OpenAPI document is generated. */
export function peopleApiRoutes(app: FastifyInstance, people: PeopleService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['People']
  typed.get(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'Search people in your scope',
        querystring: SearchQuery,
        response: { 200: z.object({ results: z.array(PersonSummary) }) },
      },
    },
    async (request) => {
      const { results } = await people.search(request.ctx, request.query.q)
      return {
        results: camelRows(results, [
          'id',
          'given_name',
          'family_name',
          'date_of_birth',
          'prison_number',
          'crn',
          'expected_release_date',
          'prison_code',
        ]),
      }
    },
  )

  typed.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags,
        summary: 'One person and their custody episodes',
        params: IdParams,
        response: { 200: PersonView },
      },
    },
    async (request) => {
      const { person, episodes } = await people.getPerson(request.ctx, request.params.id)
      return { ...personToApi(person), episodes: episodes.map(episodeToApi) }
    },
  )

  typed.post(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'Add a person with their current custody episode',
        body: z.object({ person: PersonInput, episode: EpisodeInput }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await people.createPerson(request.ctx, request.body.person, request.body.episode)
      return reply.code(201).send({ id: created.id })
    },
  )

  typed.put(
    '/api/v1/people/:id',
    {
      schema: {
        tags,
        summary: 'Update a person’s details (send the version you read)',
        params: IdParams,
        body: PersonUpdate,
        response: { 200: z.object({ id: z.string(), version: z.number() }) },
      },
    },
    async (request) => {
      return people.updatePerson(request.ctx, request.params.id, request.body)
    },
  )

  typed.get(
    '/api/v1/releases/upcoming',
    {
      schema: {
        tags: ['Releases'],
        summary: 'Releases due in the next 12 or 24 weeks in your scope',
        querystring: WorklistQuery,
        response: {
          200: z.object({
            total: z.number(),
            from: z.string(),
            to: z.string(),
            results: z.array(UpcomingRelease),
          }),
        },
      },
    },
    async (request) => {
      const r = await people.upcomingReleases(request.ctx, request.query.weeks, request.query.page)
      return {
        total: r.total,
        from: r.from,
        to: r.to,
        results: camelRows(r.rows, [
          'episode_id',
          'person_id',
          'given_name',
          'family_name',
          'prison_number',
          'crn',
          'expected_release_date',
          'prison_name',
          'pdu_name',
          'local_authority_name',
        ]),
      }
    },
  )
}
