import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../platform/config.ts'
import { repositories, services } from '../../composition.ts'
import { testDatabase } from '../../../test/support/db.ts'
import { fixedClock } from '../../../test/support/app.ts'
import {
  buildContext,
  buildPerson,
  buildUser,
  LONDON,
  MANCHESTER,
} from '../../../test/support/builders/common.ts'
import { Conflict as ConflictError } from '../../platform/errors.ts'
import { expectFields } from '../../../test/support/expect.ts'

const { db } = await testDatabase()
const svc = services(db, repositories(db), loadConfig({ LOG_LEVEL: 'silent' }), fixedClock)

const ctxFor = (role: Parameters<typeof buildUser>[1], place = LONDON) => buildContext(db, role, place)

// Released 10 days before "today" (2026-11-22), so 2026-11-12.
const released = await buildPerson(db, { releaseInDays: -10, released: true })
const stillInside = await buildPerson(db, { releaseInDays: 20 })
const com = await ctxFor('com')

const accommodation = (date: string, code = 'A01C', extra: Record<string, string> = {}) => ({
  kind: 'accommodation' as const,
  custodyEpisodeId: released.episode.id,
  accommodationTypeCode: code,
  effectiveDate: date,
  source: 'com' as const,
  ...extra,
})

describe('recording a status', () => {
  it('records an event with the reporter’s source and audits it', async () => {
    const event = await svc.status.record(com, released.id, accommodation('2026-11-12'))
    const row = await db
      .selectFrom('status_event')
      .selectAll()
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      source: 'com',
      kind: 'accommodation',
      accommodation_type_code: 'A01C',
      effective_date: '2026-11-12',
    })
    const audit = await db
      .selectFrom('audit_event')
      .where('record_id', '=', event.id)
      .select(['action', 'person_id'])
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ action: 'create', person_id: released.id })
  })

  it('refuses a future date, a date before release, and an unreleased person for post-release kinds', async () => {
    await expectFields(svc.status.record(com, released.id, accommodation('2026-11-23')), {
      effectiveDate: 'The date cannot be in the future',
    })
    await expectFields(svc.status.record(com, released.id, accommodation('2026-11-11')), {
      effectiveDate: 'The date must be on or after the release date',
    })
    await expectFields(
      svc.status.record(com, stillInside.id, {
        ...accommodation('2026-11-20'),
        custodyEpisodeId: stillInside.episode.id,
      }),
      { effectiveDate: 'This person has not been released yet: record this status on or after the release' },
    )
  })

  it('allows a treatment referral before release', async () => {
    const event = await svc.status.record(com, stillInside.id, {
      kind: 'treatment',
      treatmentStatus: 'referred',
      custodyEpisodeId: stillInside.episode.id,
      effectiveDate: '2026-11-01',
      source: 'com',
    })
    expect(event.id).toBeTruthy()
  })

  it('refuses an unknown accommodation code and another person’s release', async () => {
    await expectFields(svc.status.record(com, released.id, accommodation('2026-11-13', 'ZZZ')), {
      accommodationTypeCode: 'Select the accommodation from the list',
    })
    await expectFields(svc.status.record(com, stillInside.id, accommodation('2026-11-13')), {
      custodyEpisodeId: 'Choose one of this person’s releases',
    })
  })

  it('treats a person outside scope as missing', async () => {
    const elsewhere = await ctxFor('com', MANCHESTER)
    await expect(svc.status.record(elsewhere, released.id, accommodation('2026-11-13'))).rejects.toThrow(
      'Person not found',
    )
  })
})

describe('the status at a checkpoint', () => {
  it('is the latest event on or before the date, ignoring events a correction replaced', async () => {
    const person = await buildPerson(db, { releaseInDays: -100, released: true })
    const ep = person.episode.id
    const record = (date: string, code: string, supersedesId?: string) =>
      svc.status.record(com, person.id, {
        kind: 'accommodation',
        custodyEpisodeId: ep,
        accommodationTypeCode: code,
        effectiveDate: date,
        source: 'com',
        ...(supersedesId ? { supersedesId } : {}),
      })
    const first = await record(person.episode.expected_release_date, 'A08A')
    await record('2026-09-01', 'A17')
    const wrong = await record('2026-10-01', 'A03')
    expect(
      (await svc.status.latestOnOrBefore(ep, 'accommodation', '2026-09-15'))?.accommodation_type_code,
    ).toBe('A17')
    expect(
      (await svc.status.latestOnOrBefore(ep, 'accommodation', '2026-10-01'))?.accommodation_type_code,
    ).toBe('A03')
    // A correction: the 1 October status was really settled housing.
    await record('2026-10-01', 'A01D', wrong.id)
    expect(
      (await svc.status.latestOnOrBefore(ep, 'accommodation', '2026-10-15'))?.accommodation_type_code,
    ).toBe('A01D')
    expect(
      (await svc.status.latestOnOrBefore(ep, 'accommodation', person.episode.expected_release_date))?.id,
    ).toBe(first.id)
    expect(await svc.status.latestOnOrBefore(ep, 'accommodation', '2026-01-01')).toBeUndefined()
    // A second correction of the same event is refused: correct the latest version instead.
    await expect(record('2026-10-01', 'A01C', wrong.id)).rejects.toBeInstanceOf(ConflictError)
  })

  it('is never overwritten: the table refuses updates and deletes', async () => {
    await expect(db.updateTable('status_event').set({ note: 'edited' }).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(db.deleteFrom('status_event').execute()).rejects.toThrow(/append-only/)
  })
})
