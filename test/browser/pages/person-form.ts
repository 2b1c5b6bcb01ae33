import type { Page } from 'playwright-core'

/** The person fields shared by the add and edit forms, as a user types them. */
export interface PersonFields {
  givenName?: string
  familyName?: string
  dateOfBirth?: [day: string, month: string, year: string]
  sex?: 'male' | 'female' | 'intersex' | 'not_stated'
  ethnicGroupCode?: string
  prisonNumber?: string
  crn?: string
  pncId?: string
  communicationNeeds?: string
  preferredLanguage?: string
}

export async function fillDate(page: Page, name: string, [day, month, year]: [string, string, string]) {
  await page.locator(`#${name}-day`).fill(day)
  await page.locator(`#${name}-month`).fill(month)
  await page.locator(`#${name}-year`).fill(year)
}

export async function fillPersonFields(page: Page, f: PersonFields): Promise<void> {
  const texts = [
    'givenName',
    'familyName',
    'prisonNumber',
    'crn',
    'pncId',
    'communicationNeeds',
    'preferredLanguage',
  ] as const
  for (const name of texts) {
    const value = f[name]
    if (value !== undefined) await page.locator(`#${name}`).fill(value)
  }
  if (f.dateOfBirth) await fillDate(page, 'dateOfBirth', f.dateOfBirth)
  if (f.sex) await page.locator(`input[name="sex"][value="${f.sex}"]`).check()
  if (f.ethnicGroupCode !== undefined) await page.locator('#ethnicGroupCode').selectOption(f.ethnicGroupCode)
}

/** What the person fields hold now. */
export async function personFieldValues(page: Page): Promise<Required<PersonFields>> {
  const value = (selector: string) => page.locator(selector).inputValue()
  return {
    givenName: await value('#givenName'),
    familyName: await value('#familyName'),
    dateOfBirth: [
      await value('#dateOfBirth-day'),
      await value('#dateOfBirth-month'),
      await value('#dateOfBirth-year'),
    ],
    sex: (await page
      .locator('input[name="sex"]:checked')
      .getAttribute('value')) as Required<PersonFields>['sex'],
    ethnicGroupCode: await value('#ethnicGroupCode'),
    prisonNumber: await value('#prisonNumber'),
    crn: await value('#crn'),
    pncId: await value('#pncId'),
    communicationNeeds: await value('#communicationNeeds'),
    preferredLanguage: await value('#preferredLanguage'),
  }
}
