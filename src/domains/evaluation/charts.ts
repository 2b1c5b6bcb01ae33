/**
 * Server-rendered SVG charts for the report, each shown beside a table of the same numbers
 * (STYLE.md 16). Text in the SVG is escaped; no script.
 */
import type { Published } from './disclosure.ts'

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/**
 * The Love plot: the absolute standardised mean difference of each covariate before (open circle)
 * and after matching (filled), against the 10% line.
 */
export function lovePlot(balance: Published['balance']): string {
  const rows = balance.filter((b) => Number.isFinite(b.smdBefore) && Number.isFinite(b.smdAfter))
  const left = 260
  const width = 640
  const rowH = 16
  const top = 24
  const height = top + rows.length * rowH + 30
  const max = Math.max(0.25, ...rows.flatMap((b) => [Math.abs(b.smdBefore), Math.abs(b.smdAfter)]))
  const x = (v: number) => left + (Math.abs(v) / max) * (width - left - 20)
  const ticks = [0, 0.1, 0.2, 0.5, 1, 2].filter((t) => t <= max)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="love-title"><title id="love-title">Absolute standardised mean difference of each characteristic, before and after matching</title>`,
    `<text x="${left}" y="14" font-size="12" fill="#0b0c0c">○ before matching   ● after matching   | 10% threshold</text>`,
  ]
  for (const t of ticks)
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${height - 24}" stroke="${t === 0.1 ? '#d4351c' : '#b1b4b6'}" stroke-width="${t === 0.1 ? 2 : 1}"/>`,
      `<text x="${x(t)}" y="${height - 8}" font-size="11" text-anchor="middle" fill="#0b0c0c">${Math.round(t * 100)}%</text>`,
    )
  rows.forEach((b, i) => {
    const y = top + i * rowH + rowH / 2
    parts.push(
      `<text x="${left - 8}" y="${y + 4}" font-size="11" text-anchor="end" fill="#0b0c0c">${esc(b.label.slice(0, 42))}</text>`,
      `<line x1="${x(b.smdBefore)}" x2="${x(b.smdAfter)}" y1="${y}" y2="${y}" stroke="#b1b4b6"/>`,
      `<circle cx="${x(b.smdBefore)}" cy="${y}" r="4" fill="#ffffff" stroke="#0b0c0c" stroke-width="1.5"/>`,
      `<circle cx="${x(b.smdAfter)}" cy="${y}" r="4" fill="${b.flagged ? '#d4351c' : '#1d70b8'}"/>`,
    )
  })
  parts.push('</svg>')
  return parts.join('')
}

/**
 * Propensity score distributions: the share of each group in each band of the score, the people
 * who received the service above the axis and the comparison group below it. Withheld counts are
 * drawn as nothing.
 */
export function propensityChart(
  edges: number[],
  series: { treated: (number | null)[]; comparison: (number | null)[] },
  title: string,
  id: string,
): string {
  const width = 640
  const height = 220
  const mid = height / 2
  const bins = series.treated.length
  const barW = (width - 60) / Math.max(bins, 1)
  const share = (values: (number | null)[]) => {
    const total = values.reduce<number>((s, v) => s + (v ?? 0), 0)
    return values.map((v) => (total > 0 ? (v ?? 0) / total : 0))
  }
  const t = share(series.treated)
  const c = share(series.comparison)
  const max = Math.max(0.05, ...t, ...c)
  const h = (v: number) => (v / max) * (mid - 24)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title"><title id="${id}-title">${esc(title)}</title>`,
    `<line x1="40" x2="${width - 20}" y1="${mid}" y2="${mid}" stroke="#0b0c0c"/>`,
    `<text x="44" y="14" font-size="11" fill="#1d70b8">Received the service (above)</text>`,
    `<text x="44" y="${height - 4}" font-size="11" fill="#505a5f">Comparison (below)</text>`,
  ]
  for (let b = 0; b < bins; b++) {
    const x = 40 + b * barW
    parts.push(
      `<rect x="${x + 1}" y="${mid - h(t[b]!)}" width="${barW - 2}" height="${h(t[b]!)}" fill="#1d70b8"/>`,
      `<rect x="${x + 1}" y="${mid}" width="${barW - 2}" height="${h(c[b]!)}" fill="#505a5f"/>`,
    )
  }
  const label = (v: number | undefined) =>
    v === undefined ? '' : v < 0.01 ? v.toExponential(1) : v.toFixed(2)
  parts.push(
    `<text x="40" y="${mid + 14}" font-size="10" fill="#0b0c0c">${label(edges[0])}</text>`,
    `<text x="${width - 20}" y="${mid + 14}" font-size="10" text-anchor="end" fill="#0b0c0c">${label(edges[edges.length - 1])}</text>`,
    '</svg>',
  )
  return parts.join('')
}
