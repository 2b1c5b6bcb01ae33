import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { basename, join } from 'node:path'
import axe from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, expect } from 'vitest'
import { loadConfig } from '../../src/platform/config.ts'
import { openDatabase } from '../../src/platform/db/index.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { referenceRepository } from '../../src/domains/reference/repository.ts'
import { referenceService } from '../../src/domains/reference/service.ts'
import { buildApp, repositories, services } from '../../src/composition.ts'
import { fixedClock } from './app.ts'
import { launchChromium } from './browser-launch.ts'

/**
 * The whole application listening on 127.0.0.1, over this file's own in-memory PGlite database
 * (migrated, with reference data and nothing else), and a Chromium to drive it. Everything is
 * closed when the file ends. The browser project has no database globalSetup, so this builds
 * its database directly rather than through testDatabase().
 */
export async function browserApp(env: Record<string, string> = {}) {
  const { db } = await openDatabase({ kind: 'pglite' })
  await migrateToLatest(db)
  await referenceService(referenceRepository(db)).load()
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true', ...env })
  const repos = repositories(db)
  const svc = services(db, repos, config, fixedClock)
  const app = await buildApp(svc, repos, config)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const baseURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  let browser: Browser | undefined
  afterAll(async () => {
    await browser?.close()
    await app.close()
    await db.destroy()
  })

  /** A fresh browser profile (its own cookies), as one person at their own computer. */
  async function newContext(): Promise<BrowserContext> {
    browser ??= await launchChromium()
    const context = await browser.newContext({
      baseURL,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      viewport: { width: 1280, height: 900 },
    })
    // A missing element fails in seconds with its selector, well inside the test's own timeout.
    context.setDefaultTimeout(15_000)
    return context
  }

  async function newPage(context?: BrowserContext): Promise<Page> {
    const page = await (context ?? (await newContext())).newPage()
    watchForErrors(page)
    return page
  }

  return { db, app, svc, repos, config, baseURL, newContext, newPage }
}

export type BrowserApp = Awaited<ReturnType<typeof browserApp>>

// What went wrong on each page besides its HTML: script errors, console errors (a
// Content-Security-Policy refusal is one) and assets (CSS, scripts, images) that failed to load.
const problems = new WeakMap<Page, string[]>()

function watchForErrors(page: Page) {
  const seen: string[] = []
  problems.set(page, seen)
  page.on('pageerror', (err) => seen.push(`uncaught: ${err.message}`))
  page.on('console', (msg) => {
    // A page answered with 4xx (a form with errors is a 400) is logged as a failed resource;
    // failed assets are caught below with their address instead.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      seen.push(`console: ${msg.text()}`)
  })
  page.on('response', (res) => {
    const type = res.request().resourceType()
    if (type !== 'document' && (res.status() >= 400 || (res.status() >= 300 && res.status() < 400))) {
      seen.push(
        `${type} ${res.request().url()} answered ${res.status()}${res.headers().location ? ` (to ${res.headers().location})` : ''}`,
      )
    }
  })
  page.on('requestfailed', (req) =>
    seen.push(`${req.resourceType()} ${req.url()} failed: ${req.failure()?.errorText ?? 'unknown'}`),
  )
}

/** Waits for the navigation an action starts (a link, a form post, a script's form.submit()). */
export async function navigation(page: Page, action: () => Promise<unknown>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() })
  await action()
  await navigated
  await page.waitForLoadState('load')
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

export interface AxeViolation {
  id: string
  impact: string | null | undefined
  help: string
  helpUrl: string
  nodes: { target: string; summary: string | undefined }[]
}

/** Runs axe-core on the page as it is now and lists its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // page.evaluate goes over the DevTools protocol, which the app's CSP (script-src 'self' + nonce)
  // does not govern, so the pages keep their real policy while axe runs.
  const loaded = await page.evaluate(() => 'axe' in window)
  if (!loaded) await page.evaluate(axe.source)
  return page.evaluate(async (tags) => {
    const runner = (window as unknown as { axe: typeof axe }).axe
    const result = await runner.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary })),
    }))
  }, AXE_TAGS)
}

export function describeViolations(url: string, violations: AxeViolation[]): string {
  const lines = violations.flatMap((v) => [
    `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}  ${v.helpUrl}`,
    ...v.nodes.map(
      (n) => `    at ${n.target}${n.summary ? `\n      ${n.summary.replaceAll('\n', '\n      ')}` : ''}`,
    ),
  ])
  return `${violations.length} accessibility violation${violations.length === 1 ? '' : 's'} on ${url}:\n${lines.join('\n')}`
}

let shots = 0

/**
 * Every page a journey visits goes through this: an axe-core scan (WCAG 2.1 A and AA plus best
 * practice) that must find nothing, and no script errors, CSP refusals or failed assets so far
 * on the page. With RESETTLE_SCREENSHOTS=<dir> set, each checked page is first saved there as a
 * screenshot named after the test file, so a failing page can be looked at.
 */
export async function checkPage(page: Page, name = 'page'): Promise<void> {
  const url = new URL(page.url()).pathname
  const dir = process.env.RESETTLE_SCREENSHOTS
  if (dir) {
    mkdirSync(dir, { recursive: true })
    const file = basename(expect.getState().testPath ?? 'browser', '.browser.test.ts')
    await page.screenshot({
      path: join(dir, `${file}-${String(++shots).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    })
  }
  const violations = await axeViolations(page)
  expect(violations.length, describeViolations(url, violations)).toBe(0)
  const seen = problems.get(page) ?? []
  expect(seen, `script errors, CSP refusals or failed assets on ${url}:\n  ${seen.join('\n  ')}`).toEqual([])
}
