// The plan-quality check. The National Audit Office found about one in three resettlement plans
// did not identify the person's needs; domain.md section 5: "the plan is good when every
// identified need has an action with an owner and a due date before release".
//
// Our reading: an identified need is one recorded for this release that the person has not
// declined. An action counts when it is linked to the need, is not cancelled, has an owner and is
// due on or before the release date. A plan with no assessment at all fails, because a plan that
// has not looked for needs has not identified them.

export interface QualityNeed {
  id: string
  title: string
  status: string
}
export interface QualityAction {
  personNeedId: string | null
  ownerParty: string | null
  dueDate: string | null
  status: string
}

export interface PlanQuality {
  passes: boolean
  problems: string[]
}

export function planQuality(input: {
  assessedPathways: number
  needs: QualityNeed[]
  actions: QualityAction[]
  releaseDate: string
}): PlanQuality {
  const problems: string[] = []
  if (input.assessedPathways === 0) problems.push('No pathway has been assessed')
  for (const need of input.needs) {
    if (need.status === 'declined') continue
    const covered = input.actions.some(
      (a) =>
        a.personNeedId === need.id &&
        a.status !== 'cancelled' &&
        Boolean(a.ownerParty) &&
        a.dueDate !== null &&
        a.dueDate <= input.releaseDate,
    )
    if (!covered) problems.push(`“${need.title}” has no action with an owner due by the release date`)
  }
  return { passes: problems.length === 0, problems }
}
