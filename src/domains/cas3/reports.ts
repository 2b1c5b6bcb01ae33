import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden } from '../../platform/errors.ts'
import { DEFAULT_CAS3_STAY_RULES, nightsBetween, type Cas3StayRules } from './stay-rules.ts'
import { requireCapability } from './access.ts'
import type { ReportRepository } from './report-repository.ts'
import { addDays, ageBand, bedspaceTimeline, holdsBedspace, nightsWithin, type Occupation } from './rules.ts'
import {
  BOOKING_STATUSES,
  DUTY_TO_REFER_OUTCOMES,
  MOVE_ON_CATEGORIES,
  MOVE_ON_GROUPS,
  REFERRAL_STATUSES,
  type MoveOnGroup,
} from './vocabulary.ts'

export const REPORTS = {
  referrals: 'Referrals',
  bookings: 'Bookings',
  'bed-usage': 'Bed usage',
  occupancy: 'Occupancy',
  'future-bookings': 'Future bookings',
  gaps: 'Gaps between bookings',
  overstays: 'Overstays',
  'move-on': 'Move-on outcomes',
} as const
export type ReportName = keyof typeof REPORTS

export interface Report {
  name: ReportName
  title: string
  scopeLabel: string
  from: string
  to: string
  columns: { key: string; label: string }[]
  rows: Record<string, string | number>[]
  summary: { label: string; value: string | number }[]
}

const SEX: Record<string, string> = {
  male: 'Male',
  female: 'Female',
  intersex: 'Intersex',
  not_stated: 'Not stated',
}
const who = (on: string) => [
  { key: 'sex', label: 'Sex' },
  { key: 'ethnicity', label: 'Ethnicity' },
  { key: 'ageBand', label: `Age band (on ${on})` },
]
const demographics = (p: { sex: string; ethnicity: string | null; date_of_birth: string }, on: string) => ({
  sex: SEX[p.sex] ?? p.sex,
  ethnicity: p.ethnicity ?? 'Not recorded',
  ageBand: ageBand(p.date_of_birth, on),
})
const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`)

export function reportService(
  repo: ReportRepository,
  audit: AuditLog,
  deps: { today: () => string; stay?: Cas3StayRules },
) {
  const stay = deps.stay ?? DEFAULT_CAS3_STAY_RULES

  /** Officers and regional leads see their region; national users choose a region or all of England and Wales. */
  function scopeRegion(ctx: RequestContext, requested: string | null): string | null {
    requireCapability(ctx, 'cas3:reports')
    if (ctx.actor.scope.level === 'region') return ctx.actor.scope.regionCode
    if (ctx.actor.scope.level === 'national') return requested
    throw new Forbidden()
  }

  async function occupancyRows(regionCode: string | null, from: string, end: string) {
    const [bedspaces, bookings, voids] = await Promise.all([
      repo.bedspaces(regionCode, from, end),
      repo.bookingsOverlapping(regionCode, from, end),
      repo.voids(regionCode, from, end),
    ])
    return bedspaces.map((s) => {
      const open = nightsWithin(s.start_date, s.end_date ? addDays(s.end_date, 1) : end, from, end)
      const mine = bookings.filter((b) => b.bedspace_id === s.id && holdsBedspace(b.status, b.arrived_on))
      const occupied = mine
        .filter((b) => b.arrived_on)
        .reduce((n, b) => n + nightsWithin(b.arrived_on!, b.departed_on ?? b.departure_date, from, end), 0)
      const booked = mine.reduce((n, b) => n + nightsWithin(b.arrival_date, b.departure_date, from, end), 0)
      const turnaround = mine.reduce(
        (n, b) => n + nightsWithin(b.departure_date, b.blocked_until, from, end),
        0,
      )
      const myVoids = voids.filter((v) => v.bedspace_id === s.id)
      const voidNights = myVoids.reduce(
        (n, v) => n + nightsWithin(v.start_date, addDays(v.end_date, 1), from, end),
        0,
      )
      const items: Occupation[] = [
        ...mine.map((b) => ({
          kind: 'booking' as const,
          start: b.arrival_date,
          end: b.departure_date,
          blockedUntil: b.blocked_until,
          label: b.reference,
        })),
        ...myVoids.map((v) => ({
          kind: 'void' as const,
          start: v.start_date,
          end: addDays(v.end_date, 1),
          blockedUntil: addDays(v.end_date, 1),
          label: 'Void',
        })),
      ]
      const openFrom = s.start_date > from ? s.start_date : from
      const openTo = s.end_date && addDays(s.end_date, 1) < end ? addDays(s.end_date, 1) : end
      const gaps =
        openFrom < openTo ? bedspaceTimeline(openFrom, openTo, items).filter((g) => g.kind === 'free') : []
      return {
        s,
        open,
        occupied,
        booked,
        turnaround,
        voidNights,
        available: Math.max(0, open - voidNights),
        gaps,
      }
    })
  }

  async function build(
    name: ReportName,
    regionCode: string | null,
    from: string,
    to: string,
  ): Promise<Omit<Report, 'scopeLabel'>> {
    const end = addDays(to, 1)
    const today = deps.today()
    const base = { name, title: REPORTS[name], from, to }
    switch (name) {
      case 'referrals': {
        const rows = await repo.referrals(regionCode, from, to)
        const byStatus = Object.entries(REFERRAL_STATUSES).map(([k, label]) => ({
          label,
          value: rows.filter((r) => r.status === k).length,
        }))
        return {
          ...base,
          columns: [
            { key: 'referredOn', label: 'Referred' },
            { key: 'person', label: 'Person' },
            ...who(to),
            { key: 'pdu', label: 'Placement PDU' },
            { key: 'releaseDate', label: 'Release date' },
            { key: 'status', label: 'Status' },
            { key: 'rejection', label: 'Rejection reason' },
            { key: 'dutyToRefer', label: 'Duty to Refer' },
            { key: 'crs', label: 'CRS referral made' },
          ],
          rows: rows.map((r) => ({
            referredOn: r.referred_on,
            person: `${r.family_name}, ${r.given_name}`,
            ...demographics(r, to),
            pdu: r.pdu_name,
            releaseDate: r.release_date,
            status: REFERRAL_STATUSES[r.status],
            rejection: r.rejection_reason ?? '',
            dutyToRefer: r.duty_to_refer_submitted
              ? (DUTY_TO_REFER_OUTCOMES[r.duty_to_refer_outcome as keyof typeof DUTY_TO_REFER_OUTCOMES] ??
                'Submitted')
              : 'Not submitted',
            crs: r.crs_referral_made ? 'Yes' : 'No',
          })),
          summary: [{ label: 'Referrals', value: rows.length }, ...byStatus],
        }
      }
      case 'bookings':
      case 'future-bookings':
      case 'overstays': {
        let rows = (await repo.bookingsOverlapping(regionCode, from, to)).filter(
          (b) => b.arrival_date <= to && b.departure_date > from,
        )
        if (name === 'future-bookings')
          rows = rows.filter(
            (b) => (b.status === 'provisional' || b.status === 'confirmed') && b.arrival_date >= today,
          )
        if (name === 'overstays')
          rows = rows.filter(
            (b) =>
              holdsBedspace(b.status, b.arrived_on) &&
              nightsBetween(b.arrival_date, b.departure_date) > stay.maxNights,
          )
        return {
          ...base,
          columns: [
            { key: 'reference', label: 'Booking' },
            { key: 'person', label: 'Person' },
            ...who(to),
            { key: 'premises', label: 'Premises' },
            { key: 'bedspace', label: 'Bedspace' },
            { key: 'arrival', label: 'Arrival' },
            { key: 'departure', label: 'Departure' },
            { key: 'nights', label: 'Nights' },
            { key: 'status', label: 'Status' },
            { key: 'note', label: name === 'overstays' ? 'Overstay reason' : 'Cancellation reason' },
          ],
          rows: rows.map((b) => ({
            reference: b.reference,
            person: `${b.family_name}, ${b.given_name}`,
            ...demographics(b, to),
            premises: b.premises_name,
            bedspace: b.bedspace_reference,
            arrival: b.arrival_date,
            departure: b.departure_date,
            nights: nightsBetween(b.arrival_date, b.departure_date),
            status: BOOKING_STATUSES[b.status],
            note: (name === 'overstays' ? b.overstay_reason : b.cancellation_reason_name) ?? '',
          })),
          summary: [{ label: REPORTS[name], value: rows.length }],
        }
      }
      case 'bed-usage':
      case 'occupancy': {
        const rows = await occupancyRows(regionCode, from, end)
        const totals = rows.reduce(
          (t, r) => ({
            available: t.available + r.available,
            occupied: t.occupied + r.occupied,
            booked: t.booked + r.booked,
            voids: t.voids + r.voidNights,
          }),
          { available: 0, occupied: 0, booked: 0, voids: 0 },
        )
        const summary = [
          { label: 'Bedspaces', value: rows.length },
          { label: 'Bed-nights available', value: totals.available },
          { label: 'Bed-nights occupied', value: totals.occupied },
          { label: 'Occupancy', value: pct(totals.occupied, totals.available) },
          { label: 'Void bed-nights', value: totals.voids },
        ]
        if (name === 'bed-usage') {
          return {
            ...base,
            columns: [
              { key: 'pdu', label: 'PDU' },
              { key: 'premises', label: 'Premises' },
              { key: 'bedspace', label: 'Bedspace' },
              { key: 'open', label: 'Nights open' },
              { key: 'booked', label: 'Nights booked' },
              { key: 'occupied', label: 'Nights occupied' },
              { key: 'turnaround', label: 'Turnaround nights' },
              { key: 'voids', label: 'Void nights' },
              { key: 'usage', label: 'Usage' },
            ],
            rows: rows.map((r) => ({
              pdu: r.s.pdu_name,
              premises: r.s.premises_name,
              bedspace: r.s.reference,
              open: r.open,
              booked: r.booked,
              occupied: r.occupied,
              turnaround: r.turnaround,
              voids: r.voidNights,
              usage: pct(r.booked, r.available),
            })),
            summary,
          }
        }
        const byPremises = new Map<
          string,
          { pdu: string; premises: string; bedspaces: number; available: number; occupied: number }
        >()
        for (const r of rows) {
          const p = byPremises.get(r.s.premises_id) ?? {
            pdu: r.s.pdu_name,
            premises: r.s.premises_name,
            bedspaces: 0,
            available: 0,
            occupied: 0,
          }
          p.bedspaces++
          p.available += r.available
          p.occupied += r.occupied
          byPremises.set(r.s.premises_id, p)
        }
        return {
          ...base,
          columns: [
            { key: 'pdu', label: 'PDU' },
            { key: 'premises', label: 'Premises' },
            { key: 'bedspaces', label: 'Bedspaces' },
            { key: 'available', label: 'Bed-nights available' },
            { key: 'occupied', label: 'Bed-nights occupied' },
            { key: 'occupancy', label: 'Occupancy' },
          ],
          rows: [...byPremises.values()].map((p) => ({ ...p, occupancy: pct(p.occupied, p.available) })),
          summary,
        }
      }
      case 'gaps': {
        const rows = (await occupancyRows(regionCode, from, end)).flatMap((r) =>
          r.gaps.map((g) => ({
            pdu: r.s.pdu_name,
            premises: r.s.premises_name,
            bedspace: r.s.reference,
            from: g.from,
            to: addDays(g.to, -1),
            nights: g.nights,
          })),
        )
        return {
          ...base,
          columns: [
            { key: 'pdu', label: 'PDU' },
            { key: 'premises', label: 'Premises' },
            { key: 'bedspace', label: 'Bedspace' },
            { key: 'from', label: 'Empty from' },
            { key: 'to', label: 'Empty to (last night)' },
            { key: 'nights', label: 'Nights empty' },
          ],
          rows,
          summary: [
            { label: 'Gaps', value: rows.length },
            { label: 'Empty bed-nights', value: rows.reduce((n, r) => n + r.nights, 0) },
          ],
        }
      }
      case 'move-on': {
        const rows = await repo.departedBetween(regionCode, from, to)
        const group = (id: string | null): MoveOnGroup =>
          id ? (MOVE_ON_CATEGORIES[id]?.group ?? 'other') : 'other'
        return {
          ...base,
          columns: [
            { key: 'reference', label: 'Booking' },
            { key: 'person', label: 'Person' },
            ...who(to),
            { key: 'departed', label: 'Departed' },
            { key: 'nights', label: 'Nights' },
            { key: 'reason', label: 'Departure reason' },
            { key: 'moveOn', label: 'Move-on category' },
            { key: 'outcome', label: 'Outcome' },
          ],
          rows: rows.map((b) => ({
            reference: b.reference,
            person: `${b.family_name}, ${b.given_name}`,
            ...demographics(b, to),
            departed: b.departed_on ?? '',
            nights: nightsBetween(b.arrived_on ?? b.arrival_date, b.departed_on ?? b.departure_date),
            reason: b.departure_reason_name ?? '',
            moveOn: b.move_on_name ?? '',
            outcome: MOVE_ON_GROUPS[group(b.move_on_category_id)],
          })),
          summary: [
            { label: 'Departures', value: rows.length },
            ...(Object.keys(MOVE_ON_GROUPS) as MoveOnGroup[]).map((g) => {
              const n = rows.filter((b) => group(b.move_on_category_id) === g).length
              return { label: MOVE_ON_GROUPS[g], value: `${n} (${pct(n, rows.length)})` }
            }),
          ],
        }
      }
    }
  }

  return {
    async run(
      ctx: RequestContext,
      name: ReportName,
      input: { from: string; to: string; regionCode: string | null },
    ): Promise<Report> {
      const regionCode = scopeRegion(ctx, input.regionCode)
      const [report, region] = await Promise.all([
        build(name, regionCode, input.from, input.to),
        regionCode ? repo.regionName(regionCode) : undefined,
      ])
      await audit.record(ctx, {
        action: 'export',
        recordType: 'cas3_report',
        outcome: 'allowed',
        detail: `${name} ${regionCode ?? 'national'} ${input.from} to ${input.to}`,
      })
      return { ...report, scopeLabel: region?.name ?? 'England and Wales' }
    },
  }
}
export type ReportService = ReturnType<typeof reportService>
