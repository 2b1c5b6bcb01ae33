import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/**
 * The release-planning pages for one person. One object serves every section: each method goes to
 * or acts on a section and waits for its heading, so every page the journey sees is scanned.
 */
export class ReleasePlanningPage extends BasePage {
  readonly personId: string
  constructor(page: Page, personId: string) {
    super(page)
    this.personId = personId
  }

  static async open(
    page: Page,
    personId: string,
    section = '',
    heading: string | RegExp = 'Release planning',
  ): Promise<ReleasePlanningPage> {
    await navigation(page, () => page.goto(`/people/${personId}/release-planning${section}`))
    await BasePage.arrive(page, heading, `release-planning${section || '/overview'}`)
    return new ReleasePlanningPage(page, personId)
  }

  private async submit(button: string, heading: string | RegExp, name: string) {
    await navigation(this.page, () => this.page.getByRole('button', { name: button }).click())
    await BasePage.arrive(this.page, heading, name)
    return this
  }

  async section(text: string, heading: string | RegExp) {
    await navigation(this.page, () =>
      this.page
        .getByRole('navigation', { name: 'Release planning sections' })
        .getByRole('link', { name: text })
        .click(),
    )
    await BasePage.arrive(this.page, heading, `release-planning ${text}`)
    return this
  }

  async date(legend: string, iso: string) {
    const [y = '', m = '', d = ''] = iso.split('-')
    const group = this.page.getByRole('group', { name: legend })
    await group.getByLabel('Day').fill(String(Number(d)))
    await group.getByLabel('Month').fill(String(Number(m)))
    await group.getByLabel('Year').fill(y)
  }

  async assessPathway(pathway: string, status: string, needs: string[], party = 'Prison') {
    await navigation(this.page, () =>
      this.page.getByRole('navigation', { name: 'Pathways' }).getByRole('link', { name: pathway }).click(),
    )
    await BasePage.arrive(this.page, 'Needs assessment', `pathway ${pathway}`)
    await this.page.getByRole('group', { name: 'Pathway status' }).getByLabel(status, { exact: true }).check()
    for (const need of needs) await this.page.getByLabel(need).check()
    await this.page
      .getByRole('group', { name: 'Who is responsible for the needs you add' })
      .getByLabel(party, { exact: true })
      .check()
    return this.submit(`Save ${pathway}`, 'Needs assessment', `pathway ${pathway} saved`)
  }

  needs(): Promise<string[]> {
    return this.page.locator('table').first().locator('tbody tr td:first-child').allInnerTexts()
  }

  async screenAlcohol(iso: string, answers: [string, string, string]) {
    await this.page.getByLabel('Screening').selectOption({ label: 'Alcohol (AUDIT-C)' })
    await this.date('Date of the screening', iso)
    const groups = ['How often do you have a drink', 'How many units', 'How often have you had 6']
    for (const [i, answer] of answers.entries())
      await this.page
        .getByRole('group', { name: new RegExp(groups[i] ?? '') })
        .getByLabel(answer)
        .check()
    return this.submit('Record screening', 'Screenings', 'screening recorded')
  }

  async screenWithResult(kind: string, iso: string, result: string) {
    await this.page.getByLabel('Screening').selectOption({ label: kind })
    await this.date('Date of the screening', iso)
    await this.page
      .getByRole('group', { name: /Result/ })
      .getByLabel(result, { exact: true })
      .check()
    return this.submit('Record screening', 'Screenings', 'screening recorded')
  }

  proposeStandardActions() {
    return this.submit('Add the standard actions', 'Resettlement plan', 'plan with standard actions')
  }

  async addAction(description: string, need: string, dueIso: string) {
    await this.page.getByLabel('What needs to be done').fill(description)
    await this.page.getByLabel('Need it meets').selectOption({ label: need })
    await this.date('Due date', dueIso)
    return this.submit('Add action', 'Resettlement plan', 'action added')
  }

  async addActionFailing(description: string, dueIso: string) {
    await this.page.getByLabel('What needs to be done').fill(description)
    await this.date('Due date', dueIso)
    return this.submit('Add action', 'Resettlement plan', 'action refused')
  }

  planQuality(): Promise<string | null> {
    return this.page.locator('[data-plan-quality]').getAttribute('data-plan-quality')
  }

  actionDescriptions(): Promise<string[]> {
    return this.page.locator('[data-actions] tbody tr td:first-child').allInnerTexts()
  }

  async recordHandover(input: {
    com?: [string, string]
    meeting?: { status: string; date: string; attendees?: string; reason?: string }
    contact?: [string, string]
    risks?: boolean
    address?: string
  }) {
    if (input.com) {
      await this.page.getByLabel('Name of the allocated COM').fill(input.com[0])
      await this.date('Date allocated', input.com[1])
    }
    if (input.meeting) {
      await this.page
        .getByRole('group', { name: 'Meeting', exact: true })
        .getByLabel(input.meeting.status, { exact: true })
        .check()
      await this.date('Meeting date', input.meeting.date)
      if (input.meeting.attendees) await this.page.getByLabel('Who attended').fill(input.meeting.attendees)
      if (input.meeting.reason)
        await this.page.getByLabel('Why the meeting was not held').fill(input.meeting.reason)
    }
    if (input.contact) {
      await this.date('Date of contact', input.contact[0])
      await this.page.getByLabel('How', { exact: true }).selectOption({ label: input.contact[1] })
    }
    if (input.risks) await this.page.getByLabel('Risk information has been shared with the COM').check()
    if (input.address) await this.page.getByLabel('Release address').fill(input.address)
    return this.submit('Save handover', 'Handover to probation', 'handover saved')
  }

  packStatus(): Promise<string | null> {
    return this.page.locator('[data-pack]').getAttribute('data-pack')
  }

  async recordDutyToRefer(receivedIso: string, outcome?: string, outcomeIso?: string) {
    await this.date('Date the referral was received', receivedIso)
    if (outcome && outcomeIso) {
      await this.page.getByLabel('Outcome', { exact: true }).selectOption({ label: outcome })
      await this.date('Date of the outcome', outcomeIso)
    }
    return this.submit('Save Duty to Refer', 'Duty to Refer', 'duty to refer saved')
  }

  dutyToRefer(): Promise<string> {
    return this.page.locator('[data-dtr]').innerText()
  }
}

export class ReadinessWorklistPage extends BasePage {
  static async open(page: Page, query = ''): Promise<ReadinessWorklistPage> {
    await navigation(page, () => page.goto(`/release-planning/worklist${query}`))
    await BasePage.arrive(page, 'Release readiness', 'readiness worklist')
    return new ReadinessWorklistPage(page)
  }

  async filter(label: RegExp) {
    await navigation(this.page, () =>
      this.page.locator('[data-filters]').getByRole('link', { name: label }).click(),
    )
    await BasePage.arrive(this.page, 'Release readiness', 'readiness worklist filtered')
    return this
  }

  async rows(): Promise<Record<string, string>[]> {
    const headers = await this.page.locator('[data-worklist] thead th').allInnerTexts()
    const rows = await this.page
      .locator('[data-worklist] tbody tr')
      .evaluateAll((trs): string[][] =>
        trs.map((tr) =>
          Array.from(
            tr.querySelectorAll('td'),
            (td: HTMLTableCellElement) => td.textContent?.replace(/\s+/g, ' ').trim() ?? '',
          ),
        ),
      )
    return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])))
  }

  async openPerson(name: string) {
    await navigation(this.page, () => this.page.getByRole('link', { name }).click())
    await BasePage.arrive(this.page, 'Release planning', 'release planning from worklist')
  }
}
