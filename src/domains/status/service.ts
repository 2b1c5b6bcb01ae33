import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import type { Role } from '../../platform/db/schema.ts'
import { Conflict, Forbidden, ValidationFailed } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { TimelineItem } from '../people/timeline.ts'
import type { GlancePart } from '../people/glance.ts'
import { formatDate } from '../../platform/calendar/index.ts'
import type { StatusRepository } from './repository.ts'
import type { RecordStatus } from './schemas.ts'
import {
  EMPLOYMENT_STATUSES,
  MUST_FOLLOW_RELEASE,
  SOURCES,
  TREATMENT_STATUSES,
  type StatusKind,
  type StatusSource,
} from './vocabulary.ts'

/** Who reports a status is part of the record; it follows from the reporter's role. */
export const SOURCE_FOR_ROLE: Partial<Record<Role, StatusSource>> = {
  prison_resettlement_worker: 'prison',
  pom: 'prison',
  com: 'com',
  provider_caseworker: 'provider',
  council_officer: 'council',
  cas3_officer: 'cas3',
  health_coordinator: 'provider',
}

export function statusService(
  repo: StatusRepository,
  people: PeopleService,
  audit: AuditLog,
  deps: { today: () => string },
) {
  return {
    /**
     * Records a status as a new event; a correction names the event it supersedes. Events are
     * never changed (the table refuses updates), so every figure can be traced to its rows.
     */
    async record(ctx: RequestContext, personId: string, input: RecordStatus) {
      if (!can(ctx.actor.role, 'status:write')) throw new Forbidden()
      await people.openRecord(ctx, personId, 'update', 'status_event')
      const episode = await repo.findEpisode(input.custodyEpisodeId)
      if (!episode || episode.person_id !== personId)
        throw new ValidationFailed({ custodyEpisodeId: 'Choose one of this person’s releases' })
      const errors: Record<string, string> = {}
      if (input.effectiveDate > deps.today()) errors.effectiveDate = 'The date cannot be in the future'
      if (MUST_FOLLOW_RELEASE[input.kind]) {
        if (!episode.actual_release_date)
          errors.effectiveDate =
            'This person has not been released yet: record this status on or after the release'
        else if (input.effectiveDate < episode.actual_release_date)
          errors.effectiveDate = 'The date must be on or after the release date'
      }
      if (
        input.kind === 'accommodation' &&
        !(await repo.accommodationTypeExists(input.accommodationTypeCode))
      ) {
        errors.accommodationTypeCode = 'Select the accommodation from the list'
      }
      if (input.supersedesId) {
        const old = await repo.findEvent(input.supersedesId)
        if (!old || old.custody_episode_id !== episode.id || old.kind !== input.kind)
          errors.supersedesId =
            'A correction must replace an earlier status of the same kind for the same release'
        else if (old.superseded)
          throw new Conflict('That status has already been corrected. Correct the latest version instead.')
      }
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const source =
        ctx.actor.role === 'admin' ? input.source : (SOURCE_FOR_ROLE[ctx.actor.role] ?? input.source)
      const created = await repo
        .insert({
          person_id: personId,
          custody_episode_id: episode.id,
          kind: input.kind,
          accommodation_type_code: input.kind === 'accommodation' ? input.accommodationTypeCode : null,
          employment_status: input.kind === 'employment' ? input.employmentStatus : null,
          treatment_status: input.kind === 'treatment' ? input.treatmentStatus : null,
          effective_date: input.effectiveDate,
          source,
          recorded_by: ctx.actor.userId,
          organisation_id: ctx.actor.organisationId,
          supersedes_id: input.supersedesId ?? null,
          note: input.note ?? null,
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err, 'status_event_supersedes_uq'))
            throw new Conflict(
              'That status has just been corrected by someone else. Check the latest version.',
            )
          throw err
        })
      await audit.record(ctx, {
        action: 'create',
        recordType: 'status_event',
        recordId: created.id,
        personId,
        outcome: 'allowed',
        detail: input.kind,
      })
      return created
    },

    async history(ctx: RequestContext, personId: string) {
      await people.openRecord(ctx, personId, 'read', 'status_history')
      return repo.history(personId)
    },

    latestOnOrBefore: (episodeId: string, kind: StatusKind, date: string) =>
      repo.latestOnOrBefore(episodeId, kind, date),
    accommodationTypes: () => repo.accommodationTypes(),

    /**
     * The latest accommodation and employment status, for the person at a glance
     * (people/glance.ts): the newest event of each kind that no correction has replaced. The
     * caller has already checked access.
     */
    async glance(personId: string): Promise<GlancePart> {
      const events = await repo.history(personId)
      const latest = (kind: StatusKind) => events.find((e) => e.kind === kind && !e.superseded)
      const accommodation = latest('accommodation')
      const employment = latest('employment')
      const on = (date: string) => `, since ${formatDate(date)}`
      return {
        order: 20,
        rows: [
          {
            label: 'Accommodation',
            value: accommodation
              ? `${accommodation.accommodation_name ?? accommodation.accommodation_type_code ?? 'Recorded'}${on(accommodation.effective_date)}`
              : 'No status recorded',
          },
          {
            label: 'Employment',
            value: employment?.employment_status
              ? `${EMPLOYMENT_STATUSES[employment.employment_status].label}${on(employment.effective_date)}`
              : 'No status recorded',
          },
        ],
      }
    },

    /** For the person's timeline; the caller has already checked access. */
    async timeline(personId: string): Promise<TimelineItem[]> {
      const events = await repo.history(personId)
      return events.map((e) => ({
        date: e.effective_date,
        title:
          e.kind === 'accommodation'
            ? `Accommodation: ${e.accommodation_name ?? e.accommodation_type_code ?? ''}`
            : e.kind === 'employment'
              ? `Employment: ${e.employment_status ? EMPLOYMENT_STATUSES[e.employment_status].label : ''}`
              : `Treatment: ${e.treatment_status ? TREATMENT_STATUSES[e.treatment_status].label : ''}`,
        detail:
          [
            e.supersedes_id ? 'Correction of an earlier status' : '',
            e.superseded ? 'Since corrected' : '',
            e.note ?? '',
          ]
            .filter(Boolean)
            .join('. ') || undefined,
        source: SOURCES[e.source],
      }))
    },
  }
}

export type StatusService = ReturnType<typeof statusService>
