const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/**
 * The instant a calendar day starts in England and Wales. Staff mean local days when they search
 * "from 1 July": in summer that day starts at 23:00 UTC the evening before. The clocks change at
 * 01:00 UTC, never at midnight, so the offset at UTC midnight is the offset at local midnight.
 */
export function londonDayStart(iso: string): Date {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number)
  const utcMidnight = Date.UTC(y, m - 1, d)
  const parts = Object.fromEntries(
    wallClock.formatToParts(new Date(utcMidnight)).map((p) => [p.type, Number(p.value)]),
  )
  const wall = Date.UTC(
    parts.year ?? y,
    (parts.month ?? m) - 1,
    parts.day ?? d,
    parts.hour ?? 0,
    parts.minute ?? 0,
  )
  return new Date(utcMidnight - (wall - utcMidnight))
}

/** The start of the following day, so a "to" date includes the whole of that day. */
export function londonDayAfter(iso: string): Date {
  const next = new Date(`${iso}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return londonDayStart(next.toISOString().slice(0, 10))
}
