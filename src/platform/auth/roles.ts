import type { OrganisationKind, Role } from '../db/schema.ts'

/**
 * Each role, the kind of organisation it belongs to, and what it may do. Scope follows
 * domain.md section 2: a prison sees people held or released there, a PDU the people it
 * supervises, a region its PDUs' people, a council people released into its area.
 */
export const ROLES: Record<
  Role,
  { label: string; organisationKinds: OrganisationKind[]; capabilities: Capability[] }
> = {
  prison_resettlement_worker: {
    label: 'Prison resettlement worker',
    organisationKinds: ['prison'],
    capabilities: [
      'people:read',
      'people:write',
      'offending:read',
      'status:write',
      'cas3:refer',
      'referrals:make',
      'referrals:performance',
      'release-day:record',
      'release-day:governor-decision',
    ],
  },
  pom: {
    label: 'Prison Offender Manager',
    organisationKinds: ['prison'],
    capabilities: [
      'people:read',
      'people:write',
      'offending:read',
      'status:write',
      'cas3:refer',
      'referrals:performance',
      'release-day:record',
      'release-day:governor-decision',
    ],
  },
  com: {
    label: 'Community Offender Manager',
    organisationKinds: ['pdu'],
    capabilities: [
      'people:read',
      'people:write',
      'offending:read',
      'status:write',
      'cas3:refer',
      'referrals:make',
      'referrals:performance',
      'release-day:record',
      'release-day:request-further-day',
      'caseload:own',
    ],
  },
  provider_caseworker: {
    label: 'Provider caseworker',
    organisationKinds: ['provider'],
    capabilities: ['people:read', 'status:write', 'referrals:deliver', 'referrals:performance'],
  },
  cas3_officer: {
    label: 'CAS3 accommodation officer',
    organisationKinds: ['probation_region'],
    capabilities: ['people:read', 'status:write', 'cas3:manage', 'cas3:reports'],
  },
  council_officer: {
    label: 'Council officer',
    organisationKinds: ['council'],
    capabilities: ['people:read', 'status:write', 'duty-to-refer:record'],
  },
  health_coordinator: {
    label: 'Health and justice coordinator',
    organisationKinds: ['health'],
    capabilities: ['people:read', 'status:write'],
  },
  regional_lead: {
    label: 'Regional performance lead',
    organisationKinds: ['probation_region'],
    capabilities: [
      'people:read',
      'offending:read',
      'reports:read',
      'cas3:reports',
      'referrals:performance',
      'targets:write',
      'capacity:staffing',
    ],
  },
  national_analyst: {
    label: 'National analyst',
    organisationKinds: ['national'],
    capabilities: [
      'people:read',
      'offending:read',
      'reports:read',
      'cas3:reports',
      'referrals:performance',
      'outcomes:publish',
      'extracts:anonymised',
    ],
  },
  admin: {
    label: 'Administrator',
    organisationKinds: ['national'],
    capabilities: [
      'people:read',
      'people:write',
      'offending:read',
      'status:write',
      'reports:read',
      'admin',
      'cas3:refer',
      'cas3:manage',
      'cas3:reports',
      'contracts:manage',
      'referrals:performance',
      'targets:write',
      'outcomes:publish',
      'release-day:record',
      'release-day:governor-decision',
      'release-day:request-further-day',
      'duty-to-refer:record',
      'capacity:staffing',
    ],
  },
}

export type Capability =
  | 'people:read'
  | 'people:write'
  | 'status:write'
  | 'reports:read'
  | 'admin'
  // CAS3 (issue 5): refer, run a region's estate and bookings, and read its reports.
  | 'cas3:refer'
  | 'cas3:manage'
  | 'cas3:reports'
  // Referrals to commissioned services (issue 4): make them, deliver them as a provider, manage
  // contracts, and read contract performance and referral quality.
  | 'referrals:make'
  | 'referrals:deliver'
  | 'contracts:manage'
  | 'referrals:performance'
  // Outcomes (issue 6): add regional targets (regional leads for their own region).
  | 'targets:write'
  // Outcomes (issue 13): publish a quarter's figures, freezing them so revisions show.
  | 'outcomes:publish'
  // Outcomes (issue 6): read a person's offences, orders, licences and programmes. Offences are
  // criminal offence data (UK GDPR Article 10; Data Protection Act 2018 section 10 and Schedule
  // 1), so only those who manage the sentence or measure its outcomes read them: not councils,
  // providers, health partners or CAS3 officers, who see the person for other purposes.
  | 'offending:read'
  // Release planning (issue 3): the day of release is recorded by the prison or the COM; under
  // HMPPS policy the COM asks for a further day and the prison records the governor's decision.
  | 'release-day:record'
  | 'release-day:request-further-day'
  | 'release-day:governor-decision'
  // The council records receiving a Duty to Refer and its outcome (Housing Act 1996, s.213B).
  | 'duty-to-refer:record'
  // Variation (issue 14): person-level anonymised extracts for research, analysts only.
  | 'extracts:anonymised'
  // Forecasting and capacity (issue 16): a COM sees their own caseload and weighted workload.
  | 'caseload:own'
  // Capacity (issue 16): keep the COM full-time equivalents of PDUs (a regional lead, their region's).
  | 'capacity:staffing'

export const ROLE_NAMES = Object.keys(ROLES) as Role[]

export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  return ROLES[role].organisationKinds.includes(kind)
}

export function can(role: Role, capability: Capability): boolean {
  return ROLES[role].capabilities.includes(capability)
}
