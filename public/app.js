// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/assets/govuk/govuk-frontend.min.js'
import { initAll as initMoj } from '/assets/moj/all.bundle.mjs'

initAll()
initMoj()

// Sign-out is a POST carrying the CSRF token, so a link elsewhere cannot sign anyone out.
const signOut = document.querySelector('[data-sign-out]')
const form = document.getElementById('sign-out-form')
if (signOut && form) {
  signOut.addEventListener('click', (event) => {
    event.preventDefault()
    form.submit()
  })
}
