import { englandAndWalesCalendar } from '../../platform/calendar/index.ts'
import { isoOfDay, type WorkingDays } from './flow.ts'

/** Working days in England and Wales by day number, remembered: the model asks for each day many times. */
export function workingDateTest(): WorkingDays {
  const calendar = englandAndWalesCalendar()
  const known = new Map<number, boolean>()
  return (day) => {
    let w = known.get(day)
    if (w === undefined) known.set(day, (w = !calendar.isNonWorkingDay(isoOfDay(day))))
    return w
  }
}
