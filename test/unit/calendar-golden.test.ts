// Issue 11, Done when: "the release-day rule gives the same answers for 2024 to 2028 as before the
// move". calendar-golden/golden.json.gz (gzipped JSON, 100 kB rather than 1 MB) holds the answers of every date rule written from the code
// before the move to the one calendar (see calendar-golden/answers.ts). It must never be
// regenerated to make this test pass: a difference here is a changed answer.
import { readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { allAnswers } from './calendar-golden/answers.ts'

const GOLDEN = new URL('./calendar-golden/golden.json.gz', import.meta.url)

describe('date rules give the same answers for 2024 to 2028 as before the move to one calendar', () => {
  const actual = allAnswers()
  if (process.env.WRITE_CALENDAR_GOLDEN === 'before-the-move') {
    writeFileSync(GOLDEN, gzipSync(`${JSON.stringify(actual, null, 1)}\n`, { level: 9 }))
  }
  const golden = JSON.parse(gunzipSync(readFileSync(GOLDEN)).toString('utf8')) as ReturnType<
    typeof allAnswers
  >

  it('covers every day of 2024 to 2028 (1,827 days) for the release-day rule', () => {
    expect(golden.releaseDay.adult?.days).toHaveLength(1827)
    expect(Object.keys(golden.releaseDay)).toHaveLength(6)
  })
  for (const profile of Object.keys(golden.releaseDay)) {
    it(`release day, ${profile}: every date and explanation`, () => {
      expect(actual.releaseDay[profile]).toEqual(golden.releaseDay[profile])
    })
  }
  for (const section of [
    'handover',
    'checkpoints',
    'cas3',
    'dates',
    'london',
    'format',
    'demoCalendar',
  ] as const) {
    it(section, () => expect(actual[section]).toEqual(golden[section]))
  }
})
