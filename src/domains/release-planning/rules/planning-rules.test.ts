import { describe, expect, it } from 'vitest'
import { scoreAuditC } from './audit-c.ts'
import { planQuality } from './plan-quality.ts'
import { handoverPack } from './handover-pack.ts'
import { movedActions, movedDate } from './release-date-change.ts'

describe('AUDIT-C', () => {
  it('is positive from a score of 5', () => {
    expect(scoreAuditC({ frequency: 2, units: 1, binge: 1 })).toEqual({ score: 4, positive: false })
    expect(scoreAuditC({ frequency: 3, units: 1, binge: 1 })).toEqual({ score: 5, positive: true })
    expect(scoreAuditC({ frequency: 4, units: 4, binge: 4 })).toEqual({ score: 12, positive: true })
    expect(scoreAuditC({ frequency: 0, units: 0, binge: 0 })).toEqual({ score: 0, positive: false })
  })
  it('refuses an answer outside 0 to 4', () => {
    expect(() => scoreAuditC({ frequency: 5, units: 0, binge: 0 })).toThrow(RangeError)
    expect(() => scoreAuditC({ frequency: 1.5, units: 0, binge: 0 })).toThrow(RangeError)
  })
})

describe('plan quality', () => {
  const need = { id: 'n1', title: 'Open a bank account', status: 'not_started' }
  const action = { personNeedId: 'n1', ownerParty: 'prison', dueDate: '2027-01-01', status: 'not_started' }
  it('fails with nothing assessed', () => {
    expect(
      planQuality({ assessedPathways: 0, needs: [], actions: [], releaseDate: '2027-02-01' }).passes,
    ).toBe(false)
  })
  it('passes when every need has an owned action due by release', () => {
    expect(
      planQuality({ assessedPathways: 1, needs: [need], actions: [action], releaseDate: '2027-02-01' }),
    ).toEqual({ passes: true, problems: [] })
    expect(
      planQuality({
        assessedPathways: 1,
        needs: [need],
        actions: [{ ...action, dueDate: '2027-02-01' }],
        releaseDate: '2027-02-01',
      }).passes,
    ).toBe(true)
  })
  it('fails on an action due after release, cancelled, or for another need; ignores declined needs', () => {
    const check = (a: typeof action) =>
      planQuality({ assessedPathways: 1, needs: [need], actions: [a], releaseDate: '2027-02-01' }).passes
    expect(check({ ...action, dueDate: '2027-02-02' })).toBe(false)
    expect(check({ ...action, status: 'cancelled' })).toBe(false)
    expect(check({ ...action, personNeedId: 'other' })).toBe(false)
    expect(
      planQuality({
        assessedPathways: 1,
        needs: [{ ...need, status: 'declined' }],
        actions: [],
        releaseDate: '2027-02-01',
      }).passes,
    ).toBe(true)
  })
})

describe('handover pack', () => {
  it('is complete only with all four parts', () => {
    const all = { planPasses: true, risksShared: true, assessedPathways: 7, releaseAddress: '1 High Street' }
    expect(handoverPack(all).complete).toBe(true)
    expect(handoverPack({ ...all, releaseAddress: '  ' }).missing).toEqual(['Release address'])
    expect(handoverPack({ ...all, risksShared: false, planPasses: false }).missing).toEqual([
      'Resettlement plan passing the quality check',
      'Risk information shared',
    ])
  })
})

describe('what moves with the release date', () => {
  it('moves actions planned in weeks before release, not those set by hand', () => {
    const moved = movedActions(
      [
        { id: 'a', label: 'ID', date: '2026-11-22', weeksBeforeRelease: 12 },
        { id: 'b', label: 'By hand', date: '2026-12-01', weeksBeforeRelease: null },
      ],
      '2027-02-28',
    )
    expect(moved).toEqual([{ id: 'a', label: 'ID', from: '2026-11-22', to: '2026-12-06' }])
    expect(movedDate('Release day', '2027-01-01', '2027-01-01')).toEqual([])
  })
})
