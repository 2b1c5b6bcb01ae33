import { describe, expect, it } from 'vitest'
import { browserApp, checkPage } from '../../support/browser.ts'
import { buildPerson, buildUser, LONDON, organisationFor } from '../../support/builders/common.ts'
import { signedIn } from '../pages/sign-in.ts'
import { typeAhead } from './type-ahead.ts'

// Issue 12: every long select has type-ahead. The pages whose long selects no journey fills are
// visited here: each select is a type-ahead (the label names a combobox), axe passes with the
// suggestions open, and the choice reaches the select the form sends.
const t = await browserApp()

describe('type-ahead on the long selects no journey fills', () => {
  it(
    'a provider on a new contract; an owning organisation on a plan action',
    { timeout: 240_000 },
    async () => {
      const provider = await organisationFor(t.db, 'provider')
      const admin = await buildUser(t.db, 'admin')
      const page = (await signedIn(t.newPage, admin.email)).page
      await page.goto('/admin/contracts/new')
      await checkPage(page, 'contract-new')
      await typeAhead(page, 'Provider', provider.name)

      const person = await buildPerson(t.db, { releaseInDays: 40 })
      const worker = await buildUser(t.db, 'prison_resettlement_worker')
      const prisonPage = (await signedIn(t.newPage, worker.email)).page
      await prisonPage.goto(`/people/${person.id}/release-planning/plan`)
      await checkPage(prisonPage, 'plan')
      const prison = await organisationFor(t.db, 'prison', LONDON.prison)
      await typeAhead(prisonPage, 'Owning organisation (optional)', prison.name)
    },
  )

  it('a PDU on a programme and an order record, and the caseloads filter', { timeout: 240_000 }, async () => {
    const person = await buildPerson(t.db, { releaseInDays: -30, released: true })
    const com = await buildUser(t.db, 'com')
    const page = (await signedIn(t.newPage, com.email)).page
    for (const [path, label] of [
      ['programmes/new', 'PDU running it'],
      ['orders/new', 'PDU supervising it'],
    ] as const) {
      await page.goto(`/people/${person.id}/outcome-records/${path}`)
      expect(page.url()).toContain(path)
      await checkPage(page, path)
      await typeAhead(page, label, { value: LONDON.pdu })
    }
    const lead = await buildUser(t.db, 'regional_lead')
    const leadPage = (await signedIn(t.newPage, lead.email)).page
    await leadPage.goto('/caseloads')
    await checkPage(leadPage, 'caseloads')
    await typeAhead(leadPage, 'Probation delivery unit', { value: LONDON.pdu })
  })

  it('a PDU in the variation explorer', { timeout: 240_000 }, async () => {
    const analyst = await buildUser(t.db, 'national_analyst')
    const page = (await signedIn(t.newPage, analyst.email)).page
    await page.goto('/outcomes/variation')
    await checkPage(page, 'variation')
    await typeAhead(page, 'Probation delivery unit', { value: LONDON.pdu })
  })
})
