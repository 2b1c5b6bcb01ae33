import { DEMO_FOCUS } from './geography.ts'
import type { Estate } from './estate.ts'

/**
 * A share of the people are released from Pentonville into Camden and Islington PDU, so that
 * every demo user's worklist has people in it even in a small data set. At national scale the
 * region's own share fills the worklists and the cohort is capped.
 */
const FOCUS = { share: 0.04, min: 20, max: 150 } as const

export interface FocusSlot {
  upcoming: boolean
  councilCode: string
}

export function focusPlan(people: number, estate: Estate): (index: number) => FocusSlot | null {
  const london = estate.byRegion.get(DEMO_FOCUS.regionCode)
  const pdu = london?.pdus.find((p) => p.code === DEMO_FOCUS.pduCode)
  const hasPrison = london?.male.some(([code]) => code === DEMO_FOCUS.prisonCode) ?? false
  if (!pdu || !hasPrison || !pdu.councils.includes(DEMO_FOCUS.councilCode) || people === 0) return () => null
  const count = Math.min(people, FOCUS.max, Math.max(FOCUS.min, Math.round(people * FOCUS.share)))
  const stride = Math.floor(people / count)
  return (index) => {
    if (index % stride !== 0 || index / stride >= count) return null
    const k = index / stride
    // Two in five are due out in the next 12 weeks; one in four lives in Camden, the rest in Islington.
    const councilCode =
      k % 4 === 3 && pdu.councils.includes(DEMO_FOCUS.neighbourCouncilCode)
        ? DEMO_FOCUS.neighbourCouncilCode
        : DEMO_FOCUS.councilCode
    return { upcoming: k % 5 < 2, councilCode }
  }
}
