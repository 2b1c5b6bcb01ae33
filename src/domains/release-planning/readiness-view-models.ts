import type { MeasureKey } from './readiness-repository.ts'
import type { ReleasePlanningService } from './service.ts'
import { WORKLIST_FLAGS, type WorklistFlag } from './vocabulary.ts'
import { listPage, type Sorting, type Table } from '../../platform/table/index.ts'
import type { ShownWorklistRow } from './readiness-table.ts'

// The release-readiness worklist, the pre-release measures and their drill-down: one view
// model per page, rows in, exactly what the template needs out.

type Svc = ReleasePlanningService

/**
 * The worklist page: listPage (platform/table) makes the sortable headers, the pages and the
 * download links from the page's address, which holds the window, the flag, the filter and the
 * order, so the page and its CSV and XLSX hold the same list.
 */
export function worklistView(
  r: Awaited<ReturnType<Svc['worklist']>>,
  table: Table<ShownWorklistRow>,
  query: { weeks: number; flag?: WorklistFlag | undefined; q?: string | undefined; page: number } & {
    sorting: Sorting
  },
  council: boolean,
) {
  const baseUrl = '/release-planning/worklist'
  const list = listPage(
    { ...table, rows: r.rows },
    { page: r.page, q: query.q, sort: query.sorting.key, order: query.sorting.order },
    {
      baseUrl,
      pageSize: r.pageSize,
      defaultSort: query.sorting,
      keep: { weeks: String(query.weeks), flag: query.flag },
      paged: { total: r.total },
    },
  )
  const link = (changes: { weeks?: number; flag?: WorklistFlag | undefined }) => {
    const m = { weeks: query.weeks, flag: query.flag, ...changes }
    const params = {
      weeks: String(m.weeks),
      flag: m.flag,
      q: query.q,
      sort: query.sorting.key,
      order: query.sorting.order,
    }
    return `${baseUrl}?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`
  }
  return {
    pageTitle: 'Release readiness',
    council,
    from: r.from,
    to: r.to,
    list,
    table: { ...list.table, captionClasses: 'govuk-visually-hidden', attributes: { 'data-worklist': '' } },
    pages: r.pages,
    weeks: query.weeks,
    q: query.q,
    flag: query.flag,
    flagLabel: query.flag ? WORKLIST_FLAGS[query.flag] : undefined,
    // The form keeps the window, flag and order; a new filter starts at the first page.
    hidden: {
      weeks: String(query.weeks),
      flag: query.flag,
      sort: query.sorting.key,
      order: query.sorting.order,
    },
    tabs: [12, 24].map((w) => ({ weeks: w, href: link({ weeks: w }), current: w === query.weeks })),
    filters: (Object.keys(WORKLIST_FLAGS) as WorklistFlag[]).map((k) => ({
      key: k,
      label: WORKLIST_FLAGS[k],
      href: link({ flag: k }),
      current: k === query.flag,
    })),
    allHref: link({ flag: undefined }),
  }
}

/** What a download holds: every release the filter keeps, and a note when there were too many. */
export function downloadTable(
  table: Table<ShownWorklistRow>,
  r: Awaited<ReturnType<Svc['worklist']>>,
): Table<ShownWorklistRow> {
  return r.truncated
    ? {
        ...table,
        notes: [
          `The first ${r.rows.length.toLocaleString('en-GB')} of ${r.total.toLocaleString('en-GB')} releases; filter the list for the rest.`,
        ],
      }
    : table
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
