import { camelRow } from '../../platform/db/camel.ts'
import { isOverdue } from './rules/action-due.ts'
import { dateParts } from '../../platform/http/forms.ts'
import type { FormErrors } from '../../platform/http/forms.ts'
import type { ReleasePlanningService } from './service.ts'
import { AUDIT_C_QUESTIONS } from './rules/audit-c.ts'
import {
  ACTION_STATUSES,
  NEED_STATUSES,
  PARTIES,
  PATHWAY_KEYS,
  PATHWAY_STATUSES,
  PATHWAYS,
  SCREENINGS,
  pathwaySlug,
  type Pathway,
} from './vocabulary.ts'

// One view model per page: rows in, exactly what the template needs out.
export type Svc = ReleasePlanningService
export type Values = Record<string, unknown>
export const options = (labels: Record<string, string>, selected: unknown, blank?: string) => [
  ...(blank !== undefined ? [{ value: '', text: blank, selected: !selected }] : []),
  ...Object.entries(labels).map(([value, text]) => ({
    value,
    text,
    selected: value === selected,
    checked: value === selected,
  })),
]
/** What the user typed in a date input, or the saved date split into its parts. */
export const dp = (values: Values, name: string) =>
  values[`${name}-day`] !== undefined || values[`${name}-year`] !== undefined
    ? {
        day: str(values[`${name}-day`]),
        month: str(values[`${name}-month`]),
        year: str(values[`${name}-year`]),
      }
    : dateParts(values[name])
export const str = (v: unknown) => (typeof v === 'string' ? v : '')
/** The release-planning pages' address for one person. */
export const planningBase = (personId: string) => `/people/${personId}/release-planning`
export const personHeader = (
  person: { id: string; given_name: string; family_name: string },
  episode: { expected_release_date: string; prison_name: string },
) => ({
  personName: `${person.given_name} ${person.family_name}`,
  personId: person.id,
  base: planningBase(person.id),
  releaseDate: episode.expected_release_date,
  prisonName: episode.prison_name,
})

export function sections(base: string, current: string) {
  return [
    { href: base, text: 'Overview', key: 'overview' },
    { href: `${base}/pathways/accommodation`, text: 'Needs', key: 'needs' },
    { href: `${base}/screenings`, text: 'Screenings', key: 'screenings' },
    { href: `${base}/plan`, text: 'Plan', key: 'plan' },
    { href: `${base}/handover`, text: 'Handover', key: 'handover' },
    { href: `${base}/release-day`, text: 'Day of release', key: 'release-day' },
    { href: `${base}/duty-to-refer`, text: 'Duty to Refer', key: 'duty-to-refer' },
  ].map((s) => ({ ...s, current: s.key === current }))
}

export function overviewView(v: Awaited<ReturnType<Svc['overview']>>) {
  const h = personHeader(v.person, v.episode)
  const statusOf = (p: Pathway) => v.assessments.find((a) => a.pathway === p)?.status ?? 'not_started'
  return {
    pageTitle: `Release planning: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'overview'),
    episode: v.episode,
    releaseDay: v.releaseDay,
    handover: v.handover,
    quality: v.quality,
    pathways: PATHWAY_KEYS.map((p) => ({
      href: `${h.base}/pathways/${pathwaySlug(p)}`,
      name: PATHWAYS[p],
      status: PATHWAY_STATUSES[statusOf(p) as keyof typeof PATHWAY_STATUSES] ?? statusOf(p),
      needs: v.needs.filter((n) => n.pathway === p).length,
    })),
    changes: v.changes.map((c) => ({
      ...c,
      moved: (c.moved ?? []) as { label: string; from: string; to: string }[],
    })),
  }
}

export function pathwayValues(v: Awaited<ReturnType<Svc['assessment']>>): Values {
  const answers = (v.saved?.answers ?? {}) as Record<string, string>
  return {
    status: v.saved?.status ?? 'not_started',
    responsibleParty: 'prison',
    version: v.saved?.version ?? 0,
    ...Object.fromEntries(Object.entries(answers).map(([k, a]) => [`answer_${k}`, a])),
  }
}

export function pathwayView(v: Awaited<ReturnType<Svc['assessment']>>, values: Values, errors: FormErrors) {
  const h = personHeader(v.person, v.episode)
  const recorded = new Set(v.needs.map((n) => n.support_need_id))
  const chosen = new Set([values.needIds ?? []].flat().map(String))
  return {
    pageTitle: `${PATHWAYS[v.pathway]}: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'needs'),
    pathwayTabs: PATHWAY_KEYS.map((p) => ({
      href: `${h.base}/pathways/${pathwaySlug(p)}`,
      text: PATHWAYS[p],
      current: p === v.pathway,
      status:
        PATHWAY_STATUSES[
          (v.assessments.find((a) => a.pathway === p)?.status ??
            'not_started') as keyof typeof PATHWAY_STATUSES
        ],
    })),
    pathwayName: PATHWAYS[v.pathway],
    action: `${h.base}/pathways/${pathwaySlug(v.pathway)}`,
    questionSet: v.questionSet,
    questions: v.questions.map((q) => ({
      ...q,
      name: `answer_${q.key}`,
      value: str(values[`answer_${q.key}`]),
    })),
    statusItems: options(PATHWAY_STATUSES, values.status),
    partyItems: options(PARTIES, values.responsibleParty),
    needItems: v.catalogue
      .filter((c) => !recorded.has(c.id))
      .map((c) => ({
        value: String(c.id),
        text: c.title,
        hint: { text: c.section },
        checked: chosen.has(String(c.id)),
      })),
    needs: v.needs.map((n) => ({
      ...n,
      statusLabel: NEED_STATUSES[n.status as keyof typeof NEED_STATUSES],
      partyLabel: PARTIES[n.responsible_party as keyof typeof PARTIES],
      href: `${h.base}/needs/${n.id}`,
      history: v.history.filter((u) => u.person_need_id === n.id),
    })),
    values,
    errors,
  }
}

export function needView(v: Awaited<ReturnType<Svc['need']>>) {
  const h = personHeader(v.person, v.episode)
  return {
    pageTitle: `Update need: ${v.need.title}`,
    ...h,
    backLink: `${h.base}/pathways/${pathwaySlug(v.need.pathway as Pathway)}`,
    need: v.need,
    statusItems: (values: Values) => options(NEED_STATUSES, values.status),
    statusOptions: NEED_STATUSES,
    partyOptions: PARTIES,
    history: v.history.map((u) => ({
      ...u,
      statusLabel: NEED_STATUSES[u.status as keyof typeof NEED_STATUSES],
      partyLabel: PARTIES[u.responsible_party as keyof typeof PARTIES],
    })),
  }
}

export function screeningOutcome(r: {
  label: string
  result: string
  score: number | null
  proposed: number
}) {
  const score = r.score !== null ? ` (AUDIT-C score ${r.score})` : ''
  const proposed = r.proposed
    ? `. ${r.proposed} matching ${r.proposed === 1 ? 'need was' : 'needs were'} added to the needs assessment`
    : ''
  return `${r.label}: ${r.result}${score}${proposed}`
}

export function screeningsView(
  v: Awaited<ReturnType<Svc['screenings']>>,
  values: Values,
  errors: FormErrors,
) {
  const h = personHeader(v.person, v.episode)
  return {
    pageTitle: `Screenings: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'screenings'),
    kindItems: options(SCREENINGS, values.kind),
    resultItems: options(
      { positive: 'Positive', negative: 'Negative', declined: 'Declined to be screened' },
      values.result,
    ),
    auditQuestions: AUDIT_C_QUESTIONS.map((q) => ({
      ...q,
      items: q.options.map((text, i) => ({
        value: String(i),
        text: `${text} (${i})`,
        checked: str(values[q.key]) === String(i),
      })),
    })),
    screenedOn: dp(values, 'screenedOn'),
    screenings: v.screenings.map((s) => ({
      ...s,
      label: SCREENINGS[s.kind as keyof typeof SCREENINGS] ?? s.kind,
    })),
    values,
    errors,
  }
}

type PlanData = Awaited<ReturnType<Svc['plan']>>
function actionOptions(needs: PlanData['needs'], organisations: PlanData['organisations'], values: Values) {
  return {
    needItems: [
      { value: '', text: 'Not linked to a need', selected: !values.personNeedId },
      ...needs.map((n) => ({
        value: n.id,
        text: `${PATHWAYS[n.pathway as Pathway]}: ${n.title}`,
        selected: n.id === values.personNeedId,
      })),
    ],
    partyItems: options(PARTIES, values.ownerParty),
    organisationItems: [
      { value: '', text: 'Not chosen', selected: !values.ownerOrganisationId },
      ...organisations.map((o) => ({
        value: o.id,
        text: o.name,
        selected: o.id === values.ownerOrganisationId,
      })),
    ],
    statusItems: options(ACTION_STATUSES, values.status ?? 'not_started'),
    dueDate: dp(values, 'dueDate'),
  }
}

export function planView(v: PlanData, values: Values, errors: FormErrors) {
  const h = personHeader(v.person, v.episode)
  return {
    pageTitle: `Resettlement plan: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'plan'),
    quality: v.quality,
    actions: v.actions.map((a) => ({
      ...a,
      statusLabel: ACTION_STATUSES[a.status as keyof typeof ACTION_STATUSES],
      overdue: isOverdue(a, v.today),
      partyLabel: PARTIES[a.owner_party as keyof typeof PARTIES],
      href: `${h.base}/plan/actions/${a.id}`,
    })),
    ...actionOptions(v.needs, v.organisations, values),
    values,
    errors,
  }
}

export function actionValues(a: {
  description: string
  person_need_id: string | null
  owner_party: string
  owner_organisation_id: string | null
  owner_name: string | null
  due_date: string
  status: string
  version: number
}): Values {
  return camelRow(a, [
    'description',
    'person_need_id',
    'owner_party',
    'owner_organisation_id',
    'owner_name',
    'due_date',
    'status',
    'version',
  ])
}

export function actionView(
  v: Awaited<ReturnType<Svc['action']>>,
  values: Values,
  errors: FormErrors,
  current?: unknown,
) {
  const h = personHeader(v.person, v.episode)
  return {
    pageTitle: `Change action: ${v.action.description}`,
    ...h,
    backLink: `${h.base}/plan`,
    action: v.action,
    // A commissioned service can deliver the action; the referral records which action it serves.
    referralHref: `/people/${v.person.id}/referrals/new?planAction=${v.action.id}`,
    current,
    ...actionOptions(v.needs, v.organisations, values),
    values,
    errors,
  }
}

export type Saved = Record<string, unknown> | undefined
