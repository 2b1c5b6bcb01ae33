import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db.ts'
import { TODAY } from '../../../test/support/app.ts'
import { LONDON, MANCHESTER } from '../../../test/support/builders/common.ts'
import { createRng } from '../../../test/support/builders/random.ts'
import { MEASURES } from './measures.ts'
import { measureCells, type Cell, type Grouping } from './query.ts'
import { outcomeTables } from './tables.ts'
import {
  addRelease,
  licence,
  offence,
  programme,
  releaseContext,
  releasedPerson,
  statusEvent,
} from '../../../test/support/builders/outcomes.ts'

const { db } = await testDatabase()

const CODES = ['A01C', 'A01A', 'A17', 'A02', 'A03', 'A08A', 'A07A', 'HMP']
const EMPLOYMENT = [
  'employed_full_time',
  'self_employed',
  'education_or_training',
  'unemployed_available',
  'not_available',
]
const TREATMENT = ['referred', 'first_appointment_attended', 'engaged', 'discharged']

const day = (base: string, days: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const sorted = (cells: Cell[]) =>
  [...cells].sort((a, b) =>
    `${a.measure}|${a.group}|${a.period}`.localeCompare(`${b.measure}|${b.group}|${b.period}`),
  )

describe('the fast path', () => {
  it('equals the plain definition on random histories', { timeout: 120_000 }, async () => {
    const r = createRng(20261122, 6, 0)
    const rng = () => r.next()
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T
    for (let i = 0; i < 80; i++) {
      const place = rng() < 0.5 ? LONDON : MANCHESTER
      const released = day('2024-06-01', Math.floor(rng() * 880))
      const who = await releasedPerson(db, place, released)
      const episodes = [who]
      if (rng() < 0.15)
        episodes.push({ id: who.id, episodeId: await addRelease(db, who.id, place, released) })
      if (rng() < 0.2)
        await releaseContext(db, who.episodeId, {
          rotl: rng() < 0.3,
          out_of_scope: rng() < 0.3,
          treatment_need: rng() < 0.6,
        })
      if (rng() < 0.4) {
        const end = day(released, Math.floor(rng() * 200))
        if (end <= TODAY)
          await licence(db, who, place, released, {
            on: end,
            reason: pick(['completed', 'recalled', 'revoked_breach']),
            complete: rng() < 0.5,
          })
      }
      if (rng() < 0.3) {
        const end = day(released, Math.floor(rng() * 300))
        await programme(
          db,
          who.id,
          place,
          released,
          rng() < 0.5,
          end <= TODAY ? { on: end, completed: rng() < 0.6 } : undefined,
        )
      }
      const events = Math.floor(rng() * 7)
      const ids: string[] = []
      for (let k = 0; k < events; k++) {
        const at = day(released, Math.floor(rng() * 240) - (rng() < 0.2 ? 10 : 0))
        if (at > TODAY) continue
        const target = pick(episodes)
        const kind = rng()
        const value =
          kind < 0.5
            ? { accommodation: pick(CODES) }
            : kind < 0.8
              ? { employment: pick(EMPLOYMENT) }
              : { treatment: pick(TREATMENT) }
        if ('treatment' in value || at >= released) {
          // Now and then a correction of the previous event of any kind: the checks only need it to be a line.
          const supersedes = ids.length && rng() < 0.2 ? ids.pop() : undefined
          ids.push(
            await statusEvent(db, target, at, value, supersedes ? { supersedes } : {}).catch(() =>
              statusEvent(db, target, at, value),
            ),
          )
        }
      }
      for (let k = 0; k < Math.floor(rng() * 3); k++) {
        const committed = day(released, Math.floor(rng() * 500) - 30)
        const proven = day(committed, Math.floor(rng() * 400))
        if (committed <= TODAY)
          await offence(db, who.id, committed, proven <= TODAY && rng() < 0.8 ? proven : undefined)
      }
    }
    // Ended orders and programmes corrected after the event: the rollup moves with the update.
    const t = outcomeTables(db)
    await t
      .updateTable('supervision_order')
      .set((eb) => ({ requirements_complete: eb.not('requirements_complete') }))
      .where('terminated_on', 'is not', null)
      .where(sql<boolean>`random() < 0.3`)
      .execute()
    await t
      .updateTable('programme')
      .set({ terminated_on: null, completed: null })
      .where('terminated_on', 'is not', null)
      .where(sql<boolean>`random() < 0.2`)
      .execute()
    for (const groupBy of ['national', 'region', 'pdu', 'prison'] as Grouping[]) {
      for (const unit of ['quarter', 'month'] as const) {
        const filter = { today: TODAY, unit, groupBy }
        const [fast, fact, plain] = await Promise.all([
          measureCells(db, MEASURES, filter, 'fast'),
          measureCells(db, MEASURES, filter, 'fact'),
          measureCells(db, MEASURES, filter, 'plain'),
        ])
        expect(fast.length).toBeGreaterThan(0)
        expect(sorted(fast)).toEqual(sorted(plain))
        expect(sorted(fact)).toEqual(sorted(plain))
      }
    }
    // The dashboards' own windows: whole quarters from a month start, by region.
    for (const from of ['2024-07-01', '2025-01-01']) {
      for (const unit of ['quarter', 'month'] as const) {
        const filter = { today: TODAY, unit, groupBy: 'region' as const, from, to: '2026-09-30' }
        const [fast, plain] = await Promise.all([
          measureCells(db, MEASURES, filter, 'fast'),
          measureCells(db, MEASURES, filter, 'plain'),
        ])
        expect(sorted(fast)).toEqual(sorted(plain))
      }
    }
  })
})
