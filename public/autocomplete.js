// Type-ahead for long lists of organisations, providers, councils and PDUs (issue 12, defect 10),
// in the GOV.UK accessible autocomplete pattern. It enhances a <select data-autocomplete>: the
// select stays in the form and carries the value, so without JavaScript the page works as it did.
// The library is served from node_modules by the app (/assets/autocomplete/), never fetched.
import '/assets/autocomplete/accessible-autocomplete.min.js'

/** An option's text, with its group when another option has the same text (two "North Clinic"s). */
function labels(options) {
  const seen = new Map()
  for (const o of options) seen.set(o.text, (seen.get(o.text) ?? 0) + 1)
  return options.map((o) => {
    const group = o.parentElement instanceof HTMLOptGroupElement ? o.parentElement.label : ''
    return seen.get(o.text) > 1 && group ? `${o.text} (${group})` : o.text
  })
}

function enhance(select, autocomplete) {
  const options = [...select.options].filter((o) => o.value)
  const names = labels(options)
  const valueOf = new Map(names.map((name, i) => [name, options[i].value]))
  const selected = options.findIndex((o) => o.selected)
  const id = select.id
  const element = document.createElement('div')
  select.before(element)
  // The label's for="id" and the error summary's #id now reach the text input, not the hidden select.
  select.id = `${id}-select`
  select.hidden = true
  autocomplete({
    element,
    id,
    name: '',
    defaultValue: selected >= 0 ? names[selected] : '',
    // No autoselect: its completion hint is an unlabelled input that fails WCAG 2.1 (axe "label").
    autoselect: false,
    showAllValues: false,
    minLength: 1,
    source: (query, populate) => {
      const q = query.trim().toLowerCase()
      populate(names.filter((n) => n.toLowerCase().includes(q)))
    },
    onConfirm: (name) => {
      if (name !== undefined) select.value = valueOf.get(name) ?? ''
    },
    tNoResults: () => 'No matches: check the spelling, or type fewer letters',
    inputClasses: select.classList.contains('govuk-select--error') ? 'govuk-input--error' : '',
  })
  // What was typed decides on submit: cleared or unmatched text sends no choice, so the server's
  // "Select an organisation" answers it rather than a stale earlier choice.
  select.form?.addEventListener('submit', () => {
    const input = document.getElementById(id)
    if (input instanceof HTMLInputElement) select.value = valueOf.get(input.value) ?? ''
  })
}

export function enhanceLongSelects(root = document) {
  const autocomplete = window.accessibleAutocomplete
  if (typeof autocomplete !== 'function') return
  for (const select of root.querySelectorAll('select[data-autocomplete]')) enhance(select, autocomplete)
}
