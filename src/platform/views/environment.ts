import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * One Nunjucks environment. Domain templates are named from `src/domains`, e.g.
 * 'people/views/person.njk', so a template's name says which domain owns it.
 */
export function createViewEnvironment(options: { watch?: boolean } = {}) {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        here('./'),
        here('../../domains/'),
        fileURLToPath(import.meta.resolve('govuk-frontend/package.json')).replace(/package\.json$/, 'dist/'),
        fileURLToPath(import.meta.resolve('@ministryofjustice/frontend/package.json')).replace(
          /package\.json$/,
          '',
        ),
      ],
      { watch: options.watch ?? false, noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false },
  )
  // Radios and checkboxes keep the user's choice on a re-rendered form (platform/http/form-page.ts).
  env.addFilter('checkedItems', (items: { value: string }[], chosen: unknown) =>
    items.map((i) => ({
      ...i,
      checked: Array.isArray(chosen) ? chosen.includes(i.value) : i.value === chosen,
    })),
  )
  env.addFilter('date', formatDate)
  env.addFilter('dateTime', formatDateTime)
  env.addFilter('number', (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-GB') : n))
  env.addFilter('pct', (n: unknown, dp = 1) => (typeof n === 'number' ? `${n.toFixed(Number(dp))}%` : '–'))
  return env
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** GOV.UK style: '12 December 2026'; with 'day', 'Saturday 12 December 2026'. */
export function formatDate(value: unknown, style?: string): string {
  if (!value) return ''
  const iso =
    value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  const [, y, mo, d] = m
  const text = `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}`
  if (style !== 'day') return text
  return `${DAYS[new Date(`${y}-${mo}-${d}T00:00:00Z`).getUTCDay()]} ${text}`
}

export function formatDateTime(value: unknown): string {
  if (!value) return ''
  const d =
    value instanceof Date
      ? value
      : new Date(typeof value === 'string' || typeof value === 'number' ? value : Number.NaN)
  if (Number.isNaN(d.getTime())) return ''
  const time = d.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  })
  const date = d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
  return `${formatDate(date)} at ${time}`
}
