import { describe, expect, expectTypeOf, it } from 'vitest'
import { camelCase, camelRow, camelRows, type CamelCase } from './camel.ts'

describe('camelRow: the one snake_case to camelCase mapper', () => {
  it('renames every key and keeps every value as it is', () => {
    const row = { id: 'p1', given_name: 'Ada', date_of_birth: '1990-02-03', released_on: null, version: 3 }
    const camel = camelRow(row)
    expect(camel).toEqual({
      id: 'p1',
      givenName: 'Ada',
      dateOfBirth: '1990-02-03',
      releasedOn: null,
      version: 3,
    })
    expectTypeOf(camel).toEqualTypeOf<{
      id: string
      givenName: string
      dateOfBirth: string
      releasedOn: null
      version: number
    }>()
  })

  it('takes only the columns asked for, so an answer carries nothing else the query selected', () => {
    const row = { id: 'u1', password_hash: 'secret', family_name: 'Lovelace' }
    const camel = camelRow(row, ['id', 'family_name'])
    expect(camel).toEqual({ id: 'u1', familyName: 'Lovelace' })
    expect(Object.keys(camel)).not.toContain('passwordHash')
    expectTypeOf(camel).toEqualTypeOf<{ id: string; familyName: string }>()
  })

  it('is shallow: nested objects and arrays keep their own keys', () => {
    const row = { some_list: [{ inner_key: 1 }], some_json: { kept_as_is: true } }
    expect(camelRow(row)).toEqual({ someList: [{ inner_key: 1 }], someJson: { kept_as_is: true } })
  })

  it('keeps optional and nullable columns optional and nullable in the type', () => {
    const row: { local_authority_code?: string | null } = {}
    expectTypeOf(camelRow(row)).toEqualTypeOf<{ localAuthorityCode?: string | null }>()
    expect(camelRow(row)).toEqual({})
  })

  it('maps lists, with or without a column choice', () => {
    const rows = [
      { person_id: 'a', risk_level: 'high' },
      { person_id: 'b', risk_level: 'low' },
    ]
    expect(camelRows(rows)).toEqual([
      { personId: 'a', riskLevel: 'high' },
      { personId: 'b', riskLevel: 'low' },
    ])
    expect(camelRows(rows, ['person_id'])).toEqual([{ personId: 'a' }, { personId: 'b' }])
    expectTypeOf(camelRows(rows, ['person_id'])).toEqualTypeOf<{ personId: string }[]>()
  })

  it('computes at run time exactly the key its type names, on awkward names too', () => {
    // Each case is checked twice: the value by the run time, the literal type by the compiler.
    expect(camelCase('sentence_length_band')).toBe('sentenceLengthBand')
    expectTypeOf(camelCase('sentence_length_band')).toEqualTypeOf<'sentenceLengthBand'>()
    expect(camelCase('plain')).toBe('plain')
    expectTypeOf(camelCase('plain')).toEqualTypeOf<'plain'>()
    expect(camelCase('under_12_months')).toBe('under12Months')
    expectTypeOf(camelCase('under_12_months')).toEqualTypeOf<'under12Months'>()
    expect(camelCase('a__b')).toBe('aB')
    expectTypeOf(camelCase('a__b')).toEqualTypeOf<CamelCase<'a__b'>>()
    expectTypeOf<CamelCase<'a__b'>>().toEqualTypeOf<'aB'>()
    expect(camelCase('trailing_')).toBe('trailing')
    expectTypeOf<CamelCase<'trailing_'>>().toEqualTypeOf<'trailing'>()
    expect(camelCase('_leading')).toBe('Leading')
    expectTypeOf<CamelCase<'_leading'>>().toEqualTypeOf<'Leading'>()
  })
})
