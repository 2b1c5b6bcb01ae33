import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Release planning (domain.md sections 4 to 7): needs over the seven pathways, screenings, the
// resettlement plan and its actions, handover from prison to probation, the day of release and the
// council's Duty to Refer (Housing Act 1996, s.213B). Each release (custody episode) has its own plan,
// because measures count releases, not people.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    -- The resettlement passport's catalogue of 113 support needs (data/reference/resettlement,
    -- from hmpps-resettlement-passport-api). Held here so person_need can reference it.
    create table support_need (
      id integer primary key,
      pathway text not null check (pathway in ('ACCOMMODATION', 'ATTITUDES_THINKING_AND_BEHAVIOUR',
        'CHILDREN_FAMILIES_AND_COMMUNITY', 'DRUGS_AND_ALCOHOL', 'EDUCATION_SKILLS_AND_WORK', 'FINANCE_AND_ID', 'HEALTH')),
      section text not null,
      title text not null,
      exclude_from_count boolean not null,
      allow_other_detail boolean not null
    );
    insert into support_need (id, pathway, section, title, exclude_from_count, allow_other_detail) values
      (1, 'ACCOMMODATION', 'Accommodation before custody', 'End a tenancy', false, false),
      (2, 'ACCOMMODATION', 'Accommodation before custody', 'Maintain a tenancy while in prison', false, false),
      (3, 'ACCOMMODATION', 'Accommodation before custody', 'Mortgage support while in prison', false, false),
      (4, 'ACCOMMODATION', 'Accommodation before custody', 'Home adaptations to stay in current accommodation (changes to make it safer and easier to move around and do everyday tasks)', false, false),
      (5, 'ACCOMMODATION', 'Accommodation before custody', 'Arrange storage for personal possessions while in prison', false, false),
      (6, 'ACCOMMODATION', 'Accommodation before custody', 'Other', false, true),
      (7, 'ACCOMMODATION', 'Accommodation before custody', 'No accommodation before custody support needs identified', true, false),
      (8, 'ACCOMMODATION', 'Moving to new accommodation', 'Help to find accommodation', false, false),
      (9, 'ACCOMMODATION', 'Moving to new accommodation', 'Home adaptations needed for new accommodation (changes to make it safer and easier to move around and do everyday tasks)', false, false),
      (10, 'ACCOMMODATION', 'Moving to new accommodation', 'Other', false, true),
      (11, 'ACCOMMODATION', 'Moving to new accommodation', 'No new accommodation support needs identified', true, false),
      (12, 'ACCOMMODATION', 'Accommodation related debt and arrears', 'Set up payment for rent arrears', false, false),
      (13, 'ACCOMMODATION', 'Accommodation related debt and arrears', 'Ensure accommodation related debt or arrears do not build up', false, false),
      (14, 'ACCOMMODATION', 'Accommodation related debt and arrears', 'Other', false, true),
      (15, 'ACCOMMODATION', 'Accommodation related debt and arrears', 'No accommodation related debt and arrears support needs identified', true, false),
      (16, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Emotions and thinking', 'Support to manage emotions', false, false),
      (17, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Emotions and thinking', 'Talking therapy', false, false),
      (18, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Emotions and thinking', 'Spiritual support', false, false),
      (19, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Emotions and thinking', 'Mentoring support', false, false),
      (20, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Emotions and thinking', 'Other', false, true),
      (21, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Emotions and thinking', 'No emotions and thinking support needs identified', true, false),
      (22, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Safeguarding', 'Safeguarding for themselves', false, false),
      (23, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Safeguarding', 'Safeguarding for someone else', false, false),
      (24, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Safeguarding', 'Other', false, true),
      (25, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Safeguarding', 'No safeguarding support needs identified', true, false),
      (26, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Behaviours', 'Support for problems with gambling', false, false),
      (27, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Behaviours', 'Other', false, true),
      (28, 'ATTITUDES_THINKING_AND_BEHAVIOUR', 'Behaviours', 'No behaviours support needs identified', true, false),
      (29, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Personal support needs', 'Emotional and personal wellbeing', false, false),
      (30, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Personal support needs', 'Social inclusion', false, false),
      (31, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Personal support needs', 'Mentoring on release', false, false),
      (32, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Personal support needs', 'Other', false, true),
      (33, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Personal support needs', 'No personal support needs identified', true, false),
      (34, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Family support needs', 'Support when they meet with children''s services', false, false),
      (35, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Family support needs', 'Establish or maintain relationships with children', false, false),
      (36, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Family support needs', 'Other', false, true),
      (37, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Family support needs', 'No family support needs identified', true, false),
      (38, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Safeguarding', 'Safeguarding for themselves', false, false),
      (39, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Safeguarding', 'Safeguarding for a current or previous partner', false, false),
      (40, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Safeguarding', 'Safeguarding for children', false, false),
      (41, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Safeguarding', 'Safeguarding for an adult they have caring responsibilities for', false, false),
      (42, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Safeguarding', 'Other', false, true),
      (43, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Safeguarding', 'No safeguarding support needs identified', true, false),
      (44, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Support for survivors of domestic abuse', false, false),
      (45, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Support for survivors of sexual abuse', false, false),
      (46, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Support for people who have worked in the sex industry', false, false),
      (47, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Support for veterans', false, false),
      (48, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Support for care leavers', false, false),
      (49, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Support for foreign national offenders', false, false),
      (50, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'Other', false, true),
      (51, 'CHILDREN_FAMILIES_AND_COMMUNITY', 'Specialist support', 'No specialist support needs identified', true, false),
      (52, 'DRUGS_AND_ALCOHOL', 'Support in prison', 'Immediate support from recovery team (if risk of overdose)', false, false),
      (53, 'DRUGS_AND_ALCOHOL', 'Support in prison', 'Support for drug issues in prison', false, false),
      (54, 'DRUGS_AND_ALCOHOL', 'Support in prison', 'Support for alcohol issues in prison', false, false),
      (55, 'DRUGS_AND_ALCOHOL', 'Support in prison', 'Other', false, true),
      (56, 'DRUGS_AND_ALCOHOL', 'Support in prison', 'No prison drugs and alcohol support needs identified', true, false),
      (57, 'DRUGS_AND_ALCOHOL', 'Support in the community', 'Support for drug issues in the community', false, false),
      (58, 'DRUGS_AND_ALCOHOL', 'Support in the community', 'Support for alcohol issues in the community', false, false),
      (59, 'DRUGS_AND_ALCOHOL', 'Support in the community', 'Contact any support services they have previously used outside of prison', false, false),
      (60, 'DRUGS_AND_ALCOHOL', 'Support in the community', 'Arrange for prescriptions to be available on day of release', false, false),
      (61, 'DRUGS_AND_ALCOHOL', 'Support in the community', 'Other', false, true),
      (62, 'DRUGS_AND_ALCOHOL', 'Support in the community', 'No community drug and alcohol support needs identified', true, false),
      (63, 'EDUCATION_SKILLS_AND_WORK', 'Advice', 'Advice about employment, education and training options', false, false),
      (64, 'EDUCATION_SKILLS_AND_WORK', 'Advice', 'Other', false, true),
      (65, 'EDUCATION_SKILLS_AND_WORK', 'Advice', 'No advice support needs identified', true, false),
      (66, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'Contact employer from before custody', false, false),
      (67, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'Contact prospective employer for after release', false, false),
      (68, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'Help to find a job for release', false, false),
      (69, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'Support to create or update a CV', false, false),
      (70, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'Support with interview preparation, practice and disclosure', false, false),
      (71, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'Other', false, true),
      (72, 'EDUCATION_SKILLS_AND_WORK', 'Employment', 'No employment support needs identified', true, false),
      (73, 'EDUCATION_SKILLS_AND_WORK', 'Education and training', 'Contact education or training provider from before custody', false, false),
      (74, 'EDUCATION_SKILLS_AND_WORK', 'Education and training', 'Information about bursaries and grants for courses or training', false, false),
      (75, 'EDUCATION_SKILLS_AND_WORK', 'Education and training', 'Help to find education or training for release', false, false),
      (76, 'EDUCATION_SKILLS_AND_WORK', 'Education and training', 'Other', false, true),
      (77, 'EDUCATION_SKILLS_AND_WORK', 'Education and training', 'No education and training support needs identified', true, false),
      (78, 'EDUCATION_SKILLS_AND_WORK', 'Learning support', 'Maths and English support', false, false),
      (79, 'EDUCATION_SKILLS_AND_WORK', 'Learning support', 'Neurodiversity support', false, false),
      (80, 'EDUCATION_SKILLS_AND_WORK', 'Learning support', 'Support with some daily tasks, if they cannot read', false, false),
      (81, 'EDUCATION_SKILLS_AND_WORK', 'Learning support', 'Other', false, true),
      (82, 'EDUCATION_SKILLS_AND_WORK', 'Learning support', 'No learning support needs identified', true, false),
      (83, 'FINANCE_AND_ID', 'Finance', 'Open a bank account', false, false),
      (84, 'FINANCE_AND_ID', 'Finance', 'Request court fines to be frozen', false, false),
      (85, 'FINANCE_AND_ID', 'Finance', 'Support to identify all financial obligations', false, false),
      (86, 'FINANCE_AND_ID', 'Finance', 'Stop existing debts, bills, and direct debits from building up during time in prison', false, false),
      (87, 'FINANCE_AND_ID', 'Finance', 'Support to create a budget', false, false),
      (88, 'FINANCE_AND_ID', 'Finance', 'Other', false, true),
      (89, 'FINANCE_AND_ID', 'Finance', 'No finance support needs identified', true, false),
      (90, 'FINANCE_AND_ID', 'ID', 'Apply for ID documents', false, false),
      (91, 'FINANCE_AND_ID', 'ID', 'Other', false, true),
      (92, 'FINANCE_AND_ID', 'ID', 'No ID support needs identified', true, false),
      (93, 'FINANCE_AND_ID', 'Debt support and advice', 'Support to manage debts or arrears', false, false),
      (94, 'FINANCE_AND_ID', 'Debt support and advice', 'Other', false, true),
      (95, 'FINANCE_AND_ID', 'Debt support and advice', 'No debt support and advice needs identified', true, false),
      (96, 'FINANCE_AND_ID', 'Benefits', 'Help with existing benefits', false, false),
      (97, 'FINANCE_AND_ID', 'Benefits', 'Help to start a new benefits claim', false, false),
      (98, 'FINANCE_AND_ID', 'Benefits', 'Other', false, true),
      (99, 'FINANCE_AND_ID', 'Benefits', 'No benefits support needs identified', true, false),
      (100, 'HEALTH', 'Support in prison', 'Support for a physical health need in prison', false, false),
      (101, 'HEALTH', 'Support in prison', 'Support with a mental health need in prison', false, false),
      (102, 'HEALTH', 'Support in prison', 'Other', false, true),
      (103, 'HEALTH', 'Support in prison', 'No health support in prison needs identified', true, false),
      (104, 'HEALTH', 'Support in the community', 'Support with a physical health need in the community', false, false),
      (105, 'HEALTH', 'Support in the community', 'Support with a mental health need in the community', false, false),
      (106, 'HEALTH', 'Support in the community', 'Support from social care', false, false),
      (107, 'HEALTH', 'Support in the community', 'Other', false, true),
      (108, 'HEALTH', 'Support in the community', 'No health support in the community needs identified', true, false),
      (109, 'HEALTH', 'Health admin', 'Help to register with a GP surgery', false, false),
      (110, 'HEALTH', 'Health admin', 'Make a GP appointment for release', false, false),
      (111, 'HEALTH', 'Health admin', 'Request a medical letter', false, false),
      (112, 'HEALTH', 'Health admin', 'Other', false, true),
      (113, 'HEALTH', 'Health admin', 'No health admin support needs identified', true, false)
;

    -- One row per pathway per release. Answers keep the question-set version they were given
    -- under, so a later version of the questions never rewrites what was answered before.
    create table pathway_assessment (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      pathway text not null,
      status text not null check (status in ('not_started', 'support_required', 'in_progress', 'support_not_required', 'support_declined', 'done')),
      question_set_version integer not null check (question_set_version > 0),
      answers jsonb not null default '{}',
      updated_at timestamptz not null default now(),
      updated_by uuid references app_user(id),
      version integer not null default 1,
      unique (custody_episode_id, pathway)
    );

    create table person_need (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      support_need_id integer not null references support_need(id),
      status text not null check (status in ('not_started', 'in_progress', 'met', 'declined')),
      responsible_party text not null check (responsible_party in ('prison', 'probation', 'provider', 'council', 'person')),
      other_detail text,
      source text not null default 'assessment' check (source in ('assessment', 'screening')),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      unique (custody_episode_id, support_need_id)
    );
    create index person_need_episode_idx on person_need (custody_episode_id);

    -- The dated history of a need: every change of status or responsibility, never overwritten.
    create table need_update (
      id uuid primary key default gen_random_uuid(),
      person_need_id uuid not null references person_need(id),
      status text not null,
      responsible_party text not null,
      note text,
      updated_at timestamptz not null default now(),
      updated_by uuid references app_user(id)
    );
    create index need_update_need_idx on need_update (person_need_id, updated_at);

    create table screening (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      kind text not null check (kind in ('neurodivergence', 'slcn', 'mental_health', 'alcohol', 'drugs', 'gambling', 'care_experience', 'veteran')),
      result text not null check (result in ('positive', 'negative', 'declined')),
      score integer check (score between 0 and 40),
      answers jsonb not null default '{}',
      screened_on date not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references app_user(id),
      -- AUDIT-C is scored; the other screens record a result only.
      check ((kind = 'alcohol' and result <> 'declined') = (score is not null))
    );
    create index screening_episode_idx on screening (custody_episode_id, screened_on desc);

    -- Actions carry their own version: two staff editing different actions never clash, and two
    -- editing the same one are told (optimistic concurrency, STYLE.md).
    create table plan_action (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      person_need_id uuid references person_need(id),
      standard_action text,
      description text not null check (length(trim(description)) > 0),
      owner_party text not null check (owner_party in ('prison', 'probation', 'provider', 'council', 'person')),
      owner_organisation_id uuid references organisation(id),
      owner_name text,
      due_date date not null,
      -- Set for standard actions: the due date follows the release date when it changes.
      weeks_before_release integer check (weeks_before_release between -52 and 104),
      status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by uuid references app_user(id),
      version integer not null default 1
    );
    create index plan_action_episode_idx on plan_action (custody_episode_id);
    -- The plan-quality check looks up each need's actions.
    create index plan_action_need_idx on plan_action (person_need_id) where person_need_id is not null;
    create unique index plan_action_standard_uq on plan_action (custody_episode_id, standard_action)
      where standard_action is not null and status <> 'cancelled';

    -- Handover from prison (POM) to probation (COM), domain.md section 7.
    create table handover (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      com_name text,
      com_allocated_on date,
      meeting_status text not null default 'not_scheduled' check (meeting_status in ('not_scheduled', 'scheduled', 'held', 'not_held')),
      meeting_date date,
      not_held_reason text,
      attendees text,
      com_contact_on date,
      com_contact_method text check (com_contact_method in ('in_person', 'video', 'phone')),
      pack_risks boolean not null default false,
      release_address text,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((com_name is null) = (com_allocated_on is null)),
      check (meeting_status = 'not_scheduled' or meeting_date is not null),
      check ((meeting_status = 'not_held') = (not_held_reason is not null)),
      check (meeting_status <> 'held' or attendees is not null),
      check ((com_contact_on is null) = (com_contact_method is null))
    );

    -- The release-day decision (Offenders (Day of Release from Detention) Act 2023; HMPPS policy).
    create table release_day_decision (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      due_date date not null,
      release_route text not null check (release_route in ('standard', 'hdc', 'parole')),
      applied text not null check (applied in ('not_needed', 'presumption', 'presumption_and_further_day', 'child_two_days', 'excluded', 'no_eligible_day')),
      exclusion text check (exclusion in ('indeterminate', 'parole_discretionary', 'hdc', 'under_28_days_served', 'before_commencement', 'release_from_court')),
      release_date date not null,
      further_day_date date,
      further_day_requested_on date,
      further_day_requested_by uuid references app_user(id),
      further_day_decision text check (further_day_decision in ('approved', 'refused')),
      further_day_decided_by text,
      further_day_decided_on date,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((applied = 'excluded') = (exclusion is not null)),
      check (release_date <= due_date),
      check (further_day_decision is null or further_day_requested_on is not null),
      check ((further_day_decision is null) = (further_day_decided_on is null))
    );

    create table departure_checklist (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      id_document boolean not null default false,
      bank_card boolean not null default false,
      discharge_grant boolean not null default false,
      medication boolean not null default false,
      travel boolean not null default false,
      first_appointment text,
      sleeping_tonight text,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    -- The council's record of a Duty to Refer (Housing Act 1996, s.213B, as inserted by the
    -- Homelessness Reduction Act 2017): received, then the council's outcome.
    create table duty_to_refer (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      local_authority_code text not null references local_authority(code),
      received_on date not null,
      outcome text check (outcome in ('prevention_duty', 'relief_duty', 'not_homeless', 'no_contact', 'accommodation_secured')),
      outcome_on date,
      recorded_by uuid references app_user(id),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((outcome is null) = (outcome_on is null)),
      check (outcome_on is null or outcome_on >= received_on)
    );

    -- Every change of expected release date, with what moved because of it.
    create table release_date_change (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      old_date date not null,
      new_date date not null,
      reason text not null,
      moved jsonb not null default '[]',
      changed_at timestamptz not null default now(),
      changed_by uuid references app_user(id),
      check (old_date <> new_date)
    );
    create index release_date_change_episode_idx on release_date_change (custody_episode_id, changed_at desc);
  `,
  )
}
