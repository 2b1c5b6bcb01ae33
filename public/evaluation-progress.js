// Polls an evaluation's status while it runs (src/domains/evaluation/routes.ts) and shows the
// page again once it has finished. Without script, the "Check progress" link does the same.
;(function () {
  var root = document.querySelector('[data-evaluation-status]')
  if (!root) return
  var url = root.getAttribute('data-evaluation-status')
  var text = root.querySelector('[role=status]')
  var bar = root.querySelector('progress')
  function poll() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        return res.json()
      })
      .then(function (s) {
        if (s.status === 'done' || s.status === 'failed') return window.location.reload()
        if (text && s.step) text.textContent = s.step + '.'
        if (bar) bar.value = s.percent
        setTimeout(poll, 2000)
      })
      .catch(function () {
        setTimeout(poll, 5000)
      })
  }
  setTimeout(poll, 2000)
})()
