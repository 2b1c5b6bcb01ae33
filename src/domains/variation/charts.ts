/**
 * Server-rendered SVG charts of the variation pages: no script, each beside a table of the same
 * numbers, so the chart carries a short label for screen readers and the table the detail.
 * Withheld figures are not drawn (the table shows them as [c]).
 */
const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
const BLUE = '#1d70b8'
const RED = '#d4351c'
const GREY = '#505a5f'

export interface DotRow {
  label: string
  rate: number | null
  low: number | null
  high: number | null
  significant: boolean
}

/** Groups ordered by rate, each a dot with its 95% interval, and the overall rate as a line. */
export function dotIntervalChart(rows: readonly DotRow[], overall: number | null, label: string): string {
  const shown = rows
    .filter((r) => r.rate !== null && r.low !== null && r.high !== null)
    .sort((a, b) => b.rate! - a.rate!)
  const left = 220
  const width = 640
  const plot = width - left - 20
  const rowH = 22
  const height = 40 + shown.length * rowH
  const max = Math.min(100, Math.ceil(Math.max(10, ...shown.map((r) => r.high!), overall ?? 0) / 10) * 10)
  const x = (v: number) => left + (v / max) * plot
  const parts: string[] = []
  for (let t = 0; t <= max; t += max <= 20 ? 2 : 10) {
    parts.push(`<line x1="${x(t)}" y1="20" x2="${x(t)}" y2="${height - 14}" stroke="#e0e0e0"/>`)
    parts.push(`<text x="${x(t)}" y="${height - 2}" font-size="11" text-anchor="middle">${t}%</text>`)
  }
  if (overall !== null)
    parts.push(
      `<line x1="${x(overall)}" y1="16" x2="${x(overall)}" y2="${height - 14}" stroke="${GREY}" stroke-dasharray="4 3"/>`,
    )
  shown.forEach((r, i) => {
    const y = 30 + i * rowH
    const colour = r.significant ? RED : BLUE
    parts.push(
      `<text x="${left - 8}" y="${y + 4}" font-size="12" text-anchor="end">${esc(r.label.slice(0, 34))}</text>`,
    )
    parts.push(
      `<line x1="${x(r.low!)}" y1="${y}" x2="${x(r.high!)}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
    )
    parts.push(`<circle cx="${x(r.rate!)}" cy="${y}" r="4.5" fill="${colour}"/>`)
  })
  return `<svg role="img" aria-label="${esc(label)}" focusable="false" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif">${parts.join('')}</svg>`
}

export interface FunnelDot {
  label: string
  rate: number
  denominator: number
  outlier: boolean
  /** Beyond the 99.8% limits but not an outlier after the correction: drawn hollow. */
  beyond?: boolean
}

/**
 * Rate against denominator, with the 95% (dashed) and 99.8% (solid) limits; outliers red and
 * named, points beyond 99.8% that the correction does not name as hollow red rings.
 */
export function funnelChart(
  dots: readonly FunnelDot[],
  curve: readonly { n: number; lower95: number; upper95: number; lower998: number; upper998: number }[],
  national: number,
  label: string,
): string {
  const width = 640
  const height = 360
  const left = 50
  const bottom = 40
  const maxN = Math.max(10, ...dots.map((d) => d.denominator), ...curve.map((c) => c.n))
  const rates = [...dots.map((d) => d.rate), ...curve.map((c) => c.lower998), ...curve.map((c) => c.upper998)]
  const lo = Math.max(
    0,
    Math.floor(Math.min(national, ...dots.map((d) => d.rate), ...curve.slice(4).map((c) => c.lower998)) / 5) *
      5,
  )
  const hi = Math.min(
    100,
    Math.ceil(Math.max(national, ...dots.map((d) => d.rate), ...curve.slice(4).map((c) => c.upper998)) / 5) *
      5,
  )
  void rates
  const right = width - 130
  const x = (n: number) => left + (n / maxN) * (right - left)
  const y = (r: number) =>
    20 + (1 - (Math.min(hi, Math.max(lo, r)) - lo) / Math.max(1, hi - lo)) * (height - bottom - 20)
  const path = (k: 'lower95' | 'upper95' | 'lower998' | 'upper998') =>
    curve.map((c, i) => `${i ? 'L' : 'M'}${x(c.n).toFixed(1)},${y(c[k]).toFixed(1)}`).join('')
  const parts: string[] = []
  for (let t = lo; t <= hi; t += hi - lo > 40 ? 10 : 5)
    parts.push(
      `<line x1="${left}" y1="${y(t)}" x2="${right}" y2="${y(t)}" stroke="#eee"/><text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}%</text>`,
    )
  parts.push(
    `<text x="${(width + left) / 2}" y="${height - 6}" font-size="12" text-anchor="middle">Releases with a known status</text>`,
  )
  parts.push(
    `<text x="${left}" y="${height - bottom + 16}" font-size="11">0</text><text x="${right}" y="${height - bottom + 16}" font-size="11" text-anchor="end">${maxN}</text>`,
  )
  parts.push(`<line x1="${left}" y1="${y(national)}" x2="${right}" y2="${y(national)}" stroke="${GREY}"/>`)
  for (const k of ['lower95', 'upper95'] as const)
    parts.push(`<path d="${path(k)}" fill="none" stroke="${GREY}" stroke-dasharray="5 4"/>`)
  for (const k of ['lower998', 'upper998'] as const)
    parts.push(`<path d="${path(k)}" fill="none" stroke="#0b0c0c"/>`)
  for (const d of dots)
    parts.push(
      d.beyond && !d.outlier
        ? `<circle cx="${x(d.denominator).toFixed(1)}" cy="${y(d.rate).toFixed(1)}" r="5" fill="white" stroke="${RED}" stroke-width="2"/>`
        : `<circle cx="${x(d.denominator).toFixed(1)}" cy="${y(d.rate).toFixed(1)}" r="${d.outlier ? 6 : 4}" fill="${d.outlier ? RED : BLUE}" fill-opacity="0.85"/>`,
    )
  for (const d of dots.filter((d) => d.outlier))
    parts.push(
      `<text x="${x(d.denominator) + 8}" y="${y(d.rate) - 6}" font-size="11">${esc(d.label.slice(0, 30))}</text>`,
    )
  return `<svg role="img" aria-label="${esc(label)}" focusable="false" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, sans-serif">${parts.join('')}</svg>`
}
