import { camelRow } from '../../platform/db/camel.ts'
import { nightsBetween, type Cas3StayRules } from './stay-rules.ts'
import {
  col,
  demographics,
  whoColumns,
  type BuiltReport,
  type ReportInput,
  type ReportRow,
} from './report-columns.ts'
import type { ReportRepository } from './report-repository.ts'
import { summaryTable } from './report-summary.ts'
import { ageBand, holdsBedspace } from './rules.ts'
import {
  BOOKING_STATUSES,
  DUTY_TO_REFER_OUTCOMES,
  MOVE_ON_CATEGORIES,
  MOVE_ON_GROUPS,
  REFERRAL_STATUSES,
  type MoveOnGroup,
} from './vocabulary.ts'

const person = (r: { family_name: string; given_name: string }) => `${r.family_name}, ${r.given_name}`
const DTR_OUTCOMES: Record<string, string> = DUTY_TO_REFER_OUTCOMES
const keys = <T extends object>(o: T) => Object.keys(o).filter((k): k is keyof T & string => k in o)

/** The reports about people: referrals, bookings (all, future, overstaying) and move-on outcomes. */
export function peopleReports(repo: ReportRepository, deps: { today: () => string; stay: Cas3StayRules }) {
  async function referrals({ regionCode, from, to }: ReportInput): Promise<BuiltReport> {
    const rows = await repo.referrals(regionCode, from, to)
    return {
      columns: [
        col('referredOn', 'Referred', 'date'),
        col('person', 'Person'),
        ...whoColumns(to),
        col('pdu', 'Placement PDU'),
        col('releaseDate', 'Release date', 'date'),
        col('status', 'Status'),
        col('rejection', 'Rejection reason'),
        col('dutyToRefer', 'Duty to Refer'),
        col('crs', 'CRS referral made'),
      ],
      rows: rows.map((r): ReportRow => ({
        ...camelRow(r, ['referred_on', 'release_date']),
        person: person(r),
        ...demographics(r, to, ageBand),
        pdu: r.pdu_name,
        status: REFERRAL_STATUSES[r.status],
        rejection: r.rejection_reason ?? '',
        dutyToRefer: r.duty_to_refer_submitted
          ? (DTR_OUTCOMES[r.duty_to_refer_outcome ?? ''] ?? 'Submitted')
          : 'Not submitted',
        crs: r.crs_referral_made ? 'Yes' : 'No',
      })),
      summary: summaryTable(
        'summary',
        'Referrals by status',
        { label: 'Referrals', count: rows.length },
        keys(REFERRAL_STATUSES).map((k) => ({
          label: REFERRAL_STATUSES[k],
          count: rows.filter((r) => r.status === k).length,
        })),
      ),
    }
  }

  async function bookings(
    kind: 'bookings' | 'future-bookings' | 'overstays',
    { regionCode, from, to }: ReportInput,
  ): Promise<BuiltReport> {
    const today = deps.today()
    const keep: Record<
      typeof kind,
      (b: Awaited<ReturnType<ReportRepository['bookingsOverlapping']>>[number]) => boolean
    > = {
      bookings: () => true,
      'future-bookings': (b) =>
        (b.status === 'provisional' || b.status === 'confirmed') && b.arrival_date >= today,
      overstays: (b) =>
        holdsBedspace(b.status, b.arrived_on) &&
        nightsBetween(b.arrival_date, b.departure_date) > deps.stay.maxNights,
    }
    const rows = (await repo.bookingsOverlapping(regionCode, from, to)).filter(
      (b) => b.arrival_date <= to && b.departure_date > from && keep[kind](b),
    )
    return {
      columns: [
        col('reference', 'Booking'),
        col('person', 'Person'),
        ...whoColumns(to),
        col('premises', 'Premises'),
        col('bedspace', 'Bedspace'),
        col('arrival', 'Arrival', 'date'),
        col('departure', 'Departure', 'date'),
        col('nights', 'Nights', 'count'),
        col('status', 'Status'),
        col('note', kind === 'overstays' ? 'Overstay reason' : 'Cancellation reason'),
      ],
      rows: rows.map((b): ReportRow => ({
        reference: b.reference,
        person: person(b),
        ...demographics(b, to, ageBand),
        premises: b.premises_name,
        bedspace: b.bedspace_reference,
        arrival: b.arrival_date,
        departure: b.departure_date,
        nights: nightsBetween(b.arrival_date, b.departure_date),
        status: BOOKING_STATUSES[b.status],
        note: (kind === 'overstays' ? b.overstay_reason : b.cancellation_reason_name) ?? '',
      })),
      summary: summaryTable(
        'summary',
        'Bookings by status',
        { label: 'Bookings', count: rows.length },
        keys(BOOKING_STATUSES).map((k) => ({
          label: BOOKING_STATUSES[k],
          count: rows.filter((b) => b.status === k).length,
        })),
      ),
    }
  }

  async function moveOn({ regionCode, from, to }: ReportInput): Promise<BuiltReport> {
    const rows = await repo.departedBetween(regionCode, from, to)
    const group = (id: string | null): MoveOnGroup =>
      id ? (MOVE_ON_CATEGORIES[id]?.group ?? 'other') : 'other'
    return {
      columns: [
        col('reference', 'Booking'),
        col('person', 'Person'),
        ...whoColumns(to),
        col('departed', 'Departed', 'date'),
        col('nights', 'Nights', 'count'),
        col('reason', 'Departure reason'),
        col('moveOn', 'Move-on category'),
        col('outcome', 'Outcome'),
      ],
      rows: rows.map((b): ReportRow => ({
        reference: b.reference,
        person: person(b),
        ...demographics(b, to, ageBand),
        departed: b.departed_on ?? '',
        nights: nightsBetween(b.arrived_on ?? b.arrival_date, b.departed_on ?? b.departure_date),
        reason: b.departure_reason_name ?? '',
        moveOn: b.move_on_name ?? '',
        outcome: MOVE_ON_GROUPS[group(b.move_on_category_id)],
      })),
      summary: summaryTable(
        'summary',
        'Move-on outcomes',
        { label: 'Departures', count: rows.length },
        keys(MOVE_ON_GROUPS).map((g) => ({
          label: MOVE_ON_GROUPS[g],
          count: rows.filter((b) => group(b.move_on_category_id) === g).length,
        })),
      ),
    }
  }

  return { referrals, bookings, moveOn }
}
