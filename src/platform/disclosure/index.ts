/** The one disclosure-control module: every published aggregate goes through it. */
export { ALL, protectGrouped, sumsOf, type GroupedCell, type ProtectedCell } from './grouped.ts'
export { DEFAULT_THRESHOLD, disclosurePolicy, isSmall, roundCount, type DisclosurePolicy } from './policy.ts'
export { recoverable, suppressTable, type Sum, type Suppression } from './suppress.ts'
export { kAnonymise, LADDER, type KAnonymityResult, type QuasiIdentifiers } from './k-anonymity.ts'
