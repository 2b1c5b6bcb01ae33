import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { mainText, visit, workQueue } from './steps.ts'

// Issue 12, done-when and defect 2: the health coordinator sees no one yet, and its home page
// says why instead of showing empty lists.
const t = await demoBrowserApp()

describe('a health coordinator', () => {
  it(
    'is told on the home page why there is no one to see, and finds no one by searching',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('health')
      const home = await mainText(page)
      expect(home).toContain('recording that consent is not built yet')
      expect(await workQueue(page)).toEqual([])
      await visit(page, '/people?q=a', /./, 'search')
      expect(await mainText(page)).not.toMatch(/\d+ (people|person) found/)
    },
  )
})
