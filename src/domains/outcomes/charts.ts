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

/** A rate over time, with the target as a dashed line when there is one. */
export function trendChart(points: Point[], target: number | null, label: string): Promise<string> {
  const values = segments(points)
  const x = {
    field: 'label',
    type: 'ordinal',
    sort: { field: 'order' },
    title: null,
    axis: { labelAngle: -45 },
    scale: { domain: points.map((p) => p.label) },
  }
  const y = { field: 'rate', type: 'quantitative', title: 'Per cent', scale: { domain: [0, 100] } }
  const line = (kind: string, dash: number[]) => ({
    data: { values: values.filter((v) => v.kind === kind) },
    mark: { type: 'line', color: '#1d70b8', strokeDash: dash, aria: false },
    encoding: { x, y, detail: { field: 'segment', type: 'nominal' } },
  })
  const dots = (kind: string, filled: boolean) => ({
    data: { values: values.filter((v) => v.kind === kind) },
    mark: { type: 'point', filled, color: '#1d70b8', size: 40, opacity: 1, aria: false },
    encoding: { x, y },
  })
  const spec = {
    width: 560,
    height: 220,
    config: { axis: FONT, view: { stroke: null } },
    layer: [
      line('Final', []),
      line('Provisional', [4, 3]),
      dots('Final', true),
      dots('Provisional', false),
      ...(target === null
        ? []
        : [
            {
              data: { values: [{ target }] },
              mark: { type: 'rule', color: '#d4351c', strokeDash: [6, 4] },
              encoding: { y: { field: 'target', type: 'quantitative' } },
            },
          ]),
    ],
  } as unknown as TopLevelSpec
  return render(spec, label)
}

/** One bar per group (region, PDU or prison). */
export function barChart(bars: Point[], label: string): Promise<string> {
  const spec = {
    width: 560,
    height: Math.max(60, bars.length * 22),
    config: { axis: FONT, view: { stroke: null } },
    data: { values: bars.filter((b) => b.rate !== null) },
    mark: { type: 'bar', color: '#1d70b8' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null },
      x: { field: 'rate', type: 'quantitative', title: 'Per cent', scale: { domain: [0, 100] } },
    },
  } as unknown as TopLevelSpec
  return render(spec, label)
}
