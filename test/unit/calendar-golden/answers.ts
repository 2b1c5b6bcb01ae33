// The answers of every date rule, over 2024 to 2028, computed from whatever module currently holds
// each rule. Issue 11 moves the rules onto one Temporal calendar and into the domains that own them;
// golden.json.gz was written from the code BEFORE that move (commit "Golden answers ...") and is never
// regenerated, so calendar-golden.test.ts proves the move changed no answer.
//
// Dates are written as day offsets from the input date to keep the file small and diffs readable;
// explanations (caseworker-facing text) are kept whole for the first of each month and as a
// SHA-256 over every day.
import { createHash } from 'node:crypto'
import { DAYS_PER_YEAR, dayOf, isoOf, workingCalendar } from '../../../src/domains/demo/calendar.ts'
import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  easterSunday,
  englandAndWalesCalendar,
  formatLongDate,
  londonDayAfter,
  londonDayStart,
} from '../../../src/platform/calendar/index.ts'
import { nextArrivalDate, stayStatus } from '../../../src/domains/cas3/stay-rules.ts'
import { checkpointsFor } from '../../../src/domains/outcomes/checkpoints.ts'
import { computeHandover, type MappaLevel } from '../../../src/domains/release-planning/rules/handover.ts'
import {
  computeReleaseDay,
  type ReleaseDayInput,
} from '../../../src/domains/release-planning/rules/release-day.ts'
import { standardActionDue } from '../../../src/domains/release-planning/rules/action-due.ts'
import { formatDate, formatDateTime } from '../../../src/platform/views/environment.ts'
import { londonDate } from '../../../src/platform/calendar/london-date.ts'

/** Every day from 1 January 2024 to 31 December 2028, built without any of the code under test. */
export function everyDay(): string[] {
  const days: string[] = []
  for (let y = 2024; y <= 2028; y++) {
    for (let m = 1; m <= 12; m++) {
      const last = [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0
      for (let d = 1; d <= last; d++) {
        days.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
      }
    }
  }
  return days
}

const sha = (lines: string[]) => createHash('sha256').update(lines.join('\n')).digest('hex')
const off = (from: string, to: string | null) => (to === null ? '-' : String(daysBetween(from, to)))

const PROFILES: Record<string, (due: string) => ReleaseDayInput> = {
  adult: (dueDate) => ({
    dueDate,
    sentenceDate: '2023-01-01',
    sentenceType: 'determinate',
    releaseType: 'conditional_release',
    dateOfBirth: '1990-05-17',
  }),
  adultFurtherDay: (dueDate) => ({ ...PROFILES.adult!(dueDate), furtherDayApproved: true }),
  // Turns 18 during 2026, so the child rule applies before and the adult rule after.
  child: (dueDate) => ({ ...PROFILES.adult!(dueDate), dateOfBirth: '2008-07-04' }),
  indeterminate: (dueDate) => ({ ...PROFILES.adult!(dueDate), sentenceType: 'indeterminate' }),
  hdc: (dueDate) => ({ ...PROFILES.adult!(dueDate), releaseType: 'hdc' }),
  // Around the 28-days-served line: custody began 29 days before the due date.
  shortServed: (dueDate) => ({ ...PROFILES.adult!(dueDate), custodyStartDate: addDays(dueDate, -29) }),
}

export function releaseDayAnswers() {
  const calendar = englandAndWalesCalendar()
  const out: Record<
    string,
    { days: string[]; explanations: Record<string, string>; explanationSha: string }
  > = {}
  for (const [name, profile] of Object.entries(PROFILES)) {
    const days: string[] = []
    const explanations: Record<string, string> = {}
    const all: string[] = []
    for (const due of everyDay()) {
      const r = computeReleaseDay(profile(due), calendar)
      days.push(
        [
          due,
          off(due, r.afterStep1),
          off(due, r.presumedDate),
          off(due, r.furtherDayDate),
          off(due, r.releaseDate),
          r.applied,
          r.exclusion ?? '-',
          r.eligibleDays.map((d) => off(due, d)).join(',') || '-',
          r.beforeNonWorkingDay ? 'B' : 'b',
          r.step1Moved ? 'M' : 'm',
          r.calendarCoversDates ? 'C' : 'c',
          r.daysServed,
        ].join(' '),
      )
      all.push(r.explanation)
      if (due.endsWith('-01')) explanations[due] = r.explanation
    }
    out[name] = { days, explanations, explanationSha: sha(all) }
  }
  return out
}

export function handoverAnswers() {
  const lines: string[] = []
  const texts: string[] = []
  const types = ['determinate', 'extended_determinate', 'indeterminate', 'recall'] as const
  const mappa: (MappaLevel | null)[] = [null, 1, 2, 3]
  const days = everyDay()
  for (let i = 0; i < days.length; i += 7) {
    const sentenceDate = days[i]!
    for (const release of [
      addDays(addMonths(sentenceDate, 10), -1),
      addMonths(sentenceDate, 10),
      addDays(addMonths(sentenceDate, 14), 3 + (i % 11)),
      addDays(addMonths(sentenceDate, 30), i % 29),
    ]) {
      for (const sentenceType of types) {
        for (const mappaLevel of mappa) {
          for (const parole of [false, true]) {
            const r = computeHandover({
              sentenceDate,
              releaseDate: release,
              sentenceType,
              mappaLevel,
              parole,
            })
            lines.push(
              `${sentenceDate} ${off(sentenceDate, release)} ${sentenceType} ${mappaLevel ?? 0} ${parole ? 'P' : 'p'} ${off(release, r.handoverDate)} ${off(release, r.comAllocationDueDate)} ${r.rule} ${r.probationFromStart ? 'S' : 's'}`,
            )
            texts.push(r.explanation)
          }
        }
      }
    }
  }
  return {
    lines: lines.length,
    linesSha: sha(lines),
    sample: lines.filter((_, i) => i % 97 === 0),
    explanationSha: sha(texts),
  }
}

export function checkpointAnswers() {
  return everyDay().map(
    (d) =>
      `${d} ${checkpointsFor(d)
        .map((c) => off(d, c.date))
        .join(' ')}`,
  )
}

export function cas3Answers() {
  const calendar = englandAndWalesCalendar()
  const arrivals = everyDay().map(
    (d) =>
      `${d} ${off(d, nextArrivalDate(d, calendar))} ${off(d, nextArrivalDate(d, calendar, { turnaroundWorkingDays: 3 }))} ${off(d, nextArrivalDate(d, calendar, { turnaroundWorkingDays: 0 }))}`,
  )
  const stays: string[] = []
  const days = everyDay()
  for (let i = 0; i < days.length; i += 5) {
    const arrival = days[i]!
    for (const nights of [0, 1, 70, 84, 85, 120]) {
      const departure = addDays(arrival, nights)
      for (const todayOffset of [-1, 0, 69, 70, 71, 84, 90]) {
        const s = stayStatus(arrival, departure, addDays(arrival, todayOffset))
        stays.push(
          `${arrival} ${nights} ${todayOffset} ${s.nights} ${s.overLimit ? 'O' : 'o'} ${s.warning ? 'W' : 'w'} ${off(arrival, s.limitDate)}`,
        )
      }
    }
  }
  return { arrivals, staysSha: sha(stays), stays: stays.length }
}

export function dateAnswers() {
  const days = everyDay()
  const months = days.map(
    (d) => `${d} ${[-7, -6, -1, 1, 3, 10, 12, 18].map((m) => off(d, addMonths(d, m))).join(' ')}`,
  )
  const births = ['2000-02-29', '2008-07-04', '1990-12-31', '2010-01-01', '2006-03-01']
  const ages = days
    .filter((_, i) => i % 3 === 0)
    .map((d) => `${d} ${births.map((b) => ageOn(b, d)).join(' ')}`)
  const long = days.map(formatLongDate)
  const easter = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2035, 2038, 2100].map(easterSunday)
  const due = days
    .filter((_, i) => i % 4 === 0)
    .map(
      (d) =>
        `${d} ${[0, 2, 6, 12].map((w) => [-30, -3, 0, 5].map((t) => off(d, standardActionDue({ release: d, weeksBefore: w, today: addDays(d, t) }))).join(',')).join(' ')}`,
    )
  return {
    months,
    ages,
    longSha: sha(long),
    longSample: long.filter((_, i) => i % 61 === 0),
    easter,
    actionDueSha: sha(due),
  }
}

export function londonAnswers() {
  const days = everyDay()
  const starts = days.map((d) => `${d} ${londonDayStart(d).toISOString()} ${londonDayAfter(d).toISOString()}`)
  // London date of instants around midnight UTC, every day.
  const dates = days.map((d) =>
    ['T00:30:00Z', 'T23:30:00Z', 'T22:59:00Z'].map((t) => londonDate(new Date(`${d}${t}`))).join(' '),
  )
  return { startsSha: sha(starts), startsSample: starts.filter((_, i) => i % 30 === 0), datesSha: sha(dates) }
}

export function formatAnswers() {
  const days = everyDay()
  const plain = days.map(
    (d) => `${formatDate(d)}|${formatDate(d, 'day')}|${formatDate(new Date(`${d}T12:00:00Z`))}`,
  )
  const times = days.map(
    (d) => `${formatDateTime(`${d}T23:30:00Z`)}|${formatDateTime(new Date(`${d}T00:15:00Z`))}`,
  )
  return {
    plainSha: sha(plain),
    plainSample: plain.filter((_, i) => i % 45 === 0),
    timesSha: sha(times),
    timesSample: times.filter((_, i) => i % 45 === 0),
    edge: [
      formatDate(''),
      formatDate(null),
      formatDate('nonsense'),
      formatDateTime('nonsense'),
      formatDateTime(undefined),
    ],
  }
}

export function demoCalendarAnswers() {
  const cal = workingCalendar([...englandAndWalesCalendar().bankHolidays])
  return {
    onOrBefore: everyDay().map((d) => `${d} ${cal.onOrBefore(dayOf(d)) - dayOf(d)} ${isoOf(dayOf(d))}`),
    daysPerYear: DAYS_PER_YEAR,
  }
}

export function allAnswers() {
  return {
    releaseDay: releaseDayAnswers(),
    handover: handoverAnswers(),
    checkpoints: checkpointAnswers(),
    cas3: cas3Answers(),
    dates: dateAnswers(),
    london: londonAnswers(),
    format: formatAnswers(),
    demoCalendar: demoCalendarAnswers(),
  }
}
