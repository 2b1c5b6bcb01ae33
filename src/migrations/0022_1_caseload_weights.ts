import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Workload weighting as data (issue 16 item 2, domain.md 12): a case counts for more when the
// person is managed under MAPPA (Criminal Justice Act 2003 s.325), and a case allocated before
// release counts for less than one on licence (the COM's pre-release contact and handover,
// not yet supervision). The weights are a starting point for the regional lead to tune, not
// a published tool (HMPPS's workload measurement tool is not public); the caseload norm of
// 30 to 60 stays in capacity_setting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table caseload_weight (
      stage text not null check (stage in ('pre_release', 'licence')),
      risk text not null check (risk in ('none', 'mappa_1', 'mappa_2', 'mappa_3')),
      weight numeric(4, 2) not null check (weight > 0 and weight <= 10),
      updated_at timestamptz not null default now(),
      primary key (stage, risk)
    );
    insert into caseload_weight (stage, risk, weight) values
      ('pre_release', 'none', 0.5), ('pre_release', 'mappa_1', 0.6), ('pre_release', 'mappa_2', 0.8), ('pre_release', 'mappa_3', 1.0),
      ('licence', 'none', 1.0), ('licence', 'mappa_1', 1.2), ('licence', 'mappa_2', 1.6), ('licence', 'mappa_3', 2.0);

  `,
  )
}
