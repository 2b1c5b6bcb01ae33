import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { formatDate, formatDateTime } from '../calendar/index.ts'

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

// GOV.UK dates come from the one calendar; re-exported for the domains that format a date in a
// message outside a template.
export { formatDate, formatDateTime }
