/**
 * Charts as SVG rendered on the server with Vega-Lite (STYLE.md 16): no script in the page, and
 * each chart sits beside a table of the same numbers, so the chart itself is decorative to a
 * screen reader and carries a short label.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

export interface Point {
  label: string
  rate: number | null
  /** The group's current target in per cent, drawn as a tick on a bar chart; null when none. */
  target?: number | null
  /** The follow-up is not complete: drawn hollow, on a dashed line (issue 13). */
  provisional?: boolean
}

/**
 * The points with a line segment number each: a period with no rate starts a new segment, so a
 * line never joins across a gap, and provisional points are their own dashed segments.
 */
export function segments(points: Point[]) {
  let segment = 0
  let previous: Point | undefined
  const out: (Point & { order: number; segment: number; kind: string })[] = []
  points.forEach((p, order) => {
    if (p.rate === null) {
      segment++
      previous = undefined
      return
    }
    if (previous && Boolean(previous.provisional) !== Boolean(p.provisional)) segment++
    previous = p
    out.push({ ...p, order, segment, kind: p.provisional ? 'Provisional' : 'Final' })
  })
  return out
}

async function render(spec: TopLevelSpec, label: string): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  const svg = await view.toSVG()
  view.finalize()
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${label.replaceAll('"', '&quot;')}" focusable="false" `,
  )
}

const FONT = { font: 'Arial, sans-serif', labelFontSize: 12, titleFontSize: 12 }

/**
 * The legend of a chart, as a colour scale over the series' names: each series is drawn in its
 * colour and named in a legend above the chart (issue 12, defect 11: a reader could not tell the
 * target from a figure).
 */
const series = (names: string[], colours: string[], title: string | null = null) => ({
  field: 'series',
  type: 'nominal',
  title,
  scale: { domain: names, range: colours },
  legend: { orient: 'top', direction: 'horizontal', labelFontSize: 12, symbolStrokeWidth: 2 },
})

const BLUE = '#1d70b8'
const RED = '#d4351c'
const BLACK = '#0b0c0c'

/** A rate over time, with the target as a dashed line when there is one, and a legend. */
export function trendChart(points: Point[], target: number | null, label: string): Promise<string> {
  const values = segments(points).map((v) => ({ ...v, series: v.kind }))
  const names = ['Final', 'Provisional', ...(target === null ? [] : ['Target'])]
  const colour = series(names, [BLUE, BLUE, RED])
  const x = {
    field: 'label',
    type: 'ordinal',
    sort: { field: 'order' },
    title: null,
    // Every period is labelled: a monthly axis must not drop a month to save room.
    axis: { labelAngle: -45, labelOverlap: false },
    scale: { domain: points.map((p) => p.label) },
  }
  const y = { field: 'rate', type: 'quantitative', title: 'Per cent', scale: { domain: [0, 100] } }
  const line = (kind: string, dash: number[]) => ({
    data: { values: values.filter((v) => v.kind === kind) },
    mark: { type: 'line', strokeDash: dash, aria: false },
    encoding: { x, y, color: colour, detail: { field: 'segment', type: 'nominal' } },
  })
  const dots = (kind: string, filled: boolean) => ({
    data: { values: values.filter((v) => v.kind === kind) },
    mark: { type: 'point', filled, size: 40, opacity: 1, aria: false },
    encoding: { x, y, color: colour, shape: { value: 'circle' } },
  })
  const spec = {
    width: Math.max(560, points.length * 18),
    height: 220,
    config: { axis: FONT, legend: { labelFont: FONT.font }, view: { stroke: null } },
    layer: [
      line('Final', []),
      line('Provisional', [4, 3]),
      dots('Final', true),
      dots('Provisional', false),
      ...(target === null
        ? []
        : [
            {
              data: { values: [{ target, series: 'Target' }] },
              mark: { type: 'rule', strokeDash: [6, 4] },
              encoding: { y: { field: 'target', type: 'quantitative' }, color: colour },
            },
          ]),
    ],
  } as unknown as TopLevelSpec
  return render(spec, label)
}

/**
 * One bar per group (region, PDU or prison), names in full, each group's target as a black tick
 * across its bar, and a legend naming the bar and the tick.
 */
export function barChart(bars: Point[], label: string): Promise<string> {
  const shown = bars.filter((b) => b.rate !== null)
  const targets = bars.filter((b) => b.target !== null && b.target !== undefined)
  const colour = series(['Rate', ...(targets.length ? ['Target'] : [])], [BLUE, BLACK])
  const y = {
    field: 'label',
    type: 'nominal',
    sort: null,
    title: null,
    // No truncation: a region's name is the reader's way into the chart.
    axis: { labelLimit: 0 },
    scale: { domain: bars.map((b) => b.label) },
  }
  const spec = {
    width: 480,
    height: Math.max(60, bars.length * 22),
    config: { axis: FONT, view: { stroke: null } },
    layer: [
      {
        data: { values: shown.map((b) => ({ label: b.label, rate: b.rate, series: 'Rate' })) },
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'rate', type: 'quantitative', title: 'Per cent', scale: { domain: [0, 100] } },
          color: colour,
        },
      },
      ...(targets.length
        ? [
            {
              data: { values: targets.map((b) => ({ label: b.label, rate: b.target, series: 'Target' })) },
              mark: { type: 'tick', thickness: 3 },
              encoding: { y, x: { field: 'rate', type: 'quantitative' }, color: colour },
            },
          ]
        : []),
    ],
  } as unknown as TopLevelSpec
  return render(spec, label)
}
