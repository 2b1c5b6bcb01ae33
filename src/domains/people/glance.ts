/**
 * The person at a glance (issue 12): one panel at the top of the person page that says where the
 * person stands, so nobody has to read the whole timeline to find it. Each domain contributes its
 * rows through a GlanceSource, wired in the composition root as the timeline sources are, so the
 * people domain knows no other domain. The caller has already opened the record (audited, scoped).
 */
import type { GlanceEvent, GlancePart, GlanceRow } from '../../platform/module.ts'
import type { TimelineItem } from './timeline.ts'

export type { GlanceEvent, GlancePart, GlanceRow, GlanceSource } from '../../platform/module.ts'

export interface Glance {
  rows: GlanceRow[]
  next: GlanceEvent | null
}

/**
 * Puts the parts together in their order, and picks the soonest event on or
 * after today from them and from the timeline's planned items (a booked CAS3 arrival, say).
 */
export function glanceOf(parts: GlancePart[], items: TimelineItem[], today: string): Glance {
  const upcoming = [
    ...parts.flatMap((p) => p.upcoming ?? []),
    ...items.filter((i) => i.future).map((i) => ({ date: i.date, label: i.title })),
  ]
    .filter((e) => e.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.label.localeCompare(b.label)))
  const rows = [...parts].sort((a, b) => a.order - b.order).flatMap((p) => p.rows)
  return { rows, next: upcoming[0] ?? null }
}

/**
 * Rows read from other domains' timeline entries: their services already decide what this reader
 * may see there (a provider sees only its own referrals, issue 17 finding 6), so the panel can
 * never show more than the timeline below it.
 */
export function timelineRows(items: TimelineItem[]): GlanceRow[] {
  const latest = (source: string) => items.filter((i) => i.source === source)
  const referrals = latest('Referrals')
  const cas3 = latest('CAS3')
  const rows: GlanceRow[] = []
  const first = referrals[0]
  rows.push({
    label: 'Referrals',
    value: first
      ? `${referrals.length} on record; latest ${first.title}${first.detail ? ` (${first.detail})` : ''}`
      : 'None',
  })
  const stay = cas3[0]
  rows.push({
    label: 'CAS3',
    value: stay ? `${stay.title}${stay.detail ? `: ${stay.detail}` : ''}` : 'No CAS3 booking',
  })
  return rows
}
