/**
 * Caseloads today per named COM, and where they go from the cases already held (issue 16
 * item 3). Access first: a COM sees their own caseload; a regional lead their region; the
 * national analyst and the administrator any region or PDU. A region or PDU outside the
 * actor's region is "not found", as if it did not exist.
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import { wilson } from '../../platform/statistics/index.ts'
import { dayNumber, hazard, monthsFrom, monthStart } from '../forecasting/flow.ts'
import type { ForecastingService } from '../forecasting/service.ts'
import type { CaseloadFilter, CaseloadRepository } from './caseload-repository.ts'
import { comLoads, distribution, ON_LICENCE, projectCom, type CaseGroup } from './caseload-rules.ts'
import type { CapacityRepository } from './repository.ts'

/** Months ahead the projection and the PDU forecast are shown for. */
export const AHEAD = [3, 6, 12] as const

export function caseloadService(
  repo: CaseloadRepository,
  capacity: CapacityRepository,
  forecasting: ForecastingService,
  deps: { today: () => string },
) {
  function access(
    ctx: RequestContext,
    q: { region?: string | undefined; pdu?: string | undefined },
  ): CaseloadFilter {
    const { role, scope } = ctx.actor
    if (can(role, 'caseload:own') && scope.level === 'pdu')
      return { region: null, pdu: scope.pduCode, com: ctx.actor.name }
    if (!can(role, 'reports:read')) throw new Forbidden()
    if (scope.level === 'national') return { region: q.region ?? null, pdu: q.pdu ?? null, com: null }
    if (scope.level === 'region') {
      if (q.region && q.region !== scope.regionCode) throw new NotFound('region')
      return { region: scope.regionCode, pdu: q.pdu ?? null, com: null }
    }
    throw new Forbidden()
  }

  return {
    async caseloads(ctx: RequestContext, q: { region?: string | undefined; pdu?: string | undefined }) {
      const f = access(ctx, q)
      const today = deps.today()
      const areas = await repo.areas(ctx.actor.scope.level === 'region' ? ctx.actor.scope.regionCode : null)
      if (
        f.pdu &&
        f.com === null &&
        !areas.some((a) => a.pduCode === f.pdu && (!f.region || a.regionCode === f.region))
      )
        throw new NotFound('PDU')
      const [groups, risk, weights, settings, staffing] = await Promise.all([
        repo.caseGroups(ctx.actor.scope, f, today),
        repo.earlyEndHazard(ctx.actor.scope, f, today),
        repo.weights(),
        capacity.settings(),
        capacity.staffing(f.region),
      ])
      const loads = comLoads(groups, weights, { high: settings.normHigh, alert: settings.alert })
      const h = hazard(risk.events, risk.exposure)
      const months = monthsFrom(monthStart(today), Math.max(...AHEAD) + 1)
      const ends = AHEAD.map((k) => dayNumber(months[k] ?? today) - 1)
      const byCom = new Map<string, CaseGroup[]>()
      for (const g of groups) {
        const key = `${g.com}|${g.pdu}`
        byCom.set(key, [...(byCom.get(key) ?? []), g])
      }
      const coms = loads.map((l) => {
        const mine = byCom.get(`${l.com}|${l.pdu}`) ?? []
        return {
          ...l,
          ahead: projectCom(mine, weights, ends, dayNumber(today), h),
          onLicence: projectCom(mine, ON_LICENCE, ends, dayNumber(today), h),
        }
      })
      const over = coms.filter((c) => c.overAlert).length
      // The PDU forecast (what the COM cannot see: it is a report) against what is already held.
      const pduForecast =
        f.com === null
          ? await forecasting.forecast(ctx, {
              asOf: undefined,
              horizon: Math.max(...AHEAD),
              level: 'pdu',
              series: 'caseload',
              scenario: 'baseline',
            })
          : null
      const pduNames = new Map(areas.map((a) => [a.pduCode, a.pduName]))
      const pdus = staffing
        .filter((s) => (f.pdu ? s.pduCode === f.pdu : true))
        .map((s) => {
          const points = pduForecast?.points.filter((p) => p.area === s.pduCode) ?? []
          const held = coms.filter((c) => c.pdu === s.pduCode)
          return {
            pduCode: s.pduCode,
            pduName: s.pduName,
            fte: s.comFte,
            namedComs: held.length,
            casesToday: held.reduce((n, c) => n + c.cases, 0),
            ahead: AHEAD.map((k, i) => {
              const p = points[k - 1]
              const stillHeld = held.reduce((n, c) => n + (c.onLicence.value[i] ?? 0), 0)
              return { months: k, forecast: p ?? null, stillHeld }
            }),
          }
        })
        .filter((p) => p.casesToday > 0 || p.ahead.some((a) => a.forecast !== null))
      return {
        today,
        filter: f,
        own: f.com !== null,
        areas,
        settings,
        weights,
        hazardPerYear: h * 365,
        hazardEvents: risk.events,
        coms,
        overAlert: { count: over, of: coms.length, interval: wilson(over, coms.length) },
        distribution: distribution(coms),
        pdus,
        pduNames,
      }
    },
  }
}

export type CaseloadService = ReturnType<typeof caseloadService>
