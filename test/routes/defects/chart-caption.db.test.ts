import { describe, expect, it } from 'vitest'
import { testApp } from '../../support/app.ts'
import { signedInNational } from './signed-in.ts'

// Issue 12, defect 11: the chart's caption pointed to "the table beside" the chart, which is below it.
const t = await testApp()

describe('the dashboard chart’s caption (issue 12, defect 11)', () => {
  it('points to the table below the chart, where it is', async () => {
    const agent = await signedInNational(t, 'national_analyst')
    const res = await agent.get('/outcomes')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<figcaption')
    expect(res.body).not.toContain('table beside')
    expect(res.body).toContain('The table below the chart holds the same numbers.')
  })
})
