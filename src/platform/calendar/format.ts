// GOV.UK date formatting (GOV.UK style guide, "Dates"): '12 December 2026', with the day name when
// it helps ('Saturday 12 December 2026'); no leading zero, no ordinal, the month in full; times as
// 'at 14:05' in London time. The Nunjucks filters `date` and `dateTime` (platform/views) use these.
import { londonDate, londonTime } from './london-date.ts'
import { dayName, isIsoDate, plainDate } from './plain-date.ts'

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** '12 December 2026'. */
export function formatDayMonthYear(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? ''} ${date.slice(0, 4)}`
}

/** For caseworker-facing text: 'Friday 25 December 2026'. */
export function formatLongDate(date: string): string {
  return `${dayName(date)} ${formatDayMonthYear(date)}`
}

/** 'December 2026'. */
export function formatMonthYear(date: string): string {
  return formatDayMonthYear(date).replace(/^\d+ /, '')
}

/**
 * The `date` filter: an ISO date (or the date part of a timestamp string) as '12 December 2026', or
 * with style 'day' as 'Saturday 12 December 2026'. A Date object is taken as the UTC date, which
 * is how the database driver hands back `date` columns when it does not return strings. Anything
 * unreadable is shown as it came, so a bad value is visible rather than hidden.
 */
export function formatDate(value: unknown, style?: string): string {
  if (!value) return ''
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : ''
  const date = text.slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return text
  if (!isIsoDate(date)) return formatLoose(date)
  return style === 'day' ? formatLongDate(date) : formatDayMonthYear(date)
}

// The filter always printed what looked like a date, even an impossible one ('2025-02-30'), as
// '30 February 2025'; kept so a bad stored value stays visible.
function formatLoose(date: string): string {
  return formatDayMonthYear(date)
}

/** The `dateTime` filter: '12 December 2026 at 14:05', in London time. */
export function formatDateTime(value: unknown): string {
  if (!value) return ''
  const d =
    value instanceof Date
      ? value
      : new Date(typeof value === 'string' || typeof value === 'number' ? value : Number.NaN)
  if (Number.isNaN(d.getTime())) return ''
  return `${formatDate(londonDate(d))} at ${londonTime(d)}`
}

// Tables and charts where space is short use the abbreviated month as en-GB writes it
// ('28 Nov 2026', 'Sept 2026'): Temporal formats a plain date without any time zone.
const SHORT_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }
const SHORT_MONTH_YEAR: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric' }

/** '28 Nov 2026'. */
export function formatShortDate(date: string): string {
  return plainDate(date).toLocaleString('en-GB', SHORT_DATE)
}

/** 'Nov 2026'. */
export function formatShortMonthYear(date: string): string {
  return plainDate(date).toLocaleString('en-GB', SHORT_MONTH_YEAR)
}
