import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_foundation.ts'
import * as m0002 from './0002_status_events.ts'
import * as m0003 from './0003_release_planning.ts'
import * as m0004 from './0004_referrals.ts'
import * as m0005 from './0005_cas3.ts'
import * as m0006 from './0006_outcomes.ts'
import * as m0007 from './0007_termination_rollup.ts'
import * as m0008 from './0008_outcome_rollup_states.ts'
import * as m0009 from './0009_outcome_dashboard_reads.ts'
import * as m0010 from './0010_offending_history.ts'
import * as m0016 from './0016_forecasting.ts'
import * as m0016_2 from './0016_forecasting_capacity.ts'

/** Every migration, in order. Names are permanent: a shipped migration is never edited or renamed. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_status_events': m0002,
  '0003_release_planning': m0003,
  '0004_referrals': m0004,
  '0005_cas3': m0005,
  '0006_outcomes': m0006,
  '0007_termination_rollup': m0007,
  '0008_outcome_rollup_states': m0008,
  '0009_outcome_dashboard_reads': m0009,
  '0010_offending_history': m0010,
  '0016_forecasting': m0016,
  '0016_forecasting_capacity': m0016_2,
}
