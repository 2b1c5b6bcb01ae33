/**
 * The over-capacity heat map: areas down, months across, each cell coloured by forecast demand
 * as a per cent of capacity, with a dark outline where it goes over. The table beside it names
 * the areas and months.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { AreaLoad } from './rules.ts'

export async function heatMap(rows: AreaLoad[], label: string): Promise<string> {
  const values = rows.flatMap((r) =>
    r.months
      .filter((m) => m.utilisation !== null)
      .map((m) => ({
        area: r.name,
        month: m.month.slice(0, 7),
        pct: Math.round(m.utilisation ?? 0),
        over: (m.utilisation ?? 0) > 100,
      })),
  )
  const spec = {
    width: 620,
    height: Math.max(40, new Set(values.map((v) => v.area)).size * 14),
    config: {
      axis: { labelFontSize: 10, labelFont: 'Arial, sans-serif', titleFont: 'Arial, sans-serif' },
      view: { stroke: null },
    },
    data: { values },
    mark: { type: 'rect', aria: false },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: null, axis: { labelAngle: -90 } },
      y: { field: 'area', type: 'nominal', title: null, sort: null },
      color: {
        field: 'pct',
        type: 'quantitative',
        title: '% of capacity',
        scale: { domain: [50, 100, 150], range: ['#f3f2f1', '#ffdd00', '#d4351c'], clamp: true },
      },
      stroke: { condition: { test: 'datum.over', value: '#0b0c0c' }, value: null },
    },
  } as unknown as TopLevelSpec
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  const svg = await view.toSVG()
  view.finalize()
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${label.replaceAll('"', '&quot;')}" focusable="false" `,
  )
}
