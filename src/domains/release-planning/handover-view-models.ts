// View models for the handover, the day of release and the Duty to Refer pages.
import { camelRow } from '../../platform/db/camel.ts'
import type { FormErrors } from '../../platform/http/forms.ts'
import { formatLongDate } from '../../platform/calendar/index.ts'
import {
  CONTACT_METHODS,
  DTR_OUTCOMES,
  EXCLUSIONS,
  HANDOVER_MEETING_STATUSES,
  RELEASE_ROUTES,
} from './vocabulary.ts'
import { dp, options, personHeader, sections, type Saved, type Svc, type Values } from './view-models.ts'

export function handoverValues(s: Saved): Values {
  return s
    ? {
        ...camelRow(s, [
          'com_name',
          'com_allocated_on',
          'meeting_status',
          'meeting_date',
          'not_held_reason',
          'attendees',
          'com_contact_on',
          'com_contact_method',
          'release_address',
          'version',
        ]),
        packRisks: s.pack_risks ? 'yes' : '',
      }
    : { meetingStatus: 'not_scheduled', version: 0 }
}

export function handoverView(
  v: Awaited<ReturnType<Svc['handover']>>,
  values: Values,
  errors: FormErrors,
  current?: unknown,
) {
  const h = personHeader(v.person, v.episode)
  return {
    pageTitle: `Handover: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'handover'),
    dates: v.dates,
    // The NAO asked whether the COM was allocated on time (domain.md section 7).
    allocation: v.saved?.com_allocated_on
      ? v.saved.com_allocated_on <= v.dates.comAllocationDueDate
        ? 'Yes'
        : `No: allocated ${formatLongDate(v.saved.com_allocated_on)}, due by ${formatLongDate(v.dates.comAllocationDueDate)}`
      : 'Not allocated yet',
    pack: v.pack,
    current,
    meetingItems: options(HANDOVER_MEETING_STATUSES, values.meetingStatus),
    contactItems: [
      { value: '', text: 'No contact yet', selected: !values.comContactMethod },
      ...options(CONTACT_METHODS, values.comContactMethod),
    ],
    dateValues: {
      comAllocatedOn: dp(values, 'comAllocatedOn'),
      meetingDate: dp(values, 'meetingDate'),
      comContactOn: dp(values, 'comContactOn'),
    },
    values,
    errors,
  }
}

export function releaseDayView(v: Awaited<ReturnType<Svc['releaseDay']>>, values: Values) {
  const h = personHeader(v.person, v.episode)
  const d = v.decision
  const c = v.checklist
  const checklistValues: Values =
    values.idDocument !== undefined || values.sleepingTonight !== undefined
      ? values
      : c
        ? camelRow(c, [
            'id_document',
            'bank_card',
            'discharge_grant',
            'medication',
            'travel',
            'first_appointment',
            'sleeping_tonight',
          ])
        : {}
  const tick = (k: string) => Boolean(checklistValues[k]) && checklistValues[k] !== 'false'
  return {
    pageTitle: `Day of release: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'release-day'),
    episode: v.episode,
    computed: v.computed,
    decision: d
      ? {
          ...d,
          exclusionLabel: d.exclusion ? EXCLUSIONS[d.exclusion as keyof typeof EXCLUSIONS] : null,
          routeLabel: RELEASE_ROUTES[d.release_route as keyof typeof RELEASE_ROUTES],
        }
      : undefined,
    decisionVersion: d?.version ?? 0,
    checklistVersion: c?.version ?? 0,
    routeItems: options(RELEASE_ROUTES, values.releaseRoute ?? d?.release_route ?? 'standard'),
    decisionItems: options({ approved: 'Approved', refused: 'Refused' }, values.decision),
    checklistItems: [
      { value: 'yes', text: 'ID', name: 'idDocument', checked: tick('idDocument') },
      { value: 'yes', text: 'Bank card', name: 'bankCard', checked: tick('bankCard') },
      { value: 'yes', text: 'Discharge grant', name: 'dischargeGrant', checked: tick('dischargeGrant') },
      { value: 'yes', text: 'Medication', name: 'medication', checked: tick('medication') },
      { value: 'yes', text: 'Travel', name: 'travel', checked: tick('travel') },
    ],
    checklistValues,
    accommodationItems: [
      { value: '', text: 'Select accommodation', selected: !values.accommodationTypeCode },
      ...v.accommodationTypes.map((t) => ({
        value: t.code,
        text: t.name,
        selected: t.code === values.accommodationTypeCode,
      })),
    ],
    releasedOn: dp(values, 'releasedOn'),
    values,
  }
}

export function dutyToReferValues(s: Saved): Values {
  return s ? camelRow(s, ['received_on', 'outcome', 'outcome_on', 'version']) : { version: 0 }
}

export function dutyToReferView(
  v: Awaited<ReturnType<Svc['dutyToRefer']>>,
  values: Values,
  errors: FormErrors,
) {
  const h = personHeader(v.person, v.episode)
  return {
    pageTitle: `Duty to Refer: ${h.personName}`,
    ...h,
    sections: sections(h.base, 'duty-to-refer'),
    episode: v.episode,
    saved: v.saved
      ? {
          ...v.saved,
          outcomeLabel: v.saved.outcome ? DTR_OUTCOMES[v.saved.outcome as keyof typeof DTR_OUTCOMES] : null,
        }
      : undefined,
    outcomeItems: [
      { value: '', text: 'No outcome yet', selected: !values.outcome },
      ...options(DTR_OUTCOMES, values.outcome),
    ],
    dateValues: { receivedOn: dp(values, 'receivedOn'), outcomeOn: dp(values, 'outcomeOn') },
    values,
    errors,
  }
}
