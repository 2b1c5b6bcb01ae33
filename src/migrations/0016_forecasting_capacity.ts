import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Capacity as data (issue 16, domain.md 12 and 13f), maintained by an administrator or the
// region's performance lead: community offender managers (full-time equivalent) per PDU,
// the caseload norm (30 to 60 suggested, more than 70 flagged: NAO 2023 para 18) and
// Approved Premises places per region. CAS3 bedspaces come from the CAS3 estate itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table pdu_staffing (
      pdu_code text primary key references pdu(code),
      com_fte numeric(6, 1) not null check (com_fte between 0 and 2000),
      updated_by uuid references app_user(id),
      updated_at timestamptz not null default now()
    );

    -- One row: the norm every PDU is measured against.
    create table capacity_setting (
      id boolean primary key default true check (id),
      caseload_norm_low integer not null default 30 check (caseload_norm_low > 0),
      caseload_norm_high integer not null default 60,
      caseload_alert integer not null default 70,
      check (caseload_norm_high >= caseload_norm_low and caseload_alert >= caseload_norm_high)
    );
    insert into capacity_setting default values;

    create table approved_premises_places (
      region_code text primary key references region(code),
      places integer not null check (places >= 0),
      updated_at timestamptz not null default now()
    );
  `,
  )
}
