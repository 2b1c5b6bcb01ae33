import { formatDate } from '../../platform/calendar/index.ts'
import type { Attendance } from './tables.ts'

const ATTENDANCE: Record<Attendance, string> = {
  attended: 'attended on time',
  late: 'attended late',
  did_not_attend: 'did not attend',
}
const isAttendance = (d: string): d is Attendance => Object.hasOwn(ATTENDANCE, d)
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g

/**
 * What a history line says after its label. Events store their detail as data (an appointment's
 * ISO date, an attendance code), so it is worded here, in the GOV.UK date style, for every row
 * written before or after this (issue 12 defect 12: no raw ISO date in a history).
 */
export function historyDetail(event: string, detail: string | null): string | null {
  if (!detail) return null
  if (event === 'book_assessment' && /^\d{4}-\d{2}-\d{2}$/.test(detail)) return `for ${formatDate(detail)}`
  if (event === 'record_session' && isAttendance(detail)) return ATTENDANCE[detail]
  return detail.replace(ISO_DATE, (iso) => formatDate(iso))
}
