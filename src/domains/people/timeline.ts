import { formatDayMonthYear, isIsoDate } from '../../platform/calendar/index.ts'
import type { TimelineEntry } from '../../platform/module.ts'

/** One dated entry on a person's timeline, from any domain (the shape is the module interface's). */
export type TimelineItem = TimelineEntry

interface EpisodeLike {
  sentence_date: string
  expected_release_date: string
  actual_release_date: string | null
  release_type: string | null
  prison_name: string
  pdu_name: string
  sentence_type: string
}

export function episodeTimeline(episodes: EpisodeLike[], today: string): TimelineItem[] {
  return episodes.flatMap((e) => {
    const items: TimelineItem[] = [
      {
        date: e.sentence_date,
        title: `Sentenced (${e.sentence_type.replaceAll('_', ' ')})`,
        detail: `Held at ${e.prison_name}`,
        source: 'Custody',
      },
    ]
    if (e.actual_release_date) {
      items.push({
        date: e.actual_release_date,
        title: `Released from ${e.prison_name}`,
        detail: `${(e.release_type ?? '').replaceAll('_', ' ')}; supervised by ${e.pdu_name}`,
        source: 'Custody',
      })
    } else {
      items.push({
        date: e.expected_release_date,
        title: `Expected release from ${e.prison_name}`,
        detail: `To be supervised by ${e.pdu_name}`,
        source: 'Custody',
        future: e.expected_release_date >= today,
      })
    }
    return items
  })
}

const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g

/**
 * Every date a person reads is in the GOV.UK style, "3 March 2027" (issue 12, defect 12): an ISO
 * date written into an entry's title or detail by any domain is rewritten here, in the one place
 * all timeline entries pass through.
 */
export function readableDates(item: TimelineItem): TimelineItem {
  const words = (text: string) =>
    text.replace(ISO_DATE, (whole: string) => (isIsoDate(whole) ? formatDayMonthYear(whole) : whole))
  return { ...item, title: words(item.title), ...(item.detail ? { detail: words(item.detail) } : {}) }
}
