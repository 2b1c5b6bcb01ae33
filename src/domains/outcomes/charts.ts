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
  const values = points.filter((p) => p.rate !== null).map((p, i) => ({ ...p, order: i }))
  const spec = {
    width: 560,
    height: 220,
    config: { axis: FONT, view: { stroke: null } },
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: true, color: '#1d70b8' },
        encoding: {
          x: {
            field: 'label',
            type: 'ordinal',
            sort: { field: 'order' },
            title: null,
            axis: { labelAngle: -45 },
          },
          y: { field: 'rate', type: 'quantitative', title: 'Per cent', scale: { domain: [0, 100] } },
        },
      },
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
