import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import { join, relative } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, expect } from 'vitest'
import { loadConfig } from '../../../src/platform/config.ts'
import { openDatabase } from '../../../src/platform/db/index.ts'
import { migrateToLatest } from '../../../src/platform/db/migrate.ts'
import { referenceRepository } from '../../../src/domains/reference/repository.ts'
import { referenceService } from '../../../src/domains/reference/service.ts'
import { buildApp, repositories, services, type Clock } from '../../../src/composition.ts'
import { generateDemoData } from '../../../src/demo/generator.ts'
import { DEMO_EMAIL_DOMAIN } from '../../../src/demo/users.ts'
import { launchChromium } from '../../support/browser-launch.ts'
import { checkPage, navigation } from '../../support/browser.ts'

/**
 * The demo `npm start` makes: the people count, seed and password are read from the same config
 * defaults (DEMO_PEOPLE, DEMO_SEED, DEMO_PASSWORD in src/platform/config.ts) and passed to the
 * same generator. The only difference is the day: `npm start` generates around London's today,
 * the journeys around a fixed day (DEMO_TODAY) so that they do not change with the date.
 */
const demo = loadConfig({ NODE_ENV: 'test' }).demo
export const DEMO_PASSWORD = demo.password

/**
 * The day the journeys live on, and the clock the app reads it from. It is the day the demo
 * sign-ins test (src/demo/sign-ins.db.test.ts) shows every printed sign-in has work on.
 */
export const DEMO_TODAY = '2026-11-28'
export const demoClock: Clock = { today: () => DEMO_TODAY, now: () => new Date(`${DEMO_TODAY}T10:00:00Z`) }

/** A clock a journey can move on, to a day its work waits for (a release, an arrival). */
function movableClock() {
  let today = DEMO_TODAY
  const clock: Clock = { today: () => today, now: () => new Date(`${today}T10:00:00Z`) }
  return { clock, setToday: (day: string) => void (today = day) }
}

// Generating 3,000 people takes minutes on two cores, so it is done once and kept as a PGlite
// data directory; each file opens a copy of it (a copy of files on disk opens in a second, where
// loading a 200 MB snapshot into memory took over a minute). The directory is named after
// everything it is made from (the source, the reference data, the lock file and the options),
// so a change to any of them makes a new one.
const ROOT = join(import.meta.dirname, '../../..')
const CACHE = join(ROOT, 'node_modules/.cache/resettle-journeys')

function sourceHash(): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ ...demo, DEMO_TODAY }))
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (!name.endsWith('.test.ts')) hash.update(relative(ROOT, path)).update(readFileSync(path))
    }
  }
  walk(join(ROOT, 'src'))
  walk(join(ROOT, 'data'))
  hash.update(readFileSync(join(ROOT, 'package-lock.json')))
  return hash.digest('hex').slice(0, 16)
}

/** The demo's data directory, made the first time it is asked for. */
export async function demoDataDir(): Promise<string> {
  const dir = join(CACHE, sourceHash())
  if (existsSync(dir)) return dir
  const making = `${dir}.part-${process.pid}`
  const { db } = await openDatabase({ kind: 'pglite', dataDir: making })
  await migrateToLatest(db)
  await referenceService(referenceRepository(db)).load()
  await generateDemoData(db, {
    people: demo.people,
    seed: demo.seed,
    password: demo.password,
    today: DEMO_TODAY,
  })
  await db.destroy()
  // Older directories are of older source: only the newest is kept.
  for (const old of readdirSync(CACHE))
    if (!old.startsWith('.') && join(CACHE, old) !== making)
      rmSync(join(CACHE, old), { recursive: true, force: true })
  renameSync(making, dir)
  return dir
}

/**
 * The whole application on its own copy of the `npm start` demo, listening on 127.0.0.1, with a
 * Chromium to drive it; one per journey file, closed when the file ends. Pages are watched for
 * script errors, CSP refusals and failed assets, as test/support/browser.ts does for its own.
 */
export async function demoBrowserApp() {
  const copy = mkdtempSync(join(tmpdir(), 'resettle-journey-'))
  cpSync(await demoDataDir(), copy, { recursive: true })
  const { db } = await openDatabase({ kind: 'pglite', dataDir: copy })
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
  const repos = repositories(db)
  const { clock, setToday } = movableClock()
  const svc = services(db, repos, config, clock)
  const app = await buildApp(svc, repos, config)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const baseURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  let browser: Browser | undefined
  afterAll(async () => {
    await browser?.close()
    await app.close()
    await db.destroy()
    rmSync(copy, { recursive: true, force: true })
  })

  async function newPage(): Promise<Page> {
    browser ??= await launchChromium()
    const context: BrowserContext = await browser.newContext({
      baseURL,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      viewport: { width: 1280, height: 900 },
    })
    // Pages answer slowly on a loaded two-core machine; a missing element still fails within the test.
    context.setDefaultTimeout(30_000)
    context.setDefaultNavigationTimeout(90_000)
    const page = await context.newPage()
    watchForErrors(page)
    return page
  }

  /** Signs a demo user in through the sign-in page, as start-up lists them, and checks their home page. */
  async function signIn(local: string): Promise<Page> {
    const page = await newPage()
    await page.goto('/sign-in')
    await check(page, 'sign-in')
    await page.getByLabel('Email address').fill(`${local}@${DEMO_EMAIL_DOMAIN}`)
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click())
    expect(new URL(page.url()).pathname).toBe('/')
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor()
    await check(page, `${local}-home`)
    return page
  }

  return { db, app, svc, repos, config, baseURL, newPage, signIn, setToday }
}

export type DemoBrowserApp = Awaited<ReturnType<typeof demoBrowserApp>>

// The same watch as test/support/browser.ts keeps (its own is private to browserApp): any script
// error, console error or failed asset fails the page's next check.
function watchForErrors(page: Page) {
  const seen: string[] = []
  page.on('pageerror', (err) => seen.push(`uncaught: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      seen.push(`console: ${msg.text()}`)
  })
  page.on('response', (res) => {
    const type = res.request().resourceType()
    if (type !== 'document' && res.status() >= 300) seen.push(`${type} ${res.url()} answered ${res.status()}`)
  })
  page.on('requestfailed', (req) => seen.push(`${req.resourceType()} ${req.url()} failed`))
  pageProblems.set(page, seen)
}

const pageProblems = new WeakMap<Page, string[]>()

/**
 * Every page a journey visits: axe (checkPage, WCAG 2.1 AA and best practice) finds nothing, and
 * nothing went wrong besides the HTML so far (checkPage's own list is private to browserApp).
 */
export async function check(page: Page, name: string): Promise<void> {
  await checkPage(page, name)
  const seen = pageProblems.get(page) ?? []
  expect(seen, `script errors or failed assets on ${page.url()}:\n  ${seen.join('\n  ')}`).toEqual([])
}

/** Follows a link (or presses a button) that navigates, then checks the page it lands on. */
export async function go(page: Page, action: () => Promise<unknown>, name: string): Promise<void> {
  await navigation(page, action)
  expect(await page.locator('h1').count(), `one h1 on ${page.url()}`).toBe(1)
  await check(page, name)
}

/**
 * A journey visits ten or more pages, each scanned by axe: on a shared two-core machine that can
 * take minutes, so a journey has longer than the browser project's 60 s per test.
 */
export const JOURNEY_TIMEOUT = 300_000
