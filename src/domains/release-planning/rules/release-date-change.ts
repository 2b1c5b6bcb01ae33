// When the expected release date changes, every date planned from it moves with it: standard
// actions due a set number of weeks before release, the handover and COM allocation dates, and the
// release day under the Offenders (Day of Release from Detention) Act 2023. This lists what moved
// so the user can see it; the caller keeps the history.

import { addDays } from '../../../platform/calendar/index.ts'

export interface DatedItem {
  id: string
  label: string
  date: string
  weeksBeforeRelease: number | null
}

export interface Moved {
  id: string | null
  label: string
  from: string
  to: string
}

export function movedActions(items: DatedItem[], newReleaseDate: string): Moved[] {
  return items
    .filter((i) => i.weeksBeforeRelease !== null)
    .map((i) => ({
      id: i.id,
      label: i.label,
      from: i.date,
      to: addDays(newReleaseDate, -7 * (i.weeksBeforeRelease ?? 0)),
    }))
    .filter((m) => m.from !== m.to)
}

export function movedDate(label: string, from: string, to: string): Moved[] {
  return from === to ? [] : [{ id: null, label, from, to }]
}
