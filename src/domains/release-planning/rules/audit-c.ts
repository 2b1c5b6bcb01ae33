// AUDIT-C, the three consumption questions of the WHO Alcohol Use Disorders Identification Test,
// as used by the NHS and OHID ("Alcohol use screening tests", GOV.UK). Each answer scores 0 to 4,
// so the total is 0 to 12. A score of 5 or more is positive: increasing or higher risk, and the
// full AUDIT should follow.

export const AUDIT_C_QUESTIONS = [
  {
    key: 'frequency',
    text: 'How often do you have a drink containing alcohol?',
    options: [
      'Never',
      'Monthly or less',
      '2 to 4 times a month',
      '2 to 3 times a week',
      '4 or more times a week',
    ],
  },
  {
    key: 'units',
    text: 'How many units of alcohol do you drink on a typical day when you are drinking?',
    options: ['0 to 2', '3 to 4', '5 to 6', '7 to 9', '10 or more'],
  },
  {
    key: 'binge',
    text: 'How often have you had 6 or more units (women) or 8 or more (men) on a single occasion in the last year?',
    options: ['Never', 'Less than monthly', 'Monthly', 'Weekly', 'Daily or almost daily'],
  },
] as const

export const AUDIT_C_POSITIVE_FROM = 5

export type AuditCAnswers = Record<(typeof AUDIT_C_QUESTIONS)[number]['key'], number>

export function scoreAuditC(answers: AuditCAnswers): { score: number; positive: boolean } {
  const score = AUDIT_C_QUESTIONS.reduce((sum, q) => {
    const value = answers[q.key]
    if (!Number.isInteger(value) || value < 0 || value > 4)
      throw new RangeError(`AUDIT-C answer ${q.key} must be 0 to 4`)
    return sum + value
  }, 0)
  return { score, positive: score >= AUDIT_C_POSITIVE_FROM }
}
