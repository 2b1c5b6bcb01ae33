import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'
import { signedIn } from './pages/sign-in.ts'
import { VariationExplorerPage } from './pages/variation.ts'

const t = await browserApp()

describe('an analyst looks for who does worse, and where', () => {
  it('splits the first night by sex, reads the gap, and finds the outlying region on the funnel plot', async () => {
    const analyst = await buildUser(t.db, 'national_analyst')
    const add = async (place: typeof LONDON, sex: 'male' | 'female', housed: number, not: number) => {
      for (let i = 0; i < housed + not; i++) {
        const who = await releasedPerson(t.db, place, '2026-08-12')
        await sql`update person set sex = ${sex} where id = ${who.id}`.execute(t.db)
        await statusEvent(t.db, who, '2026-08-12', { accommodation: i < housed ? 'A01C' : 'A08A' })
      }
    }
    await add(LONDON, 'male', 40, 20)
    await add(LONDON, 'female', 10, 30)
    await add(MANCHESTER, 'male', 60, 0)

    const home = await signedIn(t.newPage, analyst.email)
    await home.page.goto(new URL('/outcomes/variation', home.page.url()).toString())
    const explorer = await VariationExplorerPage.on(home.page)
    const result = await explorer.show({
      measure: 'Housed on the first night after release',
      by: 'Sex',
      from: '2026-Q3',
      to: '2026-Q3',
    })
    expect(await result.hasChart()).toBe(true)
    const rows = await result.rows()
    expect(rows.find((r) => r.Sex === 'Female')).toMatchObject({
      Rate: '25%',
      Numerator: '10',
      Denominator: '40',
      Significant: 'Yes',
    })
    expect(
      await home.page
        .locator('li', { hasText: 'Female: housed on the first night after release less often' })
        .count(),
    ).toBe(1)

    const funnel = await result.toFunnel()
    const regions = await funnel.showAreas('Regions')
    expect(await regions.hasChart()).toBe(true)
    expect(await regions.outliers()).toEqual(expect.arrayContaining(['Greater Manchester']))
  })
})
