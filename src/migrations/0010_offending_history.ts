import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Offending history on each release, as the variation and evaluation analyses need it
// (domain.md sections 13d and 13e). The Justice Data Lab matches on previous offences and the
// index offence; the proven reoffending statistics publish rates by both.
// - previous_offences: the count of proven offences before this sentence. Null until recorded.
// - index_offence_group: the offence group of the offence this sentence is for, in the offence
//   groups of the MoJ proven reoffending statistics. Null until recorded.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    alter table custody_episode
      add column previous_offences smallint check (previous_offences between 0 and 999),
      add column index_offence_group text check (index_offence_group in (
        'violence_against_the_person', 'sexual_offences', 'robbery', 'theft_offences',
        'criminal_damage_and_arson', 'drug_offences', 'possession_of_weapons',
        'public_order_offences', 'miscellaneous_crimes_against_society', 'fraud_offences',
        'summary_non_motoring', 'summary_motoring'));
    `,
  )
}
