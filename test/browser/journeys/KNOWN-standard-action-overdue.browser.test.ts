import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, check, demoBrowserApp } from './demo-app.ts'
import { choose, flash, follow, openQueue, press } from './steps.ts'

// Found by the prison resettlement worker's journey (issue 12, defect 7: standard plan actions
// must not be created already overdue): on the demo, adding the standard actions for the first
// release on the list with no plan (due out 5 days later) gave one action already marked Overdue.
// Not yet traced (the due-date rule in release-planning/rules or the demo's data); kept apart
// until it is fixed.
const t = await demoBrowserApp()

describe('standard plan actions made close to release (known defect)', () => {
  it(
    'work queue → a release with no plan → accommodation need → standard actions → the plan',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('resettlement')
      await openQueue(
        page,
        'Releases in the next 12 weeks with no plan actions yet',
        'Release readiness',
        'readiness',
      )

      // The first release on the list whose plan has no actions (the list holds all releases).
      const people = await page
        .locator('main table tbody a[href^="/people/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
      let overview = ''
      for (const href of people) {
        await page.goto(href.replace(/\/release-planning$/, '') + '/release-planning/plan')
        await check(page, 'plan-looked-at')
        if ((await page.getByRole('button', { name: 'Add the standard actions' }).count()) > 0) {
          overview = href
          break
        }
      }
      expect(overview, 'a release with no plan actions on the list').not.toBe('')
      await page.goto(overview)
      await page.getByRole('heading', { level: 1, name: 'Release planning' }).waitFor()
      const name = (
        await page.locator('main .govuk-caption-l, main .govuk-caption-m').first().innerText()
      ).split(' · ')[0]

      await follow(page, 'Needs', 'Needs assessment', 'needs')
      await follow(page, 'Accommodation', 'Needs assessment', 'accommodation')
      await choose(page, 'Pathway status', 'Support required')
      const need = page.getByRole('group', { name: 'Add needs identified' }).getByRole('checkbox')
      if (await need.count()) {
        await need.first().check()
        await choose(page, 'Who is responsible for the needs you add', 'Prison')
      }
      await press(page, 'Save Accommodation', 'Needs assessment', 'accommodation-saved')
      expect(await flash(page)).toBe('Accommodation saved')

      await follow(page, 'Plan', 'Resettlement plan', 'plan')
      await press(page, 'Add the standard actions', 'Resettlement plan', 'plan-proposed')
      expect(await flash(page)).toMatch(/^\d+ standard actions added$/)
      expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0)
      // None is created already overdue (defect 7).
      expect(await page.locator('main table tbody', { hasText: 'Overdue' }).count()).toBe(0)
      expect(name?.length).toBeGreaterThan(0)
    },
  )
})
