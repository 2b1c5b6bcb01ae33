import type { MeasureKey } from './readiness-repository.ts'
import type { ReleasePlanningService } from './service.ts'
import { ACTION_STATUSES, DTR_OUTCOMES, WORKLIST_FLAGS, type WorklistFlag } from './vocabulary.ts'

// The release-readiness worklist, the pre-release measures and their drill-down: one view
// model per page, rows in, exactly what the template needs out.

type Svc = ReleasePlanningService

export function worklistView(
  r: Awaited<ReturnType<Svc['worklist']>>,
  query: { weeks: number; flag?: WorklistFlag; sort: string; page: number },
  council: boolean,
) {
  const link = (q: Partial<typeof query>) => {
    const m = { ...query, ...q }
    return `/release-planning/worklist?${new URLSearchParams({ weeks: String(m.weeks), sort: m.sort, ...(m.flag ? { flag: m.flag } : {}), ...(m.page > 1 ? { page: String(m.page) } : {}) }).toString()}`
  }
  return {
    pageTitle: 'Release readiness',
    council,
    from: r.from,
    to: r.to,
    total: r.total,
    page: r.page,
    pages: r.pages,
    previous: r.page > 1 ? { href: link({ page: r.page - 1 }) } : undefined,
    next: r.page < r.pages ? { href: link({ page: r.page + 1 }) } : undefined,
    weeks: query.weeks,
    flag: query.flag,
    flagLabel: query.flag ? WORKLIST_FLAGS[query.flag] : undefined,
    tabs: [12, 24].map((w) => ({ weeks: w, href: link({ weeks: w, page: 1 }), current: w === query.weeks })),
    filters: (Object.keys(WORKLIST_FLAGS) as WorklistFlag[]).map((k) => ({
      key: k,
      label: WORKLIST_FLAGS[k],
      href: link({ flag: k, page: 1 }),
      current: k === query.flag,
    })),
    allHref: link({ flag: undefined, page: 1 }),
    sorts: [
      { key: 'release', text: 'Release date' },
      { key: 'flags', text: 'Most flags' },
      { key: 'name', text: 'Name' },
    ].map((s) => ({ ...s, href: link({ sort: s.key, page: 1 }), current: s.key === query.sort })),
    rows: r.rows.map((row) => ({
      ...row,
      href: `/people/${row.person_id}/release-planning`,
      flagLabels: (Object.keys(WORKLIST_FLAGS) as WorklistFlag[])
        .filter((k) => row.flags[k])
        .map((k) => WORKLIST_FLAGS[k]),
      accommodation:
        row.sleeping_tonight ??
        (row.accommodation_action_status
          ? `Action ${ACTION_STATUSES[row.accommodation_action_status as keyof typeof ACTION_STATUSES].toLowerCase()}`
          : 'No action'),
      dtr: row.dtr_outcome
        ? DTR_OUTCOMES[row.dtr_outcome as keyof typeof DTR_OUTCOMES]
        : row.dtr_received_on
          ? 'Received'
          : 'Not received',
    })),
  }
}

const MEASURES = [
  { key: 'plan_quality', label: 'Plans passing the quality check' },
  { key: 'handover_held', label: 'Handover meetings held' },
  { key: 'com_contact', label: 'COM contact before release' },
  { key: 'id_and_bank', label: 'ID and a bank account on release' },
] as const

export function measuresView(r: Awaited<ReturnType<Svc['measures']>>) {
  const drill = (code: string, measure: string, met: string) =>
    `/release-planning/measures/people?${new URLSearchParams({ by: r.by, code, measure, met, from: r.from, to: r.to }).toString()}`
  const c = r.policy.symbol
  const count = (n: number | null) => (n === null ? c : n.toLocaleString('en-GB'))
  const figure = (f: (typeof r.total.figures)[MeasureKey]) => ({
    rate: f.rate === null ? (f.suppressed ? c : '–') : `${f.rate.toFixed(1)}%`,
    interval:
      f.ciLow === null || f.ciHigh === null ? undefined : `${f.ciLow.toFixed(1)}% to ${f.ciHigh.toFixed(1)}%`,
    met: count(f.met),
    notMet: count(f.notMet),
    suppressed: f.suppressed,
  })
  const anySuppressed = [...r.rows, r.total].some(
    (g) => g.releases === null || MEASURES.some((m) => g.figures[m.key].suppressed),
  )
  return {
    pageTitle: 'Pre-release measures',
    by: r.by,
    from: r.from,
    to: r.to,
    groupings: (['prison', 'pdu', 'region'] as const).map((b) => ({
      key: b,
      text: { prison: 'By prison', pdu: 'By PDU', region: 'By region' }[b],
      href: `/release-planning/measures?by=${b}&from=${r.from}&to=${r.to}`,
      current: b === r.by,
    })),
    measures: MEASURES,
    rows: r.rows.map((g) => ({
      code: g.code,
      name: g.name,
      releases: count(g.releases),
      cells: MEASURES.map((m) => ({
        ...figure(g.figures[m.key]),
        href: drill(g.code, m.key, 'yes'),
        notHref: drill(g.code, m.key, 'no'),
      })),
    })),
    total: { releases: count(r.total.releases), cells: MEASURES.map((m) => figure(r.total.figures[m.key])) },
    footnote: anySuppressed ? r.policy.footnote : undefined,
  }
}

export function drillDownView(r: Awaited<ReturnType<Svc['drillDown']>>) {
  const m = MEASURES.find((x) => x.key === r.measure)
  return {
    pageTitle: `${m?.label ?? r.measure}: ${r.met === 'yes' ? 'met' : 'not met'}`,
    backLink: `/release-planning/measures?by=${r.by}&from=${r.from}&to=${r.to}`,
    code: r.code,
    from: r.from,
    to: r.to,
    rows: r.rows.map((row) => ({ ...row, href: `/people/${row.person_id}/release-planning` })),
  }
}
