/**
 * Forecast charts as server-rendered SVG (STYLE.md 16): the baseline with its 95% band, a
 * scenario beside it, and the backtest's forecast against what happened. Each sits beside a
 * table of the same numbers, so the SVG is labelled as one image.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

async function render(spec: unknown, label: string): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as TopLevelSpec).spec), { renderer: 'none' })
  const svg = await view.toSVG()
  view.finalize()
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${label.replaceAll('"', '&quot;')}" focusable="false" `,
  )
}

const CONFIG = {
  axis: {
    labelFont: 'Arial, sans-serif',
    titleFont: 'Arial, sans-serif',
    labelFontSize: 12,
    titleFontSize: 12,
  },
  legend: {
    labelFont: 'Arial, sans-serif',
    titleFont: 'Arial, sans-serif',
    labelFontSize: 12,
    orient: 'bottom',
  },
  view: { stroke: null },
}

export interface LinePoint {
  month: string
  line: string
  value: number
  low?: number
  high?: number
}

/** Lines by month (baseline, scenario, or forecast and actual), the first line's band shaded. */
export function forecastChart(points: LinePoint[], yTitle: string, label: string): Promise<string> {
  const first = points[0]?.line
  const banded = points.filter((p) => p.line === first && p.low !== undefined)
  const x = { field: 'month', type: 'temporal', title: null, axis: { format: '%b %Y', labelAngle: -45 } }
  const spec = {
    width: 600,
    height: 260,
    config: CONFIG,
    layer: [
      // The band only where there is one: an empty layer leaves an unlabelled mark group behind.
      ...(banded.length === 0
        ? []
        : [
            {
              data: { values: banded },
              mark: { type: 'area', color: '#1d70b8', opacity: 0.18 },
              encoding: {
                x,
                y: { field: 'low', type: 'quantitative', title: yTitle },
                y2: { field: 'high' },
              },
            },
          ]),
      {
        data: { values: points },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', title: yTitle },
          color: {
            field: 'line',
            type: 'nominal',
            title: null,
            scale: { range: ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#f47738'] },
          },
          strokeDash: {
            field: 'line',
            type: 'nominal',
            legend: null,
            scale: {
              range: [
                [1, 0],
                [6, 3],
                [2, 2],
                [8, 2, 2, 2],
              ],
            },
          },
        },
      },
    ],
  }
  return render(spec, label)
}
