import { describe, expect, it } from 'vitest'
import { startupBanner } from './banner.ts'
import { loadConfig } from '../platform/config.ts'

describe('the start-up banner', () => {
  const banner = startupBanner({
    url: 'http://localhost:3000',
    database: 'embedded PGlite (.data/pglite)',
    password: 'resettle-demo-2026',
    requestLogs: false,
    users: [
      { email: 'com@demo.resettle.test', role: 'com', organisationName: 'Camden, Islington PDU' },
      { email: 'health@demo.resettle.test', role: 'health_coordinator', organisationName: 'Thameside' },
    ],
  })

  it('says where Resettle runs and lists the demo sign-ins by role name', () => {
    expect(banner).toContain('Resettle is running at http://localhost:3000')
    expect(banner).toContain('Community Offender Manager  com@demo.resettle.test  (Camden, Islington PDU)')
    expect(banner).toContain('password resettle-demo-2026')
  })

  it('does not offer the health coordinator sign-in while that role sees no one', () => {
    expect(banner).not.toContain('health@demo.resettle.test')
  })

  it('says how to turn request logs on', () => {
    expect(banner).toContain('LOG_REQUESTS=true')
  })
})

describe('request logs', () => {
  it('are off by default in development, on in production, and LOG_REQUESTS turns them on', () => {
    expect(loadConfig({}).requestLogs).toBe(false)
    expect(loadConfig({ LOG_REQUESTS: 'true' }).requestLogs).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }).requestLogs).toBe(true)
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), LOG_REQUESTS: 'false' })
        .requestLogs,
    ).toBe(false)
  })
})
