import type { RequestContext } from '../../platform/auth/actor.ts'
import { can, type Capability } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import type { PeopleRepository } from './repository.ts'
import type { EpisodeInput, PersonInput, PersonUpdate } from './schemas.ts'
import { parsePersonQuery } from './search-query.ts'
import { UUID_PATTERN } from '../../platform/validation/index.ts'
import { upcomingUseCases } from './upcoming.ts'
import { episodeTimeline, readableDates } from './timeline.ts'
import { glanceOf, timelineRows, type GlanceSource } from './glance.ts'

/**
 * Other domains add their records to a person's timeline and subject access export through these.
 * A timeline source gets the reader too, for records that not every role may see.
 */
export type { TimelineSource, SubjectAccessSource } from '../../platform/module.ts'
import type { TimelineSource, SubjectAccessSource } from '../../platform/module.ts'

export interface PeopleDeps {
  today: () => string
  timelineSources?: TimelineSource[]
  subjectAccessSources?: SubjectAccessSource[]
  /** The person at a glance (glance.ts): each domain's rows, in the order given. */
  glanceSources?: GlanceSource[]
}

export function peopleService(repo: PeopleRepository, audit: AuditLog, deps: PeopleDeps) {
  function require(ctx: RequestContext, capability: Capability) {
    if (!can(ctx.actor.role, capability)) throw new Forbidden()
  }

  /**
   * The access gate for one person's record: audited whatever the outcome, and a record outside
   * scope raises the same NotFound as a missing one.
   */
  async function openRecord(
    ctx: RequestContext,
    personId: string,
    action: 'read' | 'update' | 'export',
    recordType = 'person',
  ) {
    if (!can(ctx.actor.role, 'people:read')) {
      await audit.record(ctx, {
        action,
        recordType,
        recordId: personId,
        personId: null,
        outcome: 'denied',
        detail: 'role',
      })
      throw new NotFound('Person')
    }
    const person = UUID_PATTERN.test(personId) ? await repo.findPerson(personId) : undefined
    if (!person) {
      await audit.record(ctx, { action, recordType, recordId: personId.slice(0, 64), outcome: 'not_found' })
      throw new NotFound('Person')
    }
    if (!(await repo.personInScope(ctx.actor.scope, personId))) {
      await audit.record(ctx, {
        action,
        recordType,
        recordId: personId,
        personId,
        outcome: 'denied',
        detail: 'out of scope',
      })
      throw new NotFound('Person')
    }
    await audit.record(ctx, { action, recordType, recordId: personId, personId, outcome: 'allowed' })
    return person
  }

  async function checkEpisode(ctx: RequestContext, input: EpisodeInput, prefix = '') {
    const errors: FieldErrors = {}
    const [pdu, prisonOk, laOk] = await Promise.all([
      repo.findPdu(input.pduCode),
      repo.prisonExists(input.prisonCode),
      input.localAuthorityCode ? repo.localAuthorityExists(input.localAuthorityCode) : Promise.resolve(true),
    ])
    if (!pdu) errors[`${prefix}pduCode`] = 'Select a PDU from the list'
    if (!prisonOk) errors[`${prefix}prisonCode`] = 'Select a prison from the list'
    if (!laOk) errors[`${prefix}localAuthorityCode`] = 'Select a local authority from the list'
    const scope = ctx.actor.scope
    // Staff may only create records they will be able to see, so nothing is written out of reach.
    if (scope.level === 'prison' && input.prisonCode !== scope.prisonCode)
      errors[`${prefix}prisonCode`] = 'You can only add people held in your prison'
    if (scope.level === 'pdu' && input.pduCode !== scope.pduCode)
      errors[`${prefix}pduCode`] = 'You can only add people supervised by your PDU'
    if (Object.keys(errors).length) throw new ValidationFailed(errors)
    return pdu!.region_code
  }

  /**
   * A national identifier is unique, so a clash must be told; the answer is the same whether the
   * holder is in the caller's scope or not and names nobody, and the holder's own access log
   * records the question, out of scope as denied (issue 17 finding 7).
   */
  async function identifierHeld(
    ctx: RequestContext,
    column: 'prison_number' | 'crn',
    value: string | null | undefined,
    exceptId?: string,
  ) {
    const holder = value ? await repo.identifierTaken(column, value, exceptId) : undefined
    if (!holder) return false
    const inScope = await repo.personInScope(ctx.actor.scope, holder)
    await audit.record(ctx, {
      action: 'search',
      recordType: 'person_identifier',
      recordId: holder,
      personId: holder,
      outcome: inScope ? 'allowed' : 'denied',
      detail: `${column} already recorded${inScope ? '' : ' outside scope'}`,
    })
    return true
  }

  async function checkPerson(ctx: RequestContext, input: PersonInput, exceptId?: string) {
    const errors: FieldErrors = {}
    const [prisonNumberTaken, crnTaken, ethnicOk] = await Promise.all([
      identifierHeld(ctx, 'prison_number', input.prisonNumber, exceptId),
      identifierHeld(ctx, 'crn', input.crn, exceptId),
      input.ethnicGroupCode ? repo.ethnicGroupExists(input.ethnicGroupCode) : true,
    ])
    if (prisonNumberTaken) errors.prisonNumber = 'Another person already has this prison number'
    if (crnTaken) errors.crn = 'Another person already has this CRN'
    if (!ethnicOk) errors.ethnicGroupCode = 'Select an ethnic group from the list'
    if (input.dateOfBirth > deps.today()) errors.dateOfBirth = 'Date of birth must be in the past'
    if (Object.keys(errors).length) throw new ValidationFailed(errors)
  }

  /** The checks above can lose a race for a unique identifier; the index has the last word. */
  function identifierRace(err: unknown): never {
    if (isUniqueViolation(err, 'person_prison_number_key'))
      throw new ValidationFailed({ prisonNumber: 'Another person already has this prison number' })
    if (isUniqueViolation(err, 'person_crn_key'))
      throw new ValidationFailed({ crn: 'Another person already has this CRN' })
    throw err
  }

  const personRow = (input: PersonInput) => ({
    given_name: input.givenName,
    family_name: input.familyName,
    search_name: `${input.familyName} ${input.givenName}`.toLowerCase(),
    date_of_birth: input.dateOfBirth,
    sex: input.sex,
    ethnic_group_code: input.ethnicGroupCode,
    prison_number: input.prisonNumber ?? null,
    crn: input.crn ?? null,
    pnc_id: input.pncId,
    communication_needs: input.communicationNeeds,
    preferred_language: input.preferredLanguage,
  })

  const episodeRow = (personId: string, input: EpisodeInput, regionCode: string) => ({
    person_id: personId,
    prison_code: input.prisonCode,
    sentence_type: input.sentenceType,
    sentence_length_band: input.sentenceLengthBand,
    sentence_date: input.sentenceDate,
    expected_release_date: input.expectedReleaseDate,
    licence_end_date: input.licenceEndDate ?? null,
    mappa_level: input.mappaLevel ?? null,
    pdu_code: input.pduCode,
    region_code: regionCode,
    local_authority_code: input.localAuthorityCode ?? null,
  })

  return {
    /** The audited access gate, for other domains' use cases on a person's record. */
    openRecord,

    async search(ctx: RequestContext, text: string) {
      require(ctx, 'people:read')
      const query = parsePersonQuery(text)
      if (!query) return { query, results: [] }
      const results = await repo.search(ctx.actor.scope, query, 50)
      await audit.record(ctx, {
        action: 'search',
        recordType: 'person',
        outcome: 'allowed',
        detail: `${query.kind}; ${results.length} results`,
      })
      return { query, results }
    },

    async getPerson(ctx: RequestContext, personId: string) {
      const person = await openRecord(ctx, personId, 'read')
      return { person, episodes: await repo.episodes(personId) }
    },

    async timeline(ctx: RequestContext, personId: string) {
      const { person, episodes } = await this.getPerson(ctx, personId)
      const [extra, parts] = await Promise.all([
        Promise.all((deps.timelineSources ?? []).map((source) => source(personId, ctx))),
        Promise.all((deps.glanceSources ?? []).map((source) => source(personId, ctx))),
      ])
      const items = [...episodeTimeline(episodes, deps.today()), ...extra.flat()]
        .map(readableDates)
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
      const glance = glanceOf([...parts, { order: 30, rows: timelineRows(items) }], items, deps.today())
      return { person, episodes, items, glance }
    },

    ...upcomingUseCases(repo, audit, deps),

    async createPerson(ctx: RequestContext, person: PersonInput, episode: EpisodeInput) {
      require(ctx, 'people:write')
      await checkPerson(ctx, person)
      const regionCode = await checkEpisode(ctx, episode, 'episode.')
      const created = await repo
        .createWithEpisode(personRow(person), (personId) => episodeRow(personId, episode, regionCode))
        .catch(identifierRace)
      await audit.record(ctx, {
        action: 'create',
        recordType: 'person',
        recordId: created.id,
        personId: created.id,
        outcome: 'allowed',
      })
      return created
    },

    async updatePerson(ctx: RequestContext, personId: string, input: PersonUpdate) {
      require(ctx, 'people:write')
      await openRecord(ctx, personId, 'update')
      await checkPerson(ctx, input, personId)
      const updated = await repo.updatePerson(personId, input.version, personRow(input)).catch(identifierRace)
      if (!updated) {
        const current = await repo.findPerson(personId)
        throw new Conflict(
          'Someone else changed this person’s details while you were editing. Your changes have not been saved yet: check the current details below and save again.',
          current,
        )
      }
      return updated
    },

    async addEpisode(ctx: RequestContext, personId: string, input: EpisodeInput) {
      require(ctx, 'people:write')
      await openRecord(ctx, personId, 'update', 'custody_episode')
      const regionCode = await checkEpisode(ctx, input)
      return repo.insertEpisode(episodeRow(personId, input, regionCode))
    },

    /** Everything held about one person, for a subject access request (UK GDPR Art. 15). */
    async subjectAccessExport(ctx: RequestContext, personId: string) {
      require(ctx, 'admin')
      const person = await openRecord(ctx, personId, 'export')
      const [episodes, auditTrail, ...extra] = await Promise.all([
        repo.episodes(personId),
        repo.auditTrail(personId),
        ...(deps.subjectAccessSources ?? []).map((s) => s.gather(personId)),
      ])
      const sections = Object.fromEntries((deps.subjectAccessSources ?? []).map((s, i) => [s.name, extra[i]]))
      return {
        generatedAt: new Date().toISOString(),
        person,
        custodyEpisodes: episodes,
        ...sections,
        accessLog: auditTrail,
      }
    },

    async auditTrail(ctx: RequestContext, personId: string) {
      require(ctx, 'admin')
      const person = await openRecord(ctx, personId, 'read', 'audit_trail')
      return { person, events: await repo.auditTrail(personId) }
    },

    ethnicGroups: () => repo.ethnicGroups(),
  }
}

export type PeopleService = ReturnType<typeof peopleService>
