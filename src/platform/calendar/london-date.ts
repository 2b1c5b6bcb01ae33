// England and Wales run on London time, so "today" for a release, a checkpoint or a report is
// the calendar date in Europe/London, not in UTC. Between midnight and 1 am in British Summer
// Time the UTC date is still yesterday.
const londonCalendar = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar date (YYYY-MM-DD) in England and Wales at the given instant. */
export function londonDate(instant: Date): string {
  const parts = Object.fromEntries(londonCalendar.formatToParts(instant).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** Today's calendar date in England and Wales. */
export function londonToday(): string {
  return londonDate(new Date())
}
