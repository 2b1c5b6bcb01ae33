/**
 * The area filter as the dashboards show it: the form's choices, the words that say which
 * releases are counted, and the query that carries the filter into every link and download.
 */
import { filterDescription, isFiltered, type AreaFilter, type FilterChoices } from './dashboard-filter.ts'

export interface AreaView {
  /** What the page says is applied; null when the page is not narrowed. */
  applied: { text: string } | null
  /** Added to table captions and chart titles: ", releases supervised by … (PDU)". */
  caption: string
  /** Added to the page title. */
  title: string
  /** Added to download file names. */
  fileSuffix: string
  /** The filter as query parameters, for links and downloads. */
  params: Record<string, string>
  form: {
    show: boolean
    pduGroups: { label: string; options: { value: string; text: string; selected: boolean }[] }[]
    prisons: { value: string; text: string; selected: boolean }[]
  }
}

export function areaView(
  choices: FilterChoices,
  filter: AreaFilter,
  regions: readonly { code: string; name: string }[],
): AreaView {
  const names = new Map([...choices.pdus, ...choices.prisons].map((a) => [a.code, a.name]))
  const text = filterDescription(filter, names)
  const params: Record<string, string> = {}
  if (filter.pdu) params.pdu = filter.pdu
  if (filter.prison) params.prison = filter.prison
  const short = [
    filter.pdu && `${names.get(filter.pdu) ?? filter.pdu} PDU`,
    filter.prison && names.get(filter.prison),
  ]
    .filter(Boolean)
    .join(', ')
  const pduGroups = regions
    .map((r) => ({
      label: r.name,
      options: choices.pdus
        .filter((p) => p.regionCode === r.code)
        .map((p) => ({ value: p.code, text: p.name, selected: p.code === filter.pdu })),
    }))
    .filter((g) => g.options.length)
  return {
    applied: isFiltered(filter) ? { text } : null,
    caption: text ? `, ${text[0]?.toLowerCase()}${text.slice(1)}` : '',
    title: short ? `, ${short}` : '',
    fileSuffix: Object.entries(params)
      .map(([k, v]) => `-${k}-${v.toLowerCase()}`)
      .join(''),
    params,
    form: {
      show: choices.pdus.length + choices.prisons.length > 0,
      pduGroups,
      prisons: choices.prisons.map((p) => ({
        value: p.code,
        text: p.name,
        selected: p.code === filter.prison,
      })),
    },
  }
}

/** The query of `url` (the filter and measure), for a redirect to the same view elsewhere. */
export function filterQuery(url: string): string {
  const at = url.indexOf('?')
  return at < 0 ? '' : url.slice(at)
}
