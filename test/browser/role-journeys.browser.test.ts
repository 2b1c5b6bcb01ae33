import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { TODAY } from '../support/app.ts'
import { browserApp, checkPage, navigation } from '../support/browser.ts'
import { generateDemoData } from '../../src/demo/generator.ts'

// Issue 12, done-when: each role's main journey from sign-in through its pages, with axe on
// every page, on the demo data `npm start` makes (a smaller cohort of it, same generator).
const t = await browserApp()
const PASSWORD = 'resettle-demo-2026'

beforeAll(async () => {
  await generateDemoData(t.db, { people: 600, seed: 20231212, password: PASSWORD, today: TODAY })
}, 240_000)

async function signIn(local: string): Promise<Page> {
  const page = await t.newPage()
  await page.goto('/sign-in')
  await page.getByLabel('Email address').fill(`${local}@demo.resettle.test`)
  await page.getByLabel('Password').fill(PASSWORD)
  await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click())
  await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor()
  await checkPage(page, `${local}-home`)
  return page
}

/** Follows a link in the page's main content and checks the page it lands on. */
async function follow(page: Page, selector: string, name: string): Promise<void> {
  const link = page.locator(`main ${selector}`).first()
  await navigation(page, () => link.click())
  expect(await page.locator('h1').count()).toBe(1)
  await checkPage(page, name)
}

/** The work queue's counts on the home page, by label. */
async function queue(page: Page): Promise<Record<string, number>> {
  const items = await page
    .locator('[data-work-queue] a')
    .evaluateAll((as): [string, number][] =>
      as.map((a) => [
        a.querySelector('.app-work-queue__label')?.textContent ?? '',
        Number((a.querySelector('.app-work-queue__count')?.textContent ?? '').replace(/,/g, '')),
      ]),
    )
  return Object.fromEntries(items)
}

describe('each role’s day, on the demo data', () => {
  it('prison resettlement worker: upcoming releases, a person, their plan', async () => {
    const page = await signIn('resettlement')
    expect((await queue(page))['Releases in the next 12 weeks']).toBeGreaterThan(0)
    await follow(page, 'a[href="/releases/upcoming?weeks=12"]', 'releases')
    await follow(page, 'a[href^="/people/"]', 'person')
    await follow(page, 'a[href$="/release-planning"]', 'planning')
    await follow(page, 'a[href$="/release-planning/plan"]', 'plan')
  })

  it('COM: upcoming releases, a person, and Refer for CAS3 with the CRN filled in', async () => {
    const page = await signIn('com')
    await follow(page, 'a[href="/releases/upcoming?weeks=12"]', 'releases')
    await follow(page, 'a[href^="/people/"]', 'person')
    await follow(page, 'a[href^="/cas3/referrals/new?person="]', 'cas3-refer')
    expect(await page.getByLabel('Person’s CRN or prison number').inputValue()).toMatch(
      /^([A-Z]\d{6}|[A-Z]\d{4}[A-Z]{2})$/,
    )
  })

  it('provider caseworker: the work queue, the referrals, then one referral', async () => {
    const page = await signIn('provider')
    expect(Object.keys(await queue(page))).toContain('Referrals to accept')
    // The demo's referrals have mostly run their course by today: open the first tab that has any.
    let found = false
    for (const tab of ['open', 'completed', 'cancelled']) {
      await page.goto(`/provider/referrals?tab=${tab}`)
      await checkPage(page, `referrals-${tab}`)
      if ((await page.locator('main a[href^="/referrals/"]').count()) > 0) {
        await follow(page, 'a[href^="/referrals/"]', 'referral')
        found = true
        break
      }
    }
    expect(found).toBe(true)
  })

  it('CAS3 officer: referrals, bookings and the dashboard', async () => {
    const page = await signIn('cas3')
    await follow(page, 'a[href="/cas3/referrals?status=unallocated"]', 'cas3-referrals')
    await page.goto('/cas3/bookings')
    await checkPage(page, 'cas3-bookings')
    await page.goto('/cas3')
    await checkPage(page, 'cas3-dashboard')
  })

  it('council officer: releases into the area, then a person', async () => {
    const page = await signIn('council')
    expect(Object.keys(await queue(page))).toContain(
      'Releases into your area in the next 8 weeks with no accommodation recorded',
    )
    await follow(page, 'a[href="/releases/upcoming?weeks=12"]', 'releases')
    await follow(page, 'a[href^="/people/"]', 'person')
  })

  it('health coordinator: told why there is no one', async () => {
    const page = await signIn('health')
    expect(await page.locator('main').innerText()).toContain('recording that consent is not built yet')
  })

  it('regional lead: outcomes against targets, then the region', async () => {
    const page = await signIn('regional-lead')
    await page.goto('/outcomes')
    await checkPage(page, 'outcomes')
    await follow(page, 'a[href^="/outcomes/regions/N07"]', 'region')
  })

  it('national analyst: dashboards, and a person’s planning with no write forms', async () => {
    const page = await signIn('analyst')
    await page.goto('/outcomes')
    await checkPage(page, 'outcomes')
    await page.goto('/people?q=a')
    await checkPage(page, 'search')
  })

  it('administrator: users and the audit log', async () => {
    const page = await signIn('admin')
    await page.goto('/admin/users')
    await checkPage(page, 'users')
    await page.goto('/admin/audit')
    await checkPage(page, 'audit')
  })
})
