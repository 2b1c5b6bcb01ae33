import { REQUIREMENTS, RISK_EXCLUSIONS } from './vocabulary.ts'

/** Options for a GOV.UK select or checkboxes from rows, keeping the user's choice. */
export function options(rows: { value: string; text: string }[], selected: unknown, placeholder?: string) {
  const chosen = new Set([selected].flat().filter((v): v is string => typeof v === 'string'))
  return [
    ...(placeholder !== undefined ? [{ value: '', text: placeholder }] : []),
    ...rows.map((r) => ({ ...r, selected: chosen.has(r.value), checked: chosen.has(r.value) })),
  ]
}

const RISK_LABELS: Record<keyof typeof RISK_EXCLUSIONS, string> = {
  risk_to_children: 'Poses a sexual risk to children',
  risk_to_adults: 'Poses a sexual risk to adults',
  arson_history: 'Has an arson history',
}

/** Bedspace requirements, offered on the referral form and the availability search alike. */
export const requirementOptions = (selected: unknown) =>
  options(
    Object.entries(REQUIREMENTS).map(([value, r]) => ({ value, text: r.label })),
    selected,
  )

/** Risk exclusions, offered on the referral form and the availability search alike. */
export const riskOptions = (selected: unknown) =>
  options(
    Object.entries(RISK_LABELS).map(([value, text]) => ({ value, text })),
    selected,
  )
