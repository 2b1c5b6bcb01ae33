import { col, type BuiltReport, type ReportInput, type ReportRow } from './report-columns.ts'
import type { ReportRepository } from './report-repository.ts'
import type { Table } from '../../platform/table/index.ts'
import { addDays, bedspaceTimeline, holdsBedspace, nightsWithin, type Occupation } from './rules.ts'
import { occupancyInterval, type BedspaceNights } from './occupancy-interval.ts'

/**
 * The reports about the estate: bed usage by bedspace, occupancy by premises, and the gaps
 * between bookings. Occupancy is shown with its denominator and a design-aware 95% interval
 * (occupancy-interval.ts says what it means and its limits).
 */
export function estateReports(repo: ReportRepository) {
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

  const totalsOf = (rows: Awaited<ReturnType<typeof occupancyRows>>) =>
    rows.reduce(
      (t, r) => ({
        available: t.available + r.available,
        occupied: t.occupied + r.occupied,
        voids: t.voids + r.voidNights,
      }),
      { available: 0, occupied: 0, voids: 0 },
    )
  const share = (n: number, d: number) => (d ? n / d : null)
  const percent = (p: number) => `${(p * 100).toFixed(1)}%`
  /** "58.1% to 71.0%", or a dash where there are fewer than two bedspaces to measure it on. */
  const intervalOf = (beds: readonly BedspaceNights[]) => {
    const ci = occupancyInterval(beds)
    return ci ? `${percent(ci.low)} to ${percent(ci.high)}` : '–'
  }
  /**
   * Bed-nights are a count of the whole estate over the period, and not people, so no suppression
   * applies; the rate has its denominator and a 95% interval for the rate the estate runs at.
   */
  const estateSummary = (rows: Awaited<ReturnType<typeof occupancyRows>>): Table<ReportRow> => {
    const t = totalsOf(rows)
    return {
      id: 'summary',
      caption: 'Bed-nights',
      columns: [
        col('label', 'Measure'),
        col('count', 'Number', 'count'),
        col('of', 'Out of', 'count'),
        col('rate', 'Rate', 'percent'),
        col('interval', '95% interval'),
      ],
      rows: [
        { label: 'Bedspaces', count: rows.length },
        { label: 'Bed-nights available', count: t.available },
        {
          label: 'Bed-nights occupied',
          count: t.occupied,
          of: t.available,
          rate: share(t.occupied, t.available),
          interval: intervalOf(rows),
        },
        { label: 'Void bed-nights', count: t.voids },
      ],
      notes: [
        'Occupancy is bed-nights occupied out of bed-nights available (open and not void), for every bedspace in the estate.',
        'The 95% interval is for the rate the estate runs at, not for this period, which is counted in full: bed-nights are the trials, counted as fewer independent nights (by the design effect) because stays fill runs of nights in one bedspace. No interval is given for fewer than two bedspaces.',
      ],
    }
  }

  async function bedUsage({ regionCode, from, to }: ReportInput): Promise<BuiltReport> {
    const rows = await occupancyRows(regionCode, from, addDays(to, 1))
    return {
      columns: [
        col('pdu', 'PDU'),
        col('premises', 'Premises'),
        col('bedspace', 'Bedspace'),
        col('open', 'Nights open', 'count'),
        col('booked', 'Nights booked', 'count'),
        col('occupied', 'Nights occupied', 'count'),
        col('turnaround', 'Turnaround nights', 'count'),
        col('voids', 'Void nights', 'count'),
        col('usage', 'Usage', 'percent'),
      ],
      rows: rows.map((r): ReportRow => ({
        pdu: r.s.pdu_name,
        premises: r.s.premises_name,
        bedspace: r.s.reference,
        open: r.open,
        booked: r.booked,
        occupied: r.occupied,
        turnaround: r.turnaround,
        voids: r.voidNights,
        usage: share(r.booked, r.available),
      })),
      summary: estateSummary(rows),
    }
  }

  async function occupancy({ regionCode, from, to }: ReportInput): Promise<BuiltReport> {
    const rows = await occupancyRows(regionCode, from, addDays(to, 1))
    const byPremises = new Map<
      string,
      {
        pdu: string
        premises: string
        bedspaces: number
        available: number
        occupied: number
        beds: BedspaceNights[]
      }
    >()
    for (const r of rows) {
      const p = byPremises.get(r.s.premises_id) ?? {
        pdu: r.s.pdu_name,
        premises: r.s.premises_name,
        bedspaces: 0,
        available: 0,
        occupied: 0,
        beds: [],
      }
      p.bedspaces++
      p.beds.push(r)
      p.available += r.available
      p.occupied += r.occupied
      byPremises.set(r.s.premises_id, p)
    }
    return {
      columns: [
        col('pdu', 'PDU'),
        col('premises', 'Premises'),
        col('bedspaces', 'Bedspaces', 'count'),
        col('available', 'Bed-nights available', 'count'),
        col('occupied', 'Bed-nights occupied', 'count'),
        col('occupancy', 'Occupancy', 'percent'),
        col('interval', '95% interval'),
      ],
      rows: [...byPremises.values()].map(({ beds, ...p }): ReportRow => ({
        ...p,
        occupancy: share(p.occupied, p.available),
        interval: intervalOf(beds),
      })),
      summary: estateSummary(rows),
    }
  }

  async function gaps({ regionCode, from, to }: ReportInput): Promise<BuiltReport> {
    const rows = (await occupancyRows(regionCode, from, addDays(to, 1))).flatMap((r) =>
      r.gaps.map((g): ReportRow => ({
        pdu: r.s.pdu_name,
        premises: r.s.premises_name,
        bedspace: r.s.reference,
        from: g.from,
        to: addDays(g.to, -1),
        nights: g.nights,
      })),
    )
    const empty = rows.reduce((n, r) => n + (typeof r.nights === 'number' ? r.nights : 0), 0)
    return {
      columns: [
        col('pdu', 'PDU'),
        col('premises', 'Premises'),
        col('bedspace', 'Bedspace'),
        col('from', 'Empty from', 'date'),
        col('to', 'Empty to (last night)', 'date'),
        col('nights', 'Nights empty', 'count'),
      ],
      rows,
      summary: {
        id: 'summary',
        caption: 'Gaps between bookings',
        columns: [col('label', 'Measure'), col('value', 'Number', 'count')],
        rows: [
          { label: 'Gaps', value: rows.length },
          { label: 'Empty bed-nights', value: empty },
        ],
      },
    }
  }

  return { bedUsage, occupancy, gaps }
}
