import { describe, expect, it } from 'vitest'
import {
  countByMonth,
  dayNumber,
  durationsOf,
  hazard,
  heldFromFlow,
  mape,
  monthEdges,
  monthOfDay,
  releasesFromFlow,
  scaledStay,
  survival,
} from './flow.ts'
import { forecast, type History } from './model.ts'

describe('month edges', () => {
  it('are calendar months as day offsets from the as-of date', () => {
    // January 31, February 28 (2027 is not a leap year), March 31.
    expect(monthEdges('2027-01-01', 3)).toEqual([0, 31, 59, 90])
    expect(monthOfDay([0, 31, 59, 90], 30)).toBe(0)
    expect(monthOfDay([0, 31, 59, 90], 31)).toBe(1)
    expect(monthOfDay([0, 31, 59, 90], 89)).toBe(2)
    expect(monthOfDay([0, 31, 59, 90], 90)).toBe(-1)
    expect(monthOfDay([0, 31, 59, 90], -1)).toBe(-1)
  })
})

describe('a stock of 10 with known release dates', () => {
  // Worked by hand: as of 1 January 2027, 3 due in January, 4 in February, 2 in March and
  // 1 in June; the forecast for the first four months is 3, 4, 2, 0.
  const dates = [
    '2027-01-02',
    '2027-01-15',
    '2027-01-31',
    '2027-02-01',
    '2027-02-10',
    '2027-02-27',
    '2027-02-28',
    '2027-03-01',
    '2027-03-31',
    '2027-06-15',
  ]
  const day0 = dayNumber('2027-01-01')
  const days = dates.map((d) => dayNumber(d) - day0)

  it('counts each release in its month', () => {
    expect(countByMonth(monthEdges('2027-01-01', 4), days)).toEqual([3, 4, 2, 0])
  })

  it('is what the model forecasts when nothing else flows', () => {
    const history: History = {
      episodes: days.map((release) => ({
        region: 'R',
        pdu: 'P',
        prison: 'X',
        council: 'C',
        recall: false,
        determinate: false,
        sentence: -400,
        release,
      })),
      licences: [],
      demand: [],
    }
    const [r] = forecast(history, '2027-01-01', 6, 'region')
    expect(r?.series.releases).toEqual([3, 4, 2, 0, 0, 1])
    // No licences recorded: no licence share, so no caseload.
    expect(r?.series.caseload.every((c) => c >= 0)).toBe(true)
  })

  it('brings determinate releases forward when the release point moves from 50% to 40%', () => {
    // Sentenced before the 12 months of history, so nothing here is a reception flow.
    // A: 370 days in, due at day 230 (a 600-day stay) → 480 days at 40%: day 110, April.
    // B: 400 days in, due at day 10 → 328 days at 40%, already served: out on day 0.
    // C: not a standard determinate sentence: unchanged, day 100, April.
    const row = { region: 'R', pdu: 'P', prison: 'X', council: 'C', recall: false }
    const history: History = {
      episodes: [
        { ...row, determinate: true, sentence: -370, release: 230 },
        { ...row, determinate: true, sentence: -400, release: 10 },
        { ...row, determinate: false, sentence: -400, release: 100 },
      ],
      licences: [],
      demand: [],
    }
    const base = forecast(history, '2027-01-01', 6, 'region')[0]?.series.releases
    const sds40 = forecast(history, '2027-01-01', 6, 'region', {
      receptionsChangePct: 0,
      sdsReleasePoint: 0.4,
      recallRateChangePct: 0,
    })[0]?.series.releases
    expect(base).toEqual([1, 0, 0, 1, 0, 0])
    expect(sds40).toEqual([1, 0, 0, 2, 0, 0])
  })
})

describe('a constant reception flow', () => {
  it('reaches steady state: releases at the reception rate, held at rate × length of stay', () => {
    // 2 a day, every stay exactly 30 days: releases begin on day 30 and then run at 2 a day.
    const dist = durationsOf([30, 30, 30], 100)
    expect(dist.mean).toBe(30)
    const edges = [0, 30, 60, 90]
    expect(releasesFromFlow(edges, 2, dist)).toEqual([0, 60, 60])
    // Little's law: 2 a day × 30 days = 60 held once the flow is steady.
    expect(heldFromFlow(2, dist, 29)).toBe(60)
    expect(heldFromFlow(2, dist, 200)).toBe(60)
    expect(heldFromFlow(2, dist, 9)).toBe(20)
  })

  it('with mixed stays: half of 10 days and half of 50, steady stock is rate × mean stay', () => {
    const dist = durationsOf([10, 50], 100)
    expect(dist.mean).toBe(30)
    expect(heldFromFlow(1, dist, 60)).toBeCloseTo(30, 10)
    // Days 10 to 49 only the short stays leave: half a release a day.
    expect(releasesFromFlow([0, 10, 50, 60], 1, dist)).toEqual([0, 20, 10])
  })
})

describe('small rules', () => {
  it('scales a stay but never below time served', () => {
    expect(scaledStay(200, 0.8)).toBe(160)
    expect(scaledStay(120, 0.8, 110)).toBe(110)
  })
  it('estimates a hazard from events over exposure, and survival from it', () => {
    expect(hazard(3, 300)).toBe(0.01)
    expect(hazard(3, 0)).toBe(0)
    expect(survival(0.01, 100)).toBeCloseTo(Math.exp(-1), 12)
  })
  it('takes the mean absolute percentage error over months with something in them', () => {
    expect(
      mape([
        { forecast: 110, actual: 100 },
        { forecast: 45, actual: 50 },
        { forecast: 3, actual: 0 },
      ]),
    ).toBeCloseTo(10, 10)
    expect(mape([])).toBeNull()
  })
})
