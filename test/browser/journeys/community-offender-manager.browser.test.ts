import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp, DEMO_TODAY } from './demo-app.ts'
import { choose, fillDate, flash, follow, mainText, openQueue, press } from './steps.ts'

// Issue 12, done-when: the Community Offender Manager's day on the `npm start` demo, from
// sign-in to a CAS3 referral sent, with axe on every page.
const t = await demoBrowserApp()

describe('a Community Offender Manager takes a handover and refers for CAS3', () => {
  it(
    'work queue → a handover due → meeting held → the plan → Refer for CAS3 → sent',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('com')
      await openQueue(page, 'Handovers due', 'Release readiness', 'handovers-due')

      // The first person on the filtered worklist: their planning overview, then the handover.
      const person = page.locator('main table tbody tr a[href^="/people/"]').first()
      const name = (await person.innerText()).split(', ').reverse().join(' ')
      await follow(page, (await person.innerText()).trim(), 'Release planning', 'planning')
      await follow(page, 'Handover', 'Handover to probation', 'handover')
      await choose(page, 'Meeting', 'Held')
      await fillDate(page, 'Meeting date', DEMO_TODAY)
      await page.getByLabel('Who attended').fill('Aisha Rahman (COM), the POM and the person')
      await press(page, 'Save handover', 'Handover to probation', 'handover-saved')
      expect(await flash(page)).toBe('Handover saved')
      expect(
        await page.getByRole('group', { name: 'Meeting' }).getByLabel('Held', { exact: true }).isChecked(),
      ).toBe(true)

      // The plan: the standard actions, none of them already overdue (defect 7).
      await follow(page, 'Plan', 'Resettlement plan', 'plan')
      if ((await page.getByRole('button', { name: 'Add the standard actions' }).count()) > 0)
        await press(page, 'Add the standard actions', 'Resettlement plan', 'plan-standard-actions')
      const actions = await page.locator('main table tbody tr').count()
      expect(actions).toBeGreaterThan(0)
      expect(await page.locator('main table tbody .govuk-tag--red', { hasText: 'Overdue' }).count()).toBe(0)

      // From the person's page into CAS3, with the CRN, release date and PDU carried (defect 3).
      await page.goto(new URL(page.url()).pathname.replace(/\/release-planning\/plan$/, ''))
      await page.getByRole('heading', { level: 1, name }).waitFor()
      await follow(
        page,
        'Refer for CAS3 temporary accommodation',
        'Refer to CAS3 temporary accommodation',
        'cas3-refer',
      )
      expect(await page.getByLabel('Person’s CRN or prison number').inputValue()).toMatch(/^[A-Z]\d{6}$/)
      const release = page.getByRole('group', { name: 'Release date' })
      expect(await release.getByLabel('Year').inputValue()).toMatch(/^20\d\d$/)
      // The PDU is prefilled in its type-ahead: the text shows its name, the select sends its code.
      expect(await page.getByRole('combobox', { name: 'PDU the person will live in' }).inputValue()).toMatch(
        /^Camden, Islington/,
      )
      expect(await page.locator('select[name="placementPduCode"]').inputValue()).toBe('LDNNCAI')

      await choose(page, 'Does the person consent to this referral?', 'Yes')
      await fillDate(page, 'Date consent was given', DEMO_TODAY)
      await choose(page, 'Why is the person eligible?', 'Homeless on release from prison')
      await page.getByLabel('Risks and needs').fill('No fixed address; alcohol use in the past year')
      await choose(page, 'Has a Duty to Refer been submitted to a council?', 'No')
      await choose(page, 'Has a CRS accommodation referral been made?', 'No')
      await page
        .getByLabel('Move-on plan')
        .fill('Housing register with Camden; private rented sector fallback')
      await press(page, 'Send referral', name, 'cas3-referral-sent')
      expect(await flash(page)).toBe('Referral sent to the CAS3 team')
      expect(await mainText(page)).toContain('Unallocated')
    },
  )
})
