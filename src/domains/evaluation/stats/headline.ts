/**
 * The Justice Data Lab's plain-language sentence for the one-year proven reoffending result. A
 * difference is only claimed when the 95% interval excludes zero; otherwise the analysis "cannot
 * show a difference", which is not the same as showing there is none.
 */
export interface HeadlineInput {
  difference: number
  ciLow: number
  ciHigh: number
}

export function reoffendingHeadline(r: HeadlineInput | null, reasonWithheld?: string): string {
  if (!r)
    return `The analysis cannot show a difference in proven reoffending: ${reasonWithheld ?? 'no result'}.`
  const per100 = (v: number) => Math.round(Math.abs(v) * 100)
  if (r.ciHigh < 0) {
    const [x, y] = [per100(r.ciHigh), per100(r.ciLow)]
    return `For every 100 people who received the service, between ${x} and ${y} fewer were proven to reoffend within a year than in the matched comparison group.`
  }
  if (r.ciLow > 0) {
    const [x, y] = [per100(r.ciLow), per100(r.ciHigh)]
    return `For every 100 people who received the service, between ${x} and ${y} more were proven to reoffend within a year than in the matched comparison group.`
  }
  return 'The analysis cannot show a difference in one-year proven reoffending between the people who received the service and the matched comparison group.'
}
