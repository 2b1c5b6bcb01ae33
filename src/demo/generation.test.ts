import { describe, expect, it } from 'vitest'
import * as reference from '../domains/reference/files.ts'
import { dayOf, isoOf, workingCalendar } from './calendar.ts'
import { windowOf } from './episodes.ts'
import { buildEstate } from './estate.ts'
import { generatePerson } from './generator.ts'
import { PDU_COUNCILS } from './geography.ts'
import { crn, pncId, prisonNumber } from './identifiers.ts'

const feed = reference.readReferenceJson<Record<string, { events: { date: string }[] } | undefined>>(
  'bank-holidays/bank-holidays.json',
)
const holidays = feed['england-and-wales']?.events.map((e) => e.date) ?? []
const prisons = reference.prisons()
const estate = buildEstate({
  pdus: reference.pdus(),
  prisons,
  localAuthorityCodes: reference.localAuthorities().map((l) => l.code),
  ethnicGroupCodes: reference.ethnicGroups().map((g) => g.code),
  bankHolidays: holidays,
})
const TODAY = '2026-03-02'
const today = dayOf(TODAY)

describe('person identifiers', () => {
  // Six hundred thousand identifiers take about a second alone; the bound allows a busy machine.
  it('are unique and well formed for 600,000 people', () => {
    const n = 600_000
    const numbers = new Set<string>()
    const crns = new Set<string>()
    const pncs = new Set<string>()
    let bad = 0
    for (let i = 0; i < n; i++) {
      const p = prisonNumber(i, 42)
      const c = crn(i, 42)
      const pnc = pncId(i, 42, 2010 + (i % 10))
      if (
        !/^[A-Z][0-9]{4}[A-Z]{2}$/.test(p) ||
        !/^[A-Z][0-9]{6}$/.test(c) ||
        !/^\d{4}\/\d{7}[A-Z]$/.test(pnc)
      )
        bad++
      numbers.add(p)
      crns.add(c)
      pncs.add(pnc.slice(5, 12))
    }
    expect(bad).toBe(0)
    expect(numbers.size).toBe(n)
    expect(crns.size).toBe(n)
    expect(pncs.size).toBe(n)
  }, 60_000)

  it('change with the seed', () => {
    expect(prisonNumber(0, 1)).not.toBe(prisonNumber(0, 2))
    expect(crn(0, 1)).not.toBe(crn(0, 2))
  })

  it('give the PNC id its mod-23 check letter', () => {
    const id = pncId(0, 42, 2019)
    const serial = Number(id.slice(5, 12))
    expect(id.at(-1)).toBe('ZABCDEFGHJKLMNPQRTUVWXY'[(19 * 10_000_000 + serial) % 23])
  })
})

describe('generated people and episodes', () => {
  const n = 20_000
  const generated = Array.from({ length: n }, (_, i) => generatePerson(7, i, today, estate, null))
  const episodes = generated.flatMap((g) => g.episodes)
  const byCode = new Map(prisons.map((p) => [p.code, p]))
  const cal = workingCalendar(holidays)
  const { start, end } = windowOf(today)

  it('repeat exactly for the same seed', () => {
    expect(generatePerson(7, 123, today, estate, null)).toEqual(generated[123])
    expect(generatePerson(8, 123, today, estate, null)).not.toEqual(generated[123])
  })

  it('average about 1.2 releases a person', () => {
    expect(episodes.length / n).toBeGreaterThan(1.15)
    expect(episodes.length / n).toBeLessThan(1.3)
  })

  it('keep the dates in order and inside the window', () => {
    const broken = episodes.filter(
      (e) =>
        e.expected_release_date < e.sentence_date ||
        e.sentence_date > TODAY ||
        (e.actual_release_date !== null &&
          (e.actual_release_date < e.sentence_date || e.actual_release_date > TODAY)) ||
        (e.actual_release_date === null) !== (e.release_type === null) ||
        (e.actual_release_date === null && e.expected_release_date <= TODAY) ||
        (e.licence_end_date !== null && e.licence_end_date < e.expected_release_date) ||
        (e.actual_release_date ?? e.expected_release_date) < isoOf(start - 7) ||
        (e.actual_release_date ?? e.expected_release_date) > isoOf(end),
    )
    expect(broken).toEqual([])
  })

  // Issue 16: the forecast reads the custody stock 36 months ahead.
  it('hold a custody stock of people already sentenced, 36 months ahead and more', () => {
    const due = episodes.filter((e) => e.actual_release_date === null)
    const monthsAhead = (e: (typeof due)[number]) =>
      Math.floor((dayOf(e.expected_release_date) - today) / 30.44)
    const perYear = [0, 1, 2, 3].map((y) => due.filter((e) => Math.floor(monthsAhead(e) / 12) === y).length)
    // Every year of the horizon has releases, fewer each year as only longer sentences reach it.
    expect(perYear.every((n) => n > 0)).toBe(true)
    expect(perYear[0]!).toBeGreaterThan(perYear[1]!)
    expect(perYear[1]!).toBeGreaterThan(perYear[2]!)
    expect(due.some((e) => monthsAhead(e) >= 36)).toBe(true)
    // Nobody in the stock is recorded as sentenced on today's date for want of a real one.
    const onToday = due.filter((e) => e.sentence_date === TODAY).length
    expect(onToday / due.length).toBeLessThan(0.01)
    // The next 26 weeks release about as many people a week as the last year did.
    const lastYear = episodes.filter(
      (e) => e.actual_release_date !== null && dayOf(e.actual_release_date) > today - 364,
    ).length
    const next26 = due.filter((e) => dayOf(e.expected_release_date) <= today + 182).length
    expect(next26 / 26 / (lastYear / 52)).toBeGreaterThan(0.5)
  })

  it('release on working days only', () => {
    const offDays = episodes.filter(
      (e) => e.actual_release_date && !cal.isWorkingDay(dayOf(e.actual_release_date)),
    )
    expect(offDays).toEqual([])
  })

  it('release men from men’s prisons and women from women’s prisons, all active', () => {
    const sexOf = new Map(generated.map((g) => [g.person.id, g.person.sex]))
    const wrong = episodes.filter((e) => {
      const prison = byCode.get(e.prison_code)
      return !prison?.active || (sexOf.get(e.person_id) === 'female' ? !prison.female : !prison.male)
    })
    expect(wrong).toEqual([])
  })

  it('place each release in a council of its PDU’s patch', () => {
    const wrong = episodes.filter(
      (e) => !(PDU_COUNCILS[e.pdu_code] ?? '').split(' ').includes(e.local_authority_code ?? ''),
    )
    expect(wrong).toEqual([])
  })

  it('spread releases over all 12 regions, London the largest', () => {
    const counts = new Map<string, number>()
    for (const e of episodes) counts.set(e.region_code, (counts.get(e.region_code) ?? 0) + 1)
    expect(counts.size).toBe(12)
    const london = counts.get('N07') ?? 0
    expect(Math.max(...counts.values())).toBe(london)
    expect(london / episodes.length).toBeGreaterThan(0.12)
  })

  it('use mostly conditional release, with HDC in 10-15% of releases', () => {
    const released = episodes.filter((e) => e.release_type !== null)
    const share = (t: string) => released.filter((e) => e.release_type === t).length / released.length
    expect(share('conditional_release')).toBeGreaterThan(0.5)
    expect(share('hdc')).toBeGreaterThan(0.1)
    expect(share('hdc')).toBeLessThan(0.15)
    expect(share('parole')).toBeGreaterThan(0)
    expect(share('end_of_sentence')).toBeGreaterThan(0)
  })

  it('give indeterminate sentences parole releases and no licence end', () => {
    const indeterminate = episodes.filter((e) => e.sentence_type === 'indeterminate')
    expect(indeterminate.length).toBeGreaterThan(0)
    expect(
      indeterminate.every((e) => e.sentence_length_band === 'indeterminate' && e.licence_end_date === null),
    ).toBe(true)
    expect(indeterminate.every((e) => e.release_type === null || e.release_type === 'parole')).toBe(true)
  })

  it('make adults of everyone at sentence', () => {
    const dob = new Map(generated.map((g) => [g.person.id, g.person.date_of_birth]))
    const minors = episodes.filter(
      (e) => dayOf(e.sentence_date) - dayOf(dob.get(e.person_id) ?? '') < 18 * 365,
    )
    expect(minors).toEqual([])
  })
})
