// Pure CAS3 rules. The stay limit and turnaround live in cas3/stay-rules.ts;
// these are the booking lifecycle, bedspace status and the gap timeline.
import { addDays, ageOn, daysBetween } from '../../platform/calendar/index.ts'
import type { BookingStatus } from './tables.ts'

export type BedspaceStatus = 'online' | 'upcoming' | 'archived'

/** A bedspace is upcoming before its start date and archived after its last available date. */
export function bedspaceStatus(
  bedspace: { start_date: string; end_date: string | null },
  today: string,
): BedspaceStatus {
  if (bedspace.end_date !== null && bedspace.end_date < today) return 'archived'
  if (bedspace.start_date > today) return 'upcoming'
  return 'online'
}

/** The CAS3 booking lifecycle (domain.md section 9): the moves each state allows. */
export const BOOKING_TRANSITIONS: Record<BookingStatus, BookingStatus[]> = {
  provisional: ['confirmed', 'cancelled'],
  confirmed: ['arrived', 'not_arrived', 'cancelled'],
  arrived: ['departed'],
  not_arrived: ['closed'],
  departed: ['closed'],
  cancelled: [],
  closed: [],
}

export function canMove(from: BookingStatus, to: BookingStatus): boolean {
  return BOOKING_TRANSITIONS[from].includes(to)
}

/** Dates can change only before the person has left. */
export function canChangeDates(status: BookingStatus): boolean {
  return status === 'provisional' || status === 'confirmed' || status === 'arrived'
}

/**
 * Live bookings hold the bedspace: provisional or confirmed, or once the person has arrived
 * (so a departed or closed stay keeps its nights). The exclusion constraint in migration 0005
 * uses the same test, so a closed not-arrived booking never blocks its old dates again.
 */
export function holdsBedspace(status: BookingStatus, arrivedOn: string | null): boolean {
  return status === 'provisional' || status === 'confirmed' || arrivedOn !== null
}

export interface Occupation {
  kind: 'booking' | 'void'
  /** First night taken. */
  start: string
  /** Booking: departure date (exclusive) and the first date the next arrival may be. Void: day after its last night. */
  end: string
  blockedUntil: string
  label: string
}

export interface Segment {
  kind: 'booked' | 'turnaround' | 'void' | 'free'
  from: string
  /** Exclusive. */
  to: string
  nights: number
  label?: string
}

/**
 * The timeline of one bedspace over [from, to): bookings, their turnarounds, voids and the free
 * gaps between them, so an officer can see where a booking would fit or where a bed stands empty.
 */
export function bedspaceTimeline(from: string, to: string, items: Occupation[]): Segment[] {
  const segments: Segment[] = []
  const push = (kind: Segment['kind'], a: string, b: string, label?: string) => {
    const s = a < from ? from : a
    const e = b > to ? to : b
    if (s < e) segments.push({ kind, from: s, to: e, nights: daysBetween(s, e), ...(label ? { label } : {}) })
  }
  let cursor = from
  for (const item of [...items].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0))) {
    if (item.start > cursor) push('free', cursor, item.start)
    if (item.kind === 'void') push('void', item.start, item.end, item.label)
    else {
      push('booked', item.start, item.end, item.label)
      push('turnaround', item.end, item.blockedUntil)
    }
    const end = item.blockedUntil > item.end ? item.blockedUntil : item.end
    if (end > cursor) cursor = end
  }
  if (cursor < to) push('free', cursor, to)
  return segments
}

/** Nights of [start, end) that fall in the report window [from, to). */
export function nightsWithin(start: string, end: string, from: string, to: string): number {
  const s = start < from ? from : start
  const e = end > to ? to : end
  return s < e ? daysBetween(s, e) : 0
}

/** ONS-style age bands for variation analysis (domain.md section 13e). */
export const AGE_BANDS: { label: string; min: number; max: number }[] = [
  { label: '18 to 24', min: 0, max: 24 },
  { label: '25 to 34', min: 25, max: 34 },
  { label: '35 to 44', min: 35, max: 44 },
  { label: '45 to 54', min: 45, max: 54 },
  { label: '55 and over', min: 55, max: 200 },
]

export function ageBand(dateOfBirth: string, on: string): string {
  const age = ageOn(dateOfBirth, on)
  return AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.label ?? 'Unknown'
}

export { addDays, daysBetween }
