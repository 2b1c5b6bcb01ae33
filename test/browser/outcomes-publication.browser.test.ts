import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'
import { signedIn } from './pages/sign-in.ts'
import { OutcomesNationalPage } from './pages/outcomes-dashboard.ts'
import { PublicationsPage } from './pages/outcomes-publications.ts'
import { navigation } from '../support/browser.ts'

const t = await browserApp()

describe('a national analyst publishes a quarter and sees a late record revise it', () => {
  it('publishes July to September 2026, then finds the revision and the release behind it', async () => {
    const analyst = await buildUser(t.db, 'national_analyst')
    for (let i = 0; i < 5; i++) {
      const who = await releasedPerson(t.db, LONDON, '2026-08-12', { given: 'Sam', family: `Housed${i + 1}` })
      await statusEvent(t.db, who, '2026-08-12', { accommodation: 'A01C' })
    }
    const late = await releasedPerson(t.db, LONDON, '2026-08-12', { given: 'Lee', family: 'Latecomer' })

    const home = await signedIn(t.newPage, analyst.email)
    await home.menu('Outcomes')
    const dashboard = await OutcomesNationalPage.on(home.page)
    const before = (await dashboard.regionsAgainstTargets()).find(
      (r) => r.Region === 'London' && r.Measure === 'Housed on the first night after release',
    )
    expect(before).toMatchObject({ Rate: '100%', Status: 'Final' })

    await navigation(home.page, () =>
      home.page.getByRole('link', { name: 'Published figures and revisions' }).click(),
    )
    await (await PublicationsPage.on(home.page)).publish('Jul–Sep 2026')
    expect(await home.page.getByText('No figure has changed since publication.').isVisible()).toBe(true)

    // A first-night status recorded today for one of the quarter's releases.
    await statusEvent(t.db, late, '2026-08-12', { accommodation: 'A08A' })
    await home.page.reload()
    const publications = await PublicationsPage.on(home.page)
    const rows = await publications.revisions()
    expect(rows.find((r) => r[0] === 'Housed on the first night after release' && r[1] === 'N07')).toEqual([
      'Housed on the first night after release',
      'N07',
      '100% (5 of 5)',
      '83.3% (5 of 6)',
      '-16.7 pp',
      expect.stringContaining('See the releases'),
    ])
    const revision = await publications.releasesBehind('Housed on the first night after release', 'N07')
    expect(await revision.people()).toEqual(['Latecomer, Lee'])
  })
})
