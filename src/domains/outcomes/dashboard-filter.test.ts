import { describe, expect, it } from 'vitest'
import { choicesInScope, filterAllowed } from './dashboard-filter.ts'

// Issue 12, item 3: the areas a dashboard can be narrowed to are the reader's (a PDU user their
// PDU, a regional lead their region's PDUs and the prisons that release into it, national all).
const all = {
  pdus: [
    { code: 'LDNNCAI', name: 'Camden, Islington', regionCode: 'N07' },
    { code: 'LDNBBG', name: 'Greenwich and Bexley', regionCode: 'N07' },
    { code: 'N50MANC', name: 'Manchester North', regionCode: 'N50' },
  ],
  prisons: [
    { code: 'PVI', name: 'Pentonville', regionCodes: ['N07'] },
    { code: 'MRI', name: 'Manchester', regionCodes: ['N07', 'N50'] },
  ],
}
const codes = (c: ReturnType<typeof choicesInScope>) => [
  c.pdus.map((p) => p.code),
  c.prisons.map((p) => p.code),
]

describe('which PDUs and prisons a dashboard can be narrowed to', () => {
  it('offers a national user every area, or a region’s', () => {
    expect(codes(choicesInScope({ level: 'national' }, all, undefined))).toEqual([
      ['LDNNCAI', 'LDNBBG', 'N50MANC'],
      ['PVI', 'MRI'],
    ])
    expect(codes(choicesInScope({ level: 'national' }, all, 'N50'))).toEqual([['N50MANC'], ['MRI']])
  })

  it('offers a regional lead their own region’s areas, and none on another region’s page', () => {
    const lead = { level: 'region', regionCode: 'N50' } as const
    expect(codes(choicesInScope(lead, all, 'N50'))).toEqual([['N50MANC'], ['MRI']])
    expect(codes(choicesInScope(lead, all, undefined))).toEqual([['N50MANC'], ['MRI']])
    expect(codes(choicesInScope(lead, all, 'N07'))).toEqual([[], []])
  })

  it('offers a PDU its own PDU and a prison its own prison; other organisations nothing', () => {
    expect(codes(choicesInScope({ level: 'pdu', pduCode: 'LDNBBG' }, all, 'N07'))).toEqual([['LDNBBG'], []])
    expect(codes(choicesInScope({ level: 'pdu', pduCode: 'LDNBBG' }, all, 'N50'))).toEqual([[], []])
    expect(codes(choicesInScope({ level: 'prison', prisonCode: 'MRI' }, all, 'N07'))).toEqual([[], ['MRI']])
    expect(codes(choicesInScope({ level: 'council', localAuthorityCode: 'E09000019' }, all, 'N07'))).toEqual([
      [],
      [],
    ])
  })

  it('accepts only values among the choices', () => {
    const choices = choicesInScope({ level: 'region', regionCode: 'N07' }, all, 'N07')
    expect(filterAllowed({}, choices)).toBe(true)
    expect(filterAllowed({ pdu: 'LDNBBG' }, choices)).toBe(true)
    expect(filterAllowed({ prison: 'MRI' }, choices)).toBe(true)
    expect(filterAllowed({ pdu: 'N50MANC' }, choices)).toBe(false)
    expect(filterAllowed({ prison: 'ZZI' }, choices)).toBe(false)
  })
})
