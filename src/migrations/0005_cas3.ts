import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'
import { SECOND_HALF } from './parts/0005_cas3_2.ts'

// CAS3 temporary accommodation (domain.md section 9; issue 5): premises, bedspaces, voids,
// referrals, bookings and their history. The reference lists are copied from the HMPPS
// approved-premises API (data/reference/cas3, MIT licence) as they stood when this migration was
// written; a later list change is a later migration, so this one keeps meaning the same thing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table cas3_characteristic (
      scope text not null check (scope in ('premises', 'bedspace')),
      name text not null,
      description text not null,
      active boolean not null,
      primary key (scope, name)
    );
    insert into cas3_characteristic (scope, name, description, active) values
      ('premises', 'isCloseAnotherCas3Property', 'Close proximity to another CAS3 property', true),
      ('premises', 'isGroundFloor', 'Ground floor level access', true),
      ('premises', 'hasLift', 'Lift available', true),
      ('premises', 'isMenOnly', 'Men only', true),
      ('premises', 'notSuitableForArsonOffenders', 'Not suitable for arson offenders', false),
      ('premises', 'notSuitableForRegisteredSexOffenders(RSO)', 'Not suitable for registered sex offenders (RSO)', false),
      ('premises', 'notSuitableForSexualRiskToAdults', 'Not suitable for those who pose a sexual risk to adults', true),
      ('premises', 'notSuitableForSexualRiskToChildren', 'Not suitable for those who pose a sexual risk to children', true),
      ('premises', 'notSuitableForArsonHistory', 'Not suitable for those with an arson history', true),
      ('premises', 'other', 'Other – please state in notes', true),
      ('premises', 'isParkNearBy', 'Park nearby', true),
      ('premises', 'isPubNearBy', 'Pub nearby', true),
      ('premises', 'isRural', 'Rural/out of town', true),
      ('premises', 'isSchoolNearBy', 'School nearby', true),
      ('premises', 'isSensitiveLet', 'Sensitive let', true),
      ('premises', 'hasSharedEntrance', 'Shared entrance', true),
      ('premises', 'isSharedProperty', 'Shared property', true),
      ('premises', 'isSingleOccupancy', 'Single occupancy', true),
      ('premises', 'isWomenOnly', 'Women only', true),
      ('bedspace', 'hasDoubleBed', 'Double bed', false),
      ('bedspace', 'isGroundFloor', 'Ground floor level access', true),
      ('bedspace', 'hasLiftAccess', 'Lift access', false),
      ('bedspace', 'notSuitableForArsonOffenders', 'Not suitable for arson offenders', false),
      ('bedspace', 'notSuitableForRegisteredSexOffenders(RSO)', 'Not suitable for registered sex offenders (RSO)', false),
      ('bedspace', 'other', 'Other – please state in notes', true),
      ('bedspace', 'hasSharedBathroom', 'Shared bathroom', true),
      ('bedspace', 'hasSharedKitchen', 'Shared kitchen', true),
      ('bedspace', 'hassingleBed', 'Single bed', false),
      ('bedspace', 'isWheelchairAccessible', 'Wheelchair accessible', true);

    -- Every CAS3 reason list in one table, keyed by (list, id) so a foreign key names its list.
    create table cas3_reason (
      id text not null,
      list text not null check (list in ('cancellation', 'departure', 'move_on', 'rejection', 'void')),
      name text not null,
      active boolean not null,
      primary key (list, id)
    );
    insert into cas3_reason (id, list, name, active) values
      ('d2a0d037-53db-4bb2-b9f7-afa07948a3f5', 'cancellation', 'Recording Error (e.g. a data entry error)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d480', 'cancellation', 'CAS1/AP alternative suitable accommodation provided', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d481', 'cancellation', 'CAS2 alternative accommodation provided', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d482', 'cancellation', 'Changes to booking - new booking not required', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d487', 'cancellation', 'Changes to booking - new booking required (e.g. new release date)', true),
      ('3d57413f-ca94-424a-b026-bf9e99ed28fe', 'cancellation', 'Local authority alternative suitable accommodation provided', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d483', 'cancellation', 'No single occupancy bedspace is available', true),
      ('f023aab7-4bd8-42a3-9f80-7aab3d4f40b8', 'cancellation', 'Other alternative accommodation provided (e.g. friends or family)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d484', 'cancellation', 'Person on probation failed to arrive (alternative accommodation)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d489', 'cancellation', 'Person on probation failed to arrive (gate arrest/recall)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d490', 'cancellation', 'Person on probation failed to arrive (other reason)', true),
      ('edd09efb-ef83-42da-a15c-750afd057eb3', 'cancellation', 'Person on probation rejected placement', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d486', 'cancellation', 'Risk or needs cannot be safely managed in CAS3 – new booking not required', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d485', 'cancellation', 'Risk or needs cannot be safely managed in CAS3 – new booking required', true),
      ('2a7fc443-2f31-4501-90c4-435a6e8e59d3', 'cancellation', 'Supplier unable to accommodate (explain)', true),
      ('60d030db-ce2d-4f1a-b24f-42ce15d268f7', 'departure', 'Other', true),
      ('ae93ec2c-157a-49fd-a4c9-b67f1a9457d8', 'departure', 'Bed Withdrawn - Further custodial sentence imposed', true),
      ('b5d8a978-eb20-436e-a00f-f1358a3664d5', 'departure', 'Admitted to Hospital/Healthcare Facility', true),
      ('1de629ea-c5fb-4e91-9b0b-ef7d4d69bd5b', 'departure', 'Bed Withdrawn - Serious Incident related to CAS3 placement', true),
      ('d6c85a7e-cf9d-4a47-8da2-a25356d34570', 'departure', 'Bed Withdrawn – Person on probation no longer in property', true),
      ('93153ad1-38a3-4f4f-809e-ba8297c0565a', 'departure', 'Bed Withdrawn – Further offence/behaviour/increasing risk', true),
      ('94976884-c32f-4162-b3af-214beed0e988', 'departure', 'Bed Withdrawn - Recall/Breach', true),
      ('b8975a4d-68ff-4f42-9ac8-5136c4b393ef', 'departure', 'Deceased', true),
      ('166b6b02-6f42-4447-b278-dd9a0b437b54', 'departure', 'Planned Move on', true),
      ('529fe9a0-a644-48db-9e62-83c83a623a93', 'departure', 'Person on probation moved to another CAS3 property', true),
      ('33244330-87e9-4cc6-9940-f78586585436', 'move_on', 'Homeless – rough sleeping', true),
      ('a90a77a3-5662-4fa8-85ab-07d0c085052f', 'move_on', 'Homeless – shelter/emergency hostel/campsite', true),
      ('15fb0af2-3406-49c9-81ed-5e42bddf9fc2', 'move_on', 'Homeless – squat', true),
      ('2236cd7e-32c5-4784-a461-8f0aead1d386', 'move_on', 'Householder (owner – freehold or leasehold)', true),
      ('d3b9f02e-c3a5-475b-a5dd-124c058900d9', 'move_on', 'Long term residential healthcare', true),
      ('5dfd0cc4-8be3-4788-a7ba-a84d32efe5ea', 'move_on', 'Pending (awaiting move on outcome in NDelius – to be updated)', true),
      ('0d8dee49-f49a-4e0e-a20e-80e0c18645ce', 'move_on', 'Support housing', true),
      ('b3a5bf51-f5a3-46fb-8de5-c0f1b1ee1e8c', 'move_on', 'Updated move on outcome - not recorded in NDelius', true),
      ('587dc0dc-9073-4992-9d58-5576753050e9', 'move_on', 'Rental accommodation - private rental', true),
      ('12c739fa-7bb1-416d-bbf2-71362578a7f3', 'move_on', 'Rental accommodation - social rental', true),
      ('91158ed5-467e-4ee8-90d9-4f17a5dac82f', 'move_on', 'Transient/Short term accommodation', true),
      ('bd7425b0-ee9a-491c-a64b-c6a034847778', 'move_on', 'CAS2', true),
      ('b6d65622-44ae-42ac-9da0-c6a02532c3d5', 'move_on', 'Hospital', true),
      ('c532986f-462c-4adf-ab2e-583e49f06ec6', 'move_on', 'Prison (further custodial event)', true),
      ('8c392f36-515c-4210-bb72-6255f12abb91', 'move_on', 'Recalled', true),
      ('5d1f4d82-6830-43bf-b197-c5975c0c721b', 'move_on', 'They’re deceased', true),
      ('24e80792-1eee-48fc-9a02-51275c3a6217', 'move_on', 'Another CAS3 property or bedspace', true),
      ('d8e04fa1-9757-4681-bfab-6c61913c8463', 'move_on', 'CAS1/AP', true),
      ('247ae3f4-7958-4c59-97ed-272a39ad411c', 'move_on', 'Friends or family (settled)', true),
      ('3de4665a-c848-4797-ba80-502cacc6f7d7', 'move_on', 'Friends or family (transient)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d470', 'rejection', 'CAS1/AP alternative suitable accommodation provided', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d471', 'rejection', 'CAS2 alternative accommodation provided', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d472', 'rejection', 'Consent not given by person on probation', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d473', 'rejection', 'Local authority alternative suitable accommodation provided (includes Priority Need)', true),
      ('155ee6dc-ac2a-40d2-a350-90b63fb34a06', 'rejection', 'No bedspace available in PDU', true),
      ('21b8569c-ef2e-4059-8676-323098d16aa5', 'rejection', 'No recourse to public funds (NRPF)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d474', 'rejection', 'Not eligible (e.g. already released into the community, HDC)', true),
      ('88c3b8d5-77c8-4c52-84f0-ec9073e4df50', 'rejection', 'Not enough time on their licence', true),
      ('a1c7d402-77b5-4335-a67b-eba6a71c70bf', 'rejection', 'Not enough time to place', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d475', 'rejection', 'Other alternative accommodation provided (e.g. friends or family)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d476', 'rejection', 'Out of region referral', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d477', 'rejection', 'Person has had maximum CAS3 placements on current sentence', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d478', 'rejection', 'Previous behavioural concerns in CAS3', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d479', 'rejection', 'Referral submitted too early', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d480', 'rejection', 'Remanded in custody or detained', true),
      ('90e9d919-9a39-45cd-b405-7039b5640668', 'rejection', 'Risk or needs cannot be safely managed in CAS3', true),
      ('b19ba749-408f-48c0-907c-11eace2dcf67', 'rejection', 'Single occupancy bedspace not available', true),
      ('311de468-078b-4c39-ae42-8d41575b7726', 'rejection', 'Suitable bedspace not available (not related to single occupancy availability)', true),
      ('f47ac10b-58cc-4372-a567-0e02b2c3d481', 'rejection', 'Supplier unable to accommodate (e.g. arson needs cannot be met)', true),
      -- Void ("lost bed") reasons: the CAS3 service's own list is not published with the others,
      -- so these are the common causes it records, kept as data like the rest.
      ('void-maintenance', 'void', 'Planned maintenance or repairs', true),
      ('void-damage', 'void', 'Damage to the property', true),
      ('void-refurbishment', 'void', 'Refurbishment', true),
      ('void-pest-control', 'void', 'Pest control', true),
      ('void-health-safety', 'void', 'Health and safety (for example fire or gas safety)', true),
      ('void-landlord', 'void', 'Landlord or supplier issue', true),
      ('void-other', 'void', 'Other', true);

    create table cas3_premises (
      id uuid primary key default gen_random_uuid(),
      region_code text not null references region(code),
      name text not null check (length(trim(name)) > 0),
      address_line1 text not null check (length(trim(address_line1)) > 0),
      address_line2 text,
      town text,
      postcode text not null check (length(trim(postcode)) > 0),
      local_authority_code text not null references local_authority(code),
      pdu_code text not null,
      characteristics text[] not null default '{}',
      notes text,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      -- The PDU belongs to the premises' region, so region scope needs no join.
      foreign key (pdu_code, region_code) references pdu(code, region_code),
      unique (region_code, name)
    );
    create index cas3_premises_region_idx on cas3_premises (region_code, pdu_code);
  `,
  )
  await runSql(db, SECOND_HALF)
}
