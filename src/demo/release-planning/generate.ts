import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { comTeams } from '../com-teams.ts'

/** What a handover records as the release address and a departure as where the person sleeps tonight. */
const ADDRESSES = [
  'Family address: living with their mother',
  'Partner’s address, approved by the COM',
  'Approved premises',
  'Council temporary accommodation',
  'Private rented room, first month paid by the council',
  'CAS3 bedspace',
  'Supported housing hostel',
  'Sister’s address',
]
const TONIGHT = [
  'Family home',
  'Approved premises',
  'Hostel',
  'CAS3 bedspace',
  'Friend’s sofa',
  'Council emergency accommodation',
  'Partner’s flat',
]
/** One of `items` for this episode and purpose, as SQL. */
const pickFor = (items: string[], hash: ReturnType<typeof sql>) =>
  sql`(${sql.val(items)}::text[])[1 + ${hash} % ${items.length}]`

/**
 * Plausible release-planning records for the demo: for releases due in the next 24 weeks and those
 * in the last 12 months, pathway assessments, needs, standard actions, handover and, for releases
 * that happened, the departure checklist and Duty to Refer. Deterministic: every choice is a hash
 * of the episode id (itself deterministic in the demo) and the seed, so runs agree.
 *
 * Rates are calibrated loosely on the NAO's findings (domain.md section 1): about a third of plans
 * miss needs, about half of handover meetings do not happen, about a fifth have no COM contact.
 */
export async function generateReleasePlanningDemo(
  db: Database,
  options: { seed: number; today: string },
  onProgress?: (done: number, total: number) => void,
) {
  const seed = String(options.seed)
  const today = options.today
  // h(tag) is a number 0 to 99 for this episode and purpose.
  const h = (tag: string) => sql`(abs(hashtext(e.id::text || ${`:${seed}:${tag}`})) % 100)`
  const window = sql`(
    (e.actual_release_date is null and e.expected_release_date between ${today}::date and ${today}::date + 168)
    or (e.actual_release_date between ${today}::date - 365 and ${today}::date))`
  const steps = [
    // Seven pathways, most assessed; a few still not started.
    sql`insert into pathway_assessment (custody_episode_id, person_id, pathway, status, question_set_version, answers)
      select e.id, e.person_id, p.pathway,
        case when ${h('assessed')} < 8 then 'not_started'
             when (abs(hashtext(e.id::text || p.pathway || ${seed})) % 100) < 45 then 'support_required'
             else 'support_not_required' end,
        1, '{}'::jsonb
      from custody_episode e cross join (values ('ACCOMMODATION'), ('ATTITUDES_THINKING_AND_BEHAVIOUR'), ('CHILDREN_FAMILIES_AND_COMMUNITY'),
        ('DRUGS_AND_ALCOHOL'), ('EDUCATION_SKILLS_AND_WORK'), ('FINANCE_AND_ID'), ('HEALTH')) as p(pathway)
      where ${window}
      on conflict do nothing`,
    // Common needs on release (accommodation, bank account, ID, drugs, a job, GP) at plausible rates.
    sql`insert into person_need (custody_episode_id, person_id, support_need_id, status, responsible_party)
      select e.id, e.person_id, n.id,
        case when (abs(hashtext(e.id::text || n.id::text || ${seed})) % 100) < 40 then 'met' else 'in_progress' end,
        n.party
      from custody_episode e cross join (values (8, 30, 'council'), (83, 45, 'prison'), (90, 35, 'prison'), (57, 30, 'provider'), (68, 40, 'prison'), (109, 25, 'prison'))
        as n(id, rate, party)
      where ${window} and ${h('assessed')} >= 8 and (abs(hashtext(e.id::text || 'need' || n.id::text || ${seed})) % 100) < n.rate
      on conflict do nothing`,
    // Standard actions for most plans, linked to the need they answer; about a third of plans leave a need without one.
    sql`insert into plan_action (custody_episode_id, person_id, person_need_id, standard_action, description, owner_party, due_date, weeks_before_release, status)
      select e.id, e.person_id, pn.id, a.key, a.description, a.owner, e.expected_release_date - a.weeks * 7, a.weeks,
        case when e.actual_release_date is not null or (abs(hashtext(e.id::text || a.key || ${seed})) % 100) < 50 then 'done' else 'in_progress' end
      from custody_episode e
      cross join (values ('id_documents', 'Apply for ID documents', 'prison', 12, 90), ('bank_account', 'Open a bank account', 'prison', 8, 83),
        ('first_night_accommodation', 'Confirm accommodation for the first night', 'probation', 4, 8),
        ('treatment_appointment', 'Book a treatment appointment within three weeks of release', 'provider', 1, 57),
        ('education_training_employment', 'Arrange education, training or employment', 'prison', 4, 68),
        ('gp_and_medication', 'Register with a GP and arrange medication on release', 'prison', 2, 109)) as a(key, description, owner, weeks, need)
      left join person_need pn on pn.custody_episode_id = e.id and pn.support_need_id = a.need
      where ${window} and ${h('plan')} >= 33 and (pn.id is not null or a.key in ('first_night_accommodation', 'id_documents'))
      on conflict do nothing`,
    // The COM is one of the PDU's team (com-teams.ts), chosen from the episode id as the referral demo chooses.
    sql`insert into handover (custody_episode_id, person_id, com_name, com_allocated_on, meeting_status, meeting_date, not_held_reason, attendees, com_contact_on, com_contact_method, pack_risks, release_address)
      select e.id, e.person_id,
        case when ${h('com')} < 85 and t.names is not null then t.names[1 + ('x' || substr(e.id::text, 1, 8))::bit(32)::bigint % array_length(t.names, 1)] end,
        case when ${h('com')} < 85 and t.names is not null then least(${today}::date, e.expected_release_date - 120) end,
        case when ${h('meeting')} < 50 then 'held' when ${h('meeting')} < 70 then 'not_held' when ${h('meeting')} < 85 then 'scheduled' else 'not_scheduled' end,
        case when ${h('meeting')} < 85 then least(${today}::date, e.expected_release_date - 30) end,
        case when ${h('meeting')} between 50 and 69 then 'COM unavailable' end,
        case when ${h('meeting')} < 50 then 'POM, COM and the person' end,
        case when ${h('contact')} < 80 then least(${today}::date, e.expected_release_date - 14) end,
        case when ${h('contact')} < 80 then 'video' end,
        ${h('risks')} < 80,
        case when ${h('address')} < 75 then ${pickFor(ADDRESSES, h('address-kind'))} end
      from custody_episode e left join ${comTeams} t on t.pdu_code = e.pdu_code where ${window}
      on conflict do nothing`,
    sql`insert into departure_checklist (custody_episode_id, person_id, id_document, bank_card, discharge_grant, medication, travel, sleeping_tonight)
      select e.id, e.person_id, ${h('id')} < 75, ${h('bank')} < 60, true, ${h('meds')} < 90, true, case when ${h('sleep')} < 85 then ${pickFor(TONIGHT, h('sleep-kind'))} end
      from custody_episode e where e.actual_release_date between ${today}::date - 365 and ${today}::date
      on conflict do nothing`,
    sql`insert into duty_to_refer (custody_episode_id, person_id, local_authority_code, received_on, outcome, outcome_on)
      select e.id, e.person_id, e.local_authority_code, least(${today}::date, e.expected_release_date - 56),
        case when e.actual_release_date is not null then 'relief_duty' end,
        case when e.actual_release_date is not null then e.actual_release_date end
      from custody_episode e where ${window} and e.local_authority_code is not null and ${h('dtr')} < 40
        and least(${today}::date, e.expected_release_date - 56) <= coalesce(e.actual_release_date, ${today}::date)
      on conflict do nothing`,
  ]
  // Two chains of statements, each on its own connection on PostgreSQL (the server works on both
  // at once): the plan actions read the needs, so those two run in order; the other tables are
  // read by none of these statements and no two statements write the same table.
  const [assessments, needs, actions, handovers, departures, referrals] = steps
  let done = 0
  const chain = async (statements: (typeof steps)[number][]) => {
    for (const step of statements) {
      await step.execute(db)
      onProgress?.(++done, steps.length)
    }
  }
  await Promise.all([chain([assessments!, needs!, actions!]), chain([handovers!, departures!, referrals!])])
}
