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
import * as m0011_1_rate_limit from './0011_1_rate_limit.ts'
import * as m0011_2_cas3_one_stay_per_referral from './0011_2_cas3_one_stay_per_referral.ts'
import * as m0011_3_token_expiry from './0011_3_token_expiry.ts'
import * as m0012 from './0012_1_dashboard_version.ts'
import * as m0013_1_measure_definitions from './0013_1_measure_definitions.ts'
import * as m0013_2_publication from './0013_2_publication.ts'
import * as m0015 from './0015_evaluation.ts'
import * as m0016_forecasting from './0016_forecasting.ts'
import * as m0016_forecasting_capacity from './0016_forecasting_capacity.ts'
import * as m0018 from './0018_publication_version.ts'
import * as m0022_1 from './0022_1_caseload_weights.ts'
import * as m0022_2 from './0022_2_coverage.ts'
import * as m0025_1 from './0025_1_outcome_split_rollup.ts'
import * as m0025_2 from './0025_2_outcome_fact_split_index.ts'
import * as m0026_forecast from './0026_forecast_approved_premises.ts'
import * as m0026_outcomes_termination_split from './0026_outcomes_termination_split.ts'
import * as m0028_outcome_split_fact from './0028_outcome_split_fact.ts'
import * as m0029_contract_volume from './0029_contract_volume.ts'
import * as m0030_termination_split_fact from './0030_termination_split_fact.ts'

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
  '0011_1_rate_limit': m0011_1_rate_limit,
  '0011_2_cas3_one_stay_per_referral': m0011_2_cas3_one_stay_per_referral,
  '0011_3_token_expiry': m0011_3_token_expiry,
  '0012_1_dashboard_version': m0012,
  '0013_1_measure_definitions': m0013_1_measure_definitions,
  '0013_2_publication': m0013_2_publication,
  '0015_evaluation': m0015,
  '0016_forecasting': m0016_forecasting,
  '0016_forecasting_capacity': m0016_forecasting_capacity,
  '0018_publication_version': m0018,
  '0022_1_caseload_weights': m0022_1,
  '0022_2_coverage': m0022_2,
  '0025_1_outcome_split_rollup': m0025_1,
  '0025_2_outcome_fact_split_index': m0025_2,
  '0026_forecast_approved_premises': m0026_forecast,
  '0026_outcomes_termination_split': m0026_outcomes_termination_split,
  '0028_outcome_split_fact': m0028_outcome_split_fact,
  '0029_contract_volume': m0029_contract_volume,
  '0030_termination_split_fact': m0030_termination_split_fact,
}
