import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { checkPage } from '../../support/browser.ts'

/**
 * Chooses an option in a long select enhanced with the accessible autocomplete (issue 12: every
 * long select has type-ahead; public/autocomplete.js): types the start of the option's text into
 * the text input the label now names, checks the open suggestions with axe, picks the exact
 * suggestion and checks that the hidden select, which the form sends, now holds its value.
 * `option` is the text shown, or `{ value }` to pick by the code the select sends.
 */
export async function typeAhead(
  page: Page,
  label: string | RegExp,
  option: string | { value: string },
): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: typeof label === 'string' })
  // Not found within 15 s: the select is not enhanced (no data-autocomplete) or the script failed.
  await input.waitFor({ timeout: 15_000 })
  const id = await input.getAttribute('id')
  const select = page.locator(`select[id="${id}-select"]`)
  // A plain <select> is a combobox too: only an enhanced one has its select renamed behind the input.
  expect(await select.count(), `"${String(label)}" is a type-ahead (data-autocomplete)`).toBe(1)
  const options = await select
    .locator('option')
    .evaluateAll((os) =>
      os.map((o) => ({ text: o.textContent?.trim() ?? '', value: o.getAttribute('value') ?? '' })),
    )
  const wanted = options.find((o) =>
    typeof option === 'string' ? o.text === option : o.value === option.value,
  ) ?? { text: '', value: '' }
  expect(wanted.text, `an option for ${JSON.stringify(option)} in "${String(label)}"`).not.toBe('')
  await input.fill(wanted.text.slice(0, 10))
  const suggestion = page
    .locator(`[id="${id}__listbox"]`)
    .getByRole('option', { name: wanted.text, exact: true })
  await suggestion.waitFor({ timeout: 15_000 })
  await checkPage(page, `type-ahead ${id}`)
  await suggestion.click()
  expect(await select.inputValue(), `"${String(label)}" sends the picked option`).toBe(wanted.value)
}
