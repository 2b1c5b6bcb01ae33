import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

// Issue 11 item 3: the outcome, variation and evaluation routes declare their params, query and
// body through the type provider. A malformed id or code in the path names nothing (404); a
// malformed field is a 400 with the GOV.UK error summary, never a 500.
const t = await testApp()
const analyst = new Agent(t.app)
await analyst.signIn((await buildUser(t.db, 'national_analyst')).email)

const DRILL = '/outcomes/regions/N07/measures/housed_first_night/releases?period=2026-07-01'
const UUID = '00000000-0000-4000-8000-000000000000'

describe('outcome routes validate through the type provider', () => {
  for (const url of [
    '/outcomes/regions/n07',
    '/outcomes/regions/N07%20OR%201',
    '/outcomes/regions/N07/measures/Housed-First/releases?period=2026-07-01',
    '/outcomes/publications/2026-02-01/revisions/housed_first_night/N07',
    '/evaluations/not-an-id',
    '/evaluations/not-an-id/status',
    '/people/not-an-id/outcome-records',
  ])
    it(`answers 404 for a malformed path: ${url}`, async () => {
      expect((await analyst.get(url)).statusCode).toBe(404)
    })

  for (const url of [
    `${DRILL}&pdu=${'N'.repeat(40)}`,
    `${DRILL}&prison=l%3Cb%3E`,
    '/outcomes?download=..%2F..%2Fetc&format=csv',
    `/outcomes/checkpoints/record?person=${UUID}&episode=${UUID}&checkpoint=accommodation_first_night&date=2026-02-30`,
    `/outcomes/variation/releases?measure=housed_first_night&by=sex&group=${'x'.repeat(101)}`,
    '/outcomes/variation/funnel?measure=housed_first_night&level=county',
    '/outcomes/variation/extract?measure=housed_first_night&k=1',
  ])
    it(`answers 400 with the error summary for a malformed field: ${url.slice(0, 80)}`, async () => {
      const res = await analyst.get(url)
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('govuk-error-summary')
    })
})
