// Issue 11, Done when: "one calendar (no other file computes dates from Date arithmetic)". Every
// calendar computation (days, months, weekdays, today's date, the day an instant falls on, date
// formatting) goes through src/platform/calendar, which is built on Temporal. This test reads the
// source of src/, scripts/ and bench/ and fails on the patterns of hand-rolled Date arithmetic.
//
// Not scanned, and why:
// - src/platform/calendar/**: the one calendar itself;
// - *.test.ts files: some build independent oracles from the raw feed and Date on purpose (see
//   release-day.properties.test.ts), so a bug in the calendar cannot hide itself;
// - src/migrations/**: SQL, which does its date arithmetic in PostgreSQL.
// Instants are fine: Date.now(), new Date(), timestamps, timeouts and durations in minutes.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('../../', import.meta.url).pathname

const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  {
    what: 'a calendar field read or set on a Date (day, weekday, month or year)',
    pattern: /\.(get|set)(UTC)?(Date|Day|Month|FullYear)\s*\(|\.getYear\s*\(|\.setYear\s*\(/,
  },
  { what: 'Date.UTC(...) to build or count days', pattern: /\bDate\.UTC\s*\(/ },
  { what: 'new Date(year, month, ...)', pattern: /new Date\(\s*[^()'"`,]+,/ },
  {
    what: 'milliseconds per day',
    pattern:
      /\b86_?400_?000\b|\b864e5\b|\b86_?400\s*\*\s*1_?000\b|24\s*\*\s*60\s*\*\s*60\s*\*\s*1_?000|1_?000\s*\*\s*60\s*\*\s*60\s*\*\s*24/,
  },
  {
    what: "a UTC date cut from an ISO timestamp (use londonDate/londonToday or the column's date)",
    pattern:
      /toISOString\(\)\s*\.\s*(slice|substring|substr)\(\s*0\s*,\s*10\s*\)|toISOString\(\)\s*\.\s*split\(\s*['"]T['"]\s*\)/,
  },
  {
    what: 'toLocaleDateString (GOV.UK formats are in platform/calendar/format.ts)',
    pattern: /\.toLocaleDateString\s*\(/,
  },
  { what: 'Date.parse arithmetic on days', pattern: /Date\.parse\([^)]*\)\s*[-+]/ },
  {
    what: 'Temporal used directly (the calendar is the one place that knows which Temporal we run on)',
    pattern: /from\s+['"](temporal-polyfill|@js-temporal\/polyfill)['"]|\bTemporal\./,
  },
]

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith('src/platform/calendar/') && !f.startsWith('src/migrations/'))
}

/** Removes comments, keeping line numbers, so a comment that explains the old way is not flagged. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')
}

export function offences(text: string): string[] {
  const found: string[] = []
  code(text)
    .split('\n')
    .forEach((line, i) => {
      for (const { what, pattern } of FORBIDDEN)
        if (pattern.test(line)) found.push(`${i + 1}: ${what}: ${line.trim()}`)
    })
  return found
}

describe('one calendar', () => {
  it('catches each kind of Date arithmetic (so the scan below can fail)', () => {
    for (const bad of [
      'd.setUTCDate(d.getUTCDate() + 1)',
      'const dow = new Date(iso).getDay()',
      'Math.round(Date.UTC(y, m - 1, d) / MS)',
      'new Date(2026, 6, 15)',
      'new Date(n * 86_400_000)',
      'const today = new Date().toISOString().slice(0, 10)',
      "new Date(x).toLocaleDateString('en-GB')",
      '(Date.parse(b) - Date.parse(a)) / day',
      'Date.now() + days * 24 * 60 * 60 * 1000',
      "import { Temporal } from 'temporal-polyfill'",
      'Temporal.Now.plainDateISO()',
    ]) {
      expect(offences(bad), bad).not.toEqual([])
    }
    for (const fine of [
      'const started = Date.now()',
      'new Date(`${day}T10:00:00Z`)',
      'expires_at: new Date(Date.now() + 60_000)',
      '// d.setUTCDate(d.getUTCDate() + 1)',
      'const url = "https://x"; addDays(today, 1)',
    ]) {
      expect(offences(fine), fine).toEqual([])
    }
  })

  it('no file outside src/platform/calendar computes dates with Date', () => {
    const found = ['src', 'scripts', 'bench']
      .flatMap(sources)
      .flatMap((file) => offences(readFileSync(join(ROOT, file), 'utf8')).map((o) => `${file}:${o}`))
    expect(found).toEqual([])
  })
})
