// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/assets/govuk/govuk-frontend.min.js'
import { initAll as initMoj } from '/assets/moj/all.bundle.mjs'
import { enhanceLongSelects } from '/assets/app/autocomplete.js'

initAll()
initMoj()
enhanceLongSelects()

// Sign-out is a POST carrying the CSRF token, so a link elsewhere cannot sign anyone out.
const signOut = document.querySelector('[data-sign-out]')
const form = document.getElementById('sign-out-form')
if (signOut && form) {
  signOut.addEventListener('click', (event) => {
    event.preventDefault()
    form.submit()
  })
}

// Forecasts (issue 16): a form that can take more than a second says it is working, with an
// indeterminate progress bar, once a second has passed without the next page arriving.
for (const slow of document.querySelectorAll('form[data-progress]')) {
  slow.addEventListener('submit', () => {
    const status = document.createElement('p')
    status.className = 'govuk-body'
    status.setAttribute('role', 'status')
    slow.append(status)
    setTimeout(() => {
      status.textContent = `${slow.getAttribute('data-progress')}… `
      const bar = document.createElement('progress')
      bar.setAttribute('aria-label', slow.getAttribute('data-progress') ?? 'Working')
      status.append(bar)
    }, 1000)
  })
}
