/**
 * Offences with the words a police national computer record would use. Every demo person gets
 * the offence behind their first sentence in the demo (issue 12: no sentenced person without an
 * offence), dated before that sentence so it can never count as reoffending after a release;
 * reoffences (plan.ts) draw their wording from the same lists.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { IndexOffenceGroup } from '../../platform/db/schema.ts'

export const OFFENCES: Record<IndexOffenceGroup, string[]> = {
  violence_against_the_person: [
    'Assault occasioning actual bodily harm',
    'Wounding with intent to do grievous bodily harm',
    'Common assault',
    'Assault by beating of an emergency worker',
  ],
  sexual_offences: ['Sexual assault on a female', 'Engaging in sexual communication with a child'],
  robbery: ['Robbery', 'Assault with intent to rob'],
  theft_offences: [
    'Burglary of a dwelling',
    'Theft from a shop',
    'Theft of a motor vehicle',
    'Handling stolen goods',
  ],
  criminal_damage_and_arson: ['Criminal damage', 'Arson', 'Racially aggravated criminal damage'],
  drug_offences: [
    'Possession with intent to supply a Class A controlled drug',
    'Being concerned in the supply of a Class A controlled drug',
    'Possession of a Class B controlled drug',
  ],
  possession_of_weapons: [
    'Possession of a bladed article in a public place',
    'Possession of an offensive weapon in a public place',
  ],
  public_order_offences: ['Affray', 'Using threatening behaviour', 'Violent disorder'],
  miscellaneous_crimes_against_society: [
    'Breach of a restraining order',
    'Perverting the course of justice',
    'Breach of a criminal behaviour order',
  ],
  fraud_offences: ['Fraud by false representation', 'Possession of articles for use in fraud'],
  summary_non_motoring: ['Failing to surrender to custody', 'Harassment without violence'],
  summary_motoring: ['Driving while disqualified', 'Dangerous driving', 'Driving with excess alcohol'],
}

/** Every offence wording, for reoffences, which have no group of their own. */
export const ALL_OFFENCES = Object.values(OFFENCES).flat()

/** A wording for this id, as SQL: chosen by a hash, so the demo stays the same run to run. */
export const offenceWording = (id: ReturnType<typeof sql>, wordings: string[] = ALL_OFFENCES) =>
  sql<string>`(${sql.val(wordings)}::text[])[1 + abs(hashtext(${id}::text)) % ${wordings.length}]`

/**
 * Adds each person's index offence (the offence of their earliest sentence in the demo) where
 * they have none yet: committed one to seven months before the sentence, convicted on or a few
 * days before the sentence date. Runs in the caller's transaction, so a load that defers the
 * outcome triggers defers these too.
 */
export async function addIndexOffences(db: Database): Promise<number> {
  const groups = Object.keys(OFFENCES) as IndexOffenceGroup[]
  const cases = sql.join(
    groups.map((g) => sql`when ${g} then ${offenceWording(sql`e.id`, OFFENCES[g])}`),
    sql` `,
  )
  const result = await sql`
    insert into offence (id, person_id, offence_date, description, disposal, proven_date)
    select md5(e.person_id::text || ':index-offence')::uuid, e.person_id,
      e.sentence_date - (30 + abs(hashtext(e.id::text || ':committed')) % 180),
      case e.index_offence_group ${cases} else ${offenceWording(sql`e.id`)} end,
      'conviction', e.sentence_date - abs(hashtext(e.id::text || ':convicted')) % 14
    from (select distinct on (person_id) id, person_id, sentence_date, index_offence_group
          from custody_episode order by person_id, sentence_date, id) e
    where not exists (select 1 from offence o where o.person_id = e.person_id)
    on conflict (id) do nothing`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}
