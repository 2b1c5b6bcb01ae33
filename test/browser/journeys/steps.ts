import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { navigation } from '../../support/browser.ts'
import { check } from './demo-app.ts'

/**
 * The steps a person takes through the pages, each ending with the landing page checked (axe,
 * script errors, failed assets) and its one h1 matched, so a journey reads as what was done.
 */
async function land(page: Page, heading: string | RegExp, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  expect(await page.locator('h1').count(), `one h1 on ${page.url()}`).toBe(1)
  await check(page, name)
}

/** Clicks something that navigates (a link, a button), then checks where it lands. */
export async function clickTo(
  page: Page,
  target: Locator,
  heading: string | RegExp,
  name: string,
): Promise<void> {
  await navigation(page, () => target.first().click())
  await land(page, heading, name)
}

/** Follows a link in the main menu. */
export function menu(page: Page, item: string, heading: string | RegExp, name: string): Promise<void> {
  return clickTo(
    page,
    page.locator('.govuk-service-navigation').getByRole('link', { name: item, exact: true }),
    heading,
    name,
  )
}

/** Follows a link (or a start button, which is a link) in the page's main content. */
export function follow(
  page: Page,
  link: string | RegExp,
  heading: string | RegExp,
  name: string,
): Promise<void> {
  // A GOV.UK start button is a link with the button role.
  const main = page.locator('main')
  return clickTo(
    page,
    main.getByRole('link', { name: link }).or(main.getByRole('button', { name: link })),
    heading,
    name,
  )
}

/** Presses a form's button. */
export function press(page: Page, button: string, heading: string | RegExp, name: string): Promise<void> {
  return clickTo(page, page.locator('main').getByRole('button', { name: button, exact: true }), heading, name)
}

/** Opens an address typed in, as someone following a bookmark would, and checks the page. */
export async function visit(page: Page, url: string, heading: string | RegExp, name: string): Promise<void> {
  await page.goto(url)
  await land(page, heading, name)
}

/** Fills a GOV.UK date input, found by its legend, from an ISO date. */
export async function fillDate(page: Page, legend: string | RegExp, iso: string): Promise<void> {
  const [y = '', m = '', d = ''] = iso.split('-')
  const group = page.getByRole('group', { name: legend })
  await group.getByLabel('Day').fill(String(Number(d)))
  await group.getByLabel('Month').fill(String(Number(m)))
  await group.getByLabel('Year').fill(y)
}

/** A radio or checkbox within the fieldset whose legend is given. */
export function choose(page: Page, legend: string | RegExp, option: string | RegExp): Promise<void> {
  return page
    .getByRole('group', { name: legend })
    .getByLabel(option, { exact: typeof option === 'string' })
    .first()
    .check()
}

/** The success banner's heading: what the save just did. */
export async function flash(page: Page): Promise<string> {
  const banner = page.locator('.govuk-notification-banner--success')
  await banner.waitFor()
  return (await banner.innerText()).replace(/^\s*Success\s*/, '').trim()
}

/** The home page's work queue: each item's label and count, with the address it opens. */
export async function workQueue(page: Page): Promise<{ label: string; count: number; href: string }[]> {
  return page.locator('[data-work-queue] a').evaluateAll((as) =>
    as.map((a) => ({
      label: a.querySelector('.app-work-queue__label')?.textContent?.trim() ?? '',
      count: Number((a.querySelector('.app-work-queue__count')?.textContent ?? '').replace(/,/g, '')),
      href: a.getAttribute('href') ?? '',
    })),
  )
}

/** Follows the work-queue item whose label starts with `label`, after checking it holds work. */
export async function openQueue(
  page: Page,
  label: string,
  heading: string | RegExp,
  name: string,
): Promise<number> {
  const item = (await workQueue(page)).find((i) => i.label.startsWith(label))
  expect(item, `the work queue has "${label}"`).toBeDefined()
  expect(item?.count, `"${label}" holds work`).toBeGreaterThan(0)
  await clickTo(page, page.locator(`[data-work-queue] a[href="${item?.href ?? ''}"]`), heading, name)
  return item?.count ?? 0
}

/** The summary list in the main content, as key → value. */
export async function summary(page: Page, within = 'main'): Promise<Record<string, string>> {
  const rows = await page
    .locator(`${within} .govuk-summary-list__row`)
    .evaluateAll((els): [string, string][] =>
      els.map((el) => [
        el.querySelector('dt')?.textContent?.trim() ?? '',
        el.querySelector('dd')?.textContent?.trim().replace(/\s+/g, ' ') ?? '',
      ]),
    )
  return Object.fromEntries(rows)
}

export const mainText = (page: Page): Promise<string> => page.locator('main').innerText()

/** Any other long select (prisons, PDUs, councils, providers) is typed through: type-ahead.ts. */
export { typeAhead } from './type-ahead.ts'

/**
 * Picks an organisation in the type-ahead (accessible-autocomplete enhances the select, issue 12
 * defect 10): types the start of its name and chooses the suggestion.
 */
export async function pickOrganisation(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Organisation' }).fill(name.slice(0, 12))
  await page.locator('#organisationId__listbox').getByRole('option', { name, exact: true }).click()
}
