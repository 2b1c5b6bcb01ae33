/**
 * The covariates of the propensity model (domain.md section 13d: demographics, offending history
 * and needs), written once as data. A missing value is never dropped or guessed silently:
 * - a categorical covariate gets an explicit 'missing' level;
 * - a numeric one is set to the mean of the known values and gets a 'missing' indicator, so the
 *   model can tell "not recorded" apart from any real value.
 * Each categorical covariate drops its most common level as the reference (so the columns are not
 * collinear with the intercept); the balance table still reports every level.
 */
export type Need = 'yes' | 'no' | null

export interface EvaluationUnit {
  /** The release: person and release date (domain.md section 10: several episodes on one day count once). */
  personId: string
  releaseDate: string
  treated: boolean
  sex: string
  ageAtRelease: number | null
  ethnicGroup: string | null
  previousOffences: number | null
  indexOffenceGroup: string | null
  sentenceLengthBand: string | null
  region: string
  accommodationNeed: Need
  employmentNeed: Need
  substanceMisuseNeed: Need
  outcomes: UnitOutcomes
}

/** Outcome values; null = not known or not measurable for this release (outside the denominator). */
export interface UnitOutcomes {
  reoffended: number | null
  reoffences: number | null
  daysToFirstReoffence: number | null
  housedFirstNight: number | null
  settled3Months: number | null
  employed6Weeks: number | null
  employed6Months: number | null
}

type Value = string | number | null
export interface CovariateSpec {
  key: string
  label: string
  kind: 'categorical' | 'numeric'
  get: (u: EvaluationUnit) => Value
}

export const COVARIATES: readonly CovariateSpec[] = [
  { key: 'sex', label: 'Sex', kind: 'categorical', get: (u) => u.sex },
  { key: 'age', label: 'Age at release', kind: 'numeric', get: (u) => u.ageAtRelease },
  { key: 'ethnicity', label: 'Ethnic group', kind: 'categorical', get: (u) => u.ethnicGroup },
  { key: 'previous_offences', label: 'Previous offences', kind: 'numeric', get: (u) => u.previousOffences },
  {
    key: 'index_offence',
    label: 'Index offence group',
    kind: 'categorical',
    get: (u) => u.indexOffenceGroup,
  },
  { key: 'sentence_length', label: 'Sentence length', kind: 'categorical', get: (u) => u.sentenceLengthBand },
  { key: 'region', label: 'Region', kind: 'categorical', get: (u) => u.region },
  {
    key: 'need_accommodation',
    label: 'Accommodation need',
    kind: 'categorical',
    get: (u) => u.accommodationNeed,
  },
  { key: 'need_employment', label: 'Employment need', kind: 'categorical', get: (u) => u.employmentNeed },
  {
    key: 'need_substance_misuse',
    label: 'Substance misuse need',
    kind: 'categorical',
    get: (u) => u.substanceMisuseNeed,
  },
]

export const MISSING = 'missing'

export interface DesignColumn {
  /** e.g. 'region=London' or 'age' or 'age:missing'. */
  name: string
  label: string
  covariate: string
  /** In the propensity model (false: the reference level, shown in the balance table only). */
  inModel: boolean
}

export interface Design {
  columns: DesignColumn[]
  /** Row-major, n by columns.length (every column, reference levels included). */
  values: Float64Array
  n: number
}

export function buildDesign(
  units: readonly EvaluationUnit[],
  specs: readonly CovariateSpec[] = COVARIATES,
): Design {
  const columns: DesignColumn[] = []
  // Each covariate is read once per unit, then written straight into its columns: at 200,000
  // releases a closure per cell was the slowest step of an evaluation (bench/evaluation.ts).
  const writers: ((values: Float64Array, p: number) => void)[] = []
  for (const spec of specs) {
    const raw = units.map(spec.get)
    const first = columns.length
    if (spec.kind === 'numeric') {
      let sum = 0
      let known = 0
      for (const v of raw)
        if (typeof v === 'number') {
          sum += v
          known++
        }
      const mean = known ? sum / known : 0
      columns.push({ name: spec.key, label: spec.label, covariate: spec.key, inModel: true })
      columns.push({
        name: `${spec.key}:${MISSING}`,
        label: `${spec.label}: not recorded`,
        covariate: spec.key,
        inModel: true,
      })
      writers.push((values, p) =>
        raw.forEach((v, i) => {
          const isNumber = typeof v === 'number'
          values[i * p + first] = isNumber ? v : mean
          values[i * p + first + 1] = isNumber ? 0 : 1
        }),
      )
      continue
    }
    const levelOfUnit = raw.map(levelOf)
    const counts = new Map<string, number>()
    for (const level of levelOfUnit) counts.set(level, (counts.get(level) ?? 0) + 1)
    // Sorted by name so the design (and so every number) does not depend on row order.
    const levels = [...counts.keys()].sort()
    const reference = [...levels].sort(
      (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
    )[0]
    const position = new Map(levels.map((level, k) => [level, first + k]))
    for (const level of levels)
      columns.push({
        name: `${spec.key}=${level}`,
        label: `${spec.label}: ${level === MISSING ? 'not recorded' : level.replaceAll('_', ' ')}`,
        covariate: spec.key,
        inModel: level !== reference,
      })
    writers.push((values, p) => levelOfUnit.forEach((level, i) => (values[i * p + position.get(level)!] = 1)))
  }
  const p = columns.length
  const values = new Float64Array(units.length * p)
  for (const write of writers) write(values, p)
  return { columns, values, n: units.length }
}

function levelOf(v: Value): string {
  return v === null || v === '' ? MISSING : String(v)
}

/** The model's columns of a design, row-major. */
export function modelMatrix(design: Design): { x: Float64Array; p: number; names: string[] } {
  const idx = design.columns.flatMap((c, j) => (c.inModel ? [j] : []))
  const all = design.columns.length
  const x = new Float64Array(design.n * idx.length)
  for (let i = 0; i < design.n; i++)
    idx.forEach((j, c) => (x[i * idx.length + c] = design.values[i * all + j]!))
  return { x, p: idx.length, names: idx.map((j) => design.columns[j]!.name) }
}
