import { describe, expect, it } from 'vitest'
import { testDatabase } from './support/db.ts'

const { db } = await testDatabase()

describe('test database', () => {
  it('starts migrated with reference data and no people', async () => {
    const regions = await db.selectFrom('region').select('code').execute()
    expect(regions).toHaveLength(12)
    const people = await db.selectFrom('person').select('id').execute()
    expect(people).toHaveLength(0)
  })

  it('refuses to change the audit log', async () => {
    await db
      .insertInto('audit_event')
      .values({ action: 'read', record_type: 'person', route: 'test', outcome: 'allowed' })
      .execute()
    await expect(db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/)
  })
})
