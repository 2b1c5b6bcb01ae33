/** What a search box entry means. Pure, so its parsing rules are tested without a database. */

import { isIsoDate } from '../../platform/calendar/index.ts'
export type PersonQuery =
  | { kind: 'prison_number'; value: string }
  | { kind: 'crn'; value: string }
  | { kind: 'pnc'; value: string }
  | { kind: 'date_of_birth'; value: string }
  | { kind: 'name'; prefixes: string[] }

export function parsePersonQuery(input: string): PersonQuery | undefined {
  const text = input.trim().replace(/\s+/g, ' ')
  if (text.length === 0) return undefined
  const upper = text.toUpperCase().replace(/\s/g, '')
  if (/^[A-Z]\d{4}[A-Z]{2}$/.test(upper)) return { kind: 'prison_number', value: upper }
  if (/^[A-Z]\d{6}$/.test(upper)) return { kind: 'crn', value: upper }
  // PNC: year (2 or 4 digits) / serial / check letter, e.g. 2019/0123456A.
  if (/^\d{2,4}\/\d{1,7}[A-Z]$/.test(upper)) return { kind: 'pnc', value: upper }
  const date = parseDate(text)
  if (date) return { kind: 'date_of_birth', value: date }
  const words = text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}' -]/gu, '')
    .split(' ')
    .filter(Boolean)
  if (words.length === 0) return undefined
  const forward = words.join(' ')
  const reversed = [...words.slice(1), words[0]].join(' ')
  return { kind: 'name', prefixes: words.length > 1 ? [forward, reversed] : [forward] }
}

/** 'YYYY-MM-DD' or UK 'D/M/YYYY' (also with - or .), as ISO; undefined when not a real date. */
export function parseDate(text: string): string | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  let y: number, mo: number, d: number
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
    if (!m) return undefined
    ;[d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  }
  return isoDate(y, mo, d)
}

export function isoDate(y: number, mo: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || !Number.isInteger(mo) || !Number.isInteger(d)) return undefined
  const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return isIsoDate(date) ? date : undefined
}
