import { describe, expect, it } from 'vitest'
import { browserApp, navigation } from '../support/browser.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { insertSyntheticReleases } from '../support/builders/evaluation.ts'
import { signedIn } from './pages/sign-in.ts'
import { EvaluationDefinePage, EvaluationReportPage, EvaluationRunPage } from './pages/evaluation.ts'

const t = await browserApp()

describe('a regional lead evaluates a programme against a matched comparison group', () => {
  it('defines it (with the error summary first), watches it run, and reads the report', async () => {
    await insertSyntheticReleases(t.db, {
      count: 700,
      seed: 9,
      effect: -0.08,
      from: '2023-01-01',
      days: 365,
      places: [LONDON],
    })
    const lead = await buildUser(t.db, 'regional_lead')
    const home = await signedIn(t.newPage, lead.email)
    await home.menu('Evaluations')
    await navigation(home.page, () => home.page.getByRole('button', { name: 'Define an evaluation' }).click())
    const define = await EvaluationDefinePage.on(home.page)
    await define.submit()
    const withErrors = await EvaluationDefinePage.on(home.page)
    expect((await withErrors.errorSummary()).map((e) => e.text)).toContain('Enter a name')
    expect(await withErrors.errorLinksWithoutTarget()).toEqual([])

    await withErrors.fill({
      name: 'Thinking Skills, London 2023',
      from: ['1', '1', '2023'],
      to: ['31', '12', '2023'],
      received: 'An accredited programme, started within a year after release',
    })
    await withErrors.submit()
    const run = await EvaluationRunPage.on(home.page, 'Thinking Skills, London 2023')
    expect(await run.status()).toContain('Waiting to start')
    await home.page.screenshot({ path: 'test-results/evaluation-run.png', fullPage: true })

    while ((await t.svc.evaluations.runNext()) !== null) {
      /* the worker's job, run here so the test does not wait on a timer */
    }
    await navigation(home.page, () => home.page.reload())
    const report = await EvaluationReportPage.on(home.page, 'Thinking Skills, London 2023')
    expect(await report.headline()).toMatch(/For every 100 people|cannot show a difference/)
    expect(await report.outcomeRows()).toContain('Proven reoffending within one year')
    expect(await report.charts()).toBe(3)
    await home.page.screenshot({ path: 'test-results/evaluation-report.png', fullPage: true })
    await home.page.emulateMedia({ media: 'print' })
    await home.page.screenshot({ path: 'test-results/evaluation-print.png', fullPage: true })
  })
})
