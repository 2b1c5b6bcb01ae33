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

/** How many COMs hold each band of weighted workload: bars, the norm's top and the alert level marked. */
export async function distributionChart(
  bands: { band: string; from: number; coms: number }[],
  marks: { normHigh: number; alert: number },
  label: string,
): Promise<string> {
  const spec = {
    width: 560,
    height: 220,
    config: {
      axis: {
        labelFontSize: 12,
        labelFont: 'Arial, sans-serif',
        titleFont: 'Arial, sans-serif',
        titleFontSize: 12,
      },
      view: { stroke: null },
    },
    layer: [
      {
        data: { values: bands.map((b) => ({ ...b, to: b.from + 10 })) },
        mark: { type: 'bar', aria: false, color: '#1d70b8' },
        encoding: {
          x: {
            field: 'from',
            type: 'quantitative',
            bin: { binned: true, step: 10 },
            title: 'Weighted workload',
          },
          x2: { field: 'to' },
          y: { field: 'coms', type: 'quantitative', title: 'COMs', axis: { tickMinStep: 1 } },
        },
      },
      {
        data: { values: [{ at: marks.normHigh }, { at: marks.alert }] },
        mark: { type: 'rule', aria: false, color: '#d4351c', strokeDash: [4, 3] },
        encoding: { x: { field: 'at', type: 'quantitative' } },
      },
    ],
  } as unknown as TopLevelSpec
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' })
  const svg = await view.toSVG()
  view.finalize()
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${label.replaceAll('"', '&quot;')}" focusable="false" `,
  )
}
