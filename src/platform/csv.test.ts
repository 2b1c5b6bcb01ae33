import { describe, expect, it } from 'vitest'
import { csvCell, parseCsv, toCsv } from './csv.ts'

describe('CSV cells and formula injection', () => {
  it('writes signed figures as they are: numbers, percentages and percentage-point changes', () => {
    for (const figure of ['+9.7 pp', '-3.5 pp', '+12pp', '-4', '+4', '-12.5%', '+0.5 %', '42', '-0.25'])
      expect(csvCell(figure)).toBe(figure)
  })

  it('still prefixes anything a spreadsheet could run as a formula', () => {
    expect(csvCell('=1+2')).toBe(`'=1+2`)
    expect(csvCell('@SUM(A1:A2)')).toBe(`'@SUM(A1:A2)`)
    expect(csvCell('\tdata')).toBe(`'\tdata`)
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
    expect(csvCell("+cmd|' /C calc'!A0")).toBe(`'+cmd|' /C calc'!A0`)
    expect(csvCell('-2+3+cmd|x!A0')).toBe(`'-2+3+cmd|x!A0`)
    expect(csvCell('+9.7 pp+HYPERLINK("x")')).toBe(`"'+9.7 pp+HYPERLINK(""x"")"`)
    expect(csvCell('-A1')).toBe(`'-A1`)
    expect(csvCell('+1e9')).toBe(`'+1e9`)
  })

  it('round-trips a change column without a quote', () => {
    const csv = toCsv(['Measure', 'Change'], [['Housed', '+9.7 pp']])
    expect(parseCsv(csv)).toEqual([{ Measure: 'Housed', Change: '+9.7 pp' }])
  })
})
