import { DAYS_PER_YEAR, isoOf, yearOf } from './calendar.ts'
import { crn, pncId, prisonNumber } from './identifiers.ts'
import { personName } from './names.ts'
import { weighted, type Rng } from './prng.ts'
import { REGION_WEIGHTS } from './geography.ts'

/**
 * Who the demo people are. The parameters are data so that docs/demo-data.md can cite each one.
 * Proportions are of releases, close enough to people since most people are released once.
 */
export const PERSON_PARAMETERS = {
  /** Women are about 4% of the prison population but a larger share of releases (shorter sentences). */
  femaleShare: 0.075,
  /** High-level ONS 2021 groups among people released, nationally, in per cent. */
  ethnicityNational: { White: 72, Black: 12, Asian: 8, Mixed: 5, Other: 3 } as Record<HighLevelGroup, number>,
  /** London's prison leavers are far more diverse than elsewhere. */
  ethnicityLondon: { White: 45, Black: 30, Asian: 12, Mixed: 8, Other: 5 } as Record<HighLevelGroup, number>,
  /** Ethnicity not stated or refused. */
  ethnicityNotStated: 0.02,
  /** Age at first release in the demo window: [from, to inclusive, weight in per cent]. */
  ageBands: [
    [18, 20, 6],
    [21, 24, 13],
    [25, 29, 18],
    [30, 34, 19],
    [35, 39, 16],
    [40, 44, 11],
    [45, 49, 8],
    [50, 59, 7],
    [60, 75, 2],
  ] as const,
  communicationNeedsShare: 0.12,
} as const

type HighLevelGroup = 'White' | 'Black' | 'Asian' | 'Mixed' | 'Other'

/** Categories within each high-level group (ONS codes as NOMIS uses them), relative weights. */
const CATEGORIES: Record<HighLevelGroup, readonly (readonly [string, number])[]> = {
  White: [
    ['W1', 84],
    ['W2', 2],
    ['W3', 4],
    ['W5', 1],
    ['W9', 9],
  ],
  Black: [
    ['B1', 45],
    ['B2', 37],
    ['B9', 18],
  ],
  Asian: [
    ['A1', 18],
    ['A2', 45],
    ['A3', 15],
    ['A4', 4],
    ['A9', 18],
  ],
  Mixed: [
    ['M1', 45],
    ['M2', 15],
    ['M3', 15],
    ['M9', 25],
  ],
  Other: [
    ['O2', 30],
    ['O9', 70],
  ],
}

const LONDON = 'N07'

function ethnicityTables(): { london: [HighLevelGroup, number][]; elsewhere: [HighLevelGroup, number][] } {
  const londonShare = (REGION_WEIGHTS.find(([code]) => code === LONDON)?.[1] ?? 0) / 100
  const groups = Object.keys(PERSON_PARAMETERS.ethnicityNational) as HighLevelGroup[]
  // Elsewhere is what is left of the national mix once London's share is taken out.
  const elsewhere = groups.map((g): [HighLevelGroup, number] => [
    g,
    Math.max(
      0,
      (PERSON_PARAMETERS.ethnicityNational[g] - londonShare * PERSON_PARAMETERS.ethnicityLondon[g]) /
        (1 - londonShare),
    ),
  ])
  return { london: groups.map((g) => [g, PERSON_PARAMETERS.ethnicityLondon[g]]), elsewhere }
}
const ETHNICITY = ethnicityTables()

export function chooseEthnicGroup(rng: Rng, regionCode: string, known: ReadonlySet<string>): string | null {
  if (rng.chance(PERSON_PARAMETERS.ethnicityNotStated)) return null
  const group = weighted(rng, regionCode === LONDON ? ETHNICITY.london : ETHNICITY.elsewhere)
  const code = weighted(rng, CATEGORIES[group])
  return known.has(code) ? code : null
}

export function chooseSex(rng: Rng): 'male' | 'female' {
  return rng.chance(PERSON_PARAMETERS.femaleShare) ? 'female' : 'male'
}

export function ageAtRelease(rng: Rng): number {
  const [from, to] = weighted(
    rng,
    PERSON_PARAMETERS.ageBands.map(([a, b, w]) => [[a, b] as const, w] as const),
  )
  return rng.between(from, to)
}

/** Languages people asked to be spoken to in, by ethnic group; null means English. */
const LANGUAGES: Record<string, readonly (readonly [string | null, number])[]> = {
  W9: [
    [null, 45],
    ['Polish', 20],
    ['Romanian', 15],
    ['Lithuanian', 8],
    ['Albanian', 7],
    ['Portuguese', 5],
  ],
  W5: [
    [null, 40],
    ['Romanian', 35],
    ['Slovak', 15],
    ['Romani', 10],
  ],
  A2: [
    [null, 88],
    ['Urdu', 8],
    ['Punjabi', 4],
  ],
  A1: [
    [null, 90],
    ['Punjabi', 6],
    ['Gujarati', 4],
  ],
  A3: [
    [null, 85],
    ['Bengali', 10],
    ['Sylheti', 5],
  ],
  A4: [
    [null, 60],
    ['Mandarin', 25],
    ['Cantonese', 15],
  ],
  A9: [
    [null, 50],
    ['Vietnamese', 30],
    ['Tamil', 10],
    ['Pashto', 10],
  ],
  B2: [
    [null, 80],
    ['Somali', 10],
    ['Tigrinya', 6],
    ['French', 4],
  ],
  O2: [
    [null, 50],
    ['Arabic', 50],
  ],
  O9: [
    [null, 50],
    ['Kurdish', 20],
    ['Turkish', 15],
    ['Farsi', 10],
    ['Spanish', 5],
  ],
}

const NEEDS: readonly (readonly [string, number])[] = [
  ['Dyslexia: explain letters and forms in person', 30],
  ['Low literacy: read written information aloud and check understanding', 25],
  ['Learning disability: use easy-read materials and allow extra time', 12],
  ['Autistic: give clear notice of any change to appointments', 10],
  ['ADHD: keep appointments short with written reminders', 10],
  ['Hearing impairment: needs a BSL interpreter', 4],
  ['Visual impairment: large print documents', 4],
  ['Acquired brain injury: send appointment reminders the day before', 5],
]

export interface PersonRow {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
  sex: 'male' | 'female'
  ethnic_group_code: string | null
  prison_number: string
  crn: string
  pnc_id: string
  communication_needs: string | null
  preferred_language: string | null
}

export interface PersonContext {
  seed: number
  index: number
  id: string
  sex: 'male' | 'female'
  ethnicGroup: string | null
  regionCode: string
  /** The first release in the demo window, and when that sentence began. */
  firstReleaseDay: number
  firstSentenceDay: number
}

export function buildPerson(rng: Rng, p: PersonContext): PersonRow {
  const { given, family } = personName(rng, p.ethnicGroup, p.sex)
  let dob = p.firstReleaseDay - Math.floor(ageAtRelease(rng) * DAYS_PER_YEAR) - rng.int(365)
  // Nobody in the demo was sentenced as a child: long sentences push the birth date back.
  const adultAtSentence = p.firstSentenceDay - Math.ceil(18 * DAYS_PER_YEAR)
  if (dob > adultAtSentence) dob = adultAtSentence - rng.int(4 * 365)
  // The PNC record starts with the first arrest, between 14 and the first sentence.
  const firstArrest =
    dob + Math.floor(14 * DAYS_PER_YEAR) + rng.int(Math.max(1, p.firstSentenceDay - dob - 14 * 365))
  let language = LANGUAGES[p.ethnicGroup ?? ''] ? weighted(rng, LANGUAGES[p.ethnicGroup ?? ''] ?? []) : null
  if (p.regionCode === 'N03' && language === null && rng.chance(0.03)) language = 'Welsh'
  let needs = rng.chance(PERSON_PARAMETERS.communicationNeedsShare) ? weighted(rng, NEEDS) : null
  if (language && rng.chance(0.6))
    needs = needs ? `Needs a ${language} interpreter. ${needs}` : `Needs a ${language} interpreter`
  return {
    id: p.id,
    given_name: given,
    family_name: family,
    date_of_birth: isoOf(dob),
    sex: p.sex,
    ethnic_group_code: p.ethnicGroup,
    prison_number: prisonNumber(p.index, p.seed),
    crn: crn(p.index, p.seed),
    pnc_id: pncId(p.index, p.seed, yearOf(Math.min(firstArrest, p.firstSentenceDay))),
    communication_needs: needs,
    preferred_language: language,
  }
}
