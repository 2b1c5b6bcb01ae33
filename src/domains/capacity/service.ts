/**
 * Capacity use cases. Reading the over-capacity view needs what the forecast needs (reports at
 * national or regional scope); setting a PDU's COM FTE is for an administrator, or the
 * performance lead of the PDU's own region. A PDU outside the actor's region is "not found".
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import type { ForecastingService } from '../forecasting/service.ts'
import type { CapacityRepository } from './repository.ts'
import { comCapacity, loads, type AreaLoad } from './rules.ts'
import { dayNumber, monthsFrom } from '../forecasting/flow.ts'
import { monthBefore } from '../forecasting/model.ts'
import { addMonths } from '../../platform/calendar/index.ts'
import type { ContractPlacesRepository } from './contract-repository.ts'
import { contractDemand, monthlyPlaces } from './contract-rules.ts'

/** Nights in the calendar month that starts on `month`. */
const daysIn = (month: string) => dayNumber(monthsFrom(month, 2)[1] ?? month) - dayNumber(month)

export function capacityService(
  repo: CapacityRepository,
  contracts: ContractPlacesRepository,
  forecasting: ForecastingService,
) {
  const regionOf = (ctx: RequestContext) =>
    ctx.actor.scope.level === 'region' ? ctx.actor.scope.regionCode : null

  function authoriseRead(ctx: RequestContext) {
    const { role, scope } = ctx.actor
    if (!can(role, 'reports:read') || (scope.level !== 'national' && scope.level !== 'region'))
      throw new Forbidden()
  }

  async function overFor(
    ctx: RequestContext,
    q: { asOf?: string | undefined; horizon: number; scenario: string },
  ) {
    const [caseload, nights, releases, crs] = await Promise.all([
      forecasting.forecast(ctx, { ...q, level: 'pdu', series: 'caseload' }),
      forecasting.forecast(ctx, { ...q, level: 'region', series: 'cas3_bed_nights' }),
      forecasting.forecast(ctx, { ...q, level: 'region', series: 'releases' }),
      forecasting.crsByPathway(ctx, q),
    ])
    const region = regionOf(ctx)
    const [staffing, settings, regions, premises, apNights, running, taken] = await Promise.all([
      repo.staffing(region),
      repo.settings(),
      repo.regionNames(),
      repo.approvedPremises(region),
      repo.approvedPremisesNights(region, caseload.asOf, monthBefore(caseload.asOf, 12)),
      contracts.running(region, crs.asOf, addMonths(crs.asOf, q.horizon)),
      contracts.taken(region, monthBefore(crs.asOf, 12), crs.asOf),
    ])
    const months = [
      ...new Set(nights.points.map((p) => p.month).concat(caseload.points.map((p) => p.month))),
    ].sort()
    const estate = await repo.cas3Nights(region, months)
    const fte = new Map(staffing.map((s) => [s.pduCode, s]))
    const beds = new Map(estate.map((e) => [`${e.area}|${e.month}`, e.nights]))
    const coms = loads(
      caseload.points,
      (pdu) => comCapacity(fte.get(pdu)?.comFte ?? null, settings.normHigh),
      (pdu) => fte.get(pdu)?.pduName ?? pdu,
    )
    const cas3 = loads(
      nights.points,
      (r, m) => beds.get(`${r}|${m}`) ?? null,
      (r) => regions.get(r) ?? r,
    )
    // Approved Premises nights: each forecast release brings the nights recorded per release
    // in the last 12 months, against the places recorded for the region every night.
    const perRelease = new Map(apNights.map((r) => [r.area, r.releases > 0 ? r.nights / r.releases : 0]))
    const places = new Map(premises.map((p) => [p.regionCode, p.places]))
    const ap = loads(
      releases.points.map((p) => ({ ...p, value: p.value * (perRelease.get(p.area) ?? 0) })),
      (r, m) => {
        const n = places.get(r)
        return n === null || n === undefined ? null : n * daysIn(m)
      },
      (r) => regions.get(r) ?? r,
    )
    // CRS contract places: forecast referrals to each contract against a twelfth of its places
    // a contract year each month it runs (contract-rules.ts).
    const byId = new Map(running.map((c) => [c.id, c]))
    const crsLoads = loads(
      contractDemand(running, crs.points, taken, crs.months),
      (id, m) => {
        const c = byId.get(id)
        return c?.placesPerYear === null || c === undefined ? null : monthlyPlaces(c.placesPerYear, c, m)
      },
      (id) => {
        const c = byId.get(id)
        return c ? `${c.reference} (${c.regionNames.join(', ')})` : id
      },
    )
    return {
      asOf: caseload.asOf,
      scenario: caseload.scenario,
      scenarioName: caseload.scenarioName,
      settings,
      coms,
      cas3,
      ap,
      crs: crsLoads,
      contracts: running,
    }
  }

  return {
    /** The baseline, and the scenario when one is chosen, each against the same capacity. */
    async overCapacity(
      ctx: RequestContext,
      q: { asOf?: string | undefined; horizon: number; scenario: string },
    ) {
      authoriseRead(ctx)
      const baseline = await overFor(ctx, { ...q, scenario: 'baseline' })
      const scenario = q.scenario === 'baseline' ? null : await overFor(ctx, q)
      return { baseline, scenario }
    },

    /** Approved Premises places by region in the reader's view, and whether they may change them. */
    async approvedPremises(ctx: RequestContext) {
      authoriseRead(ctx)
      return { premises: await repo.approvedPremises(regionOf(ctx)), mayEdit: mayEdit(ctx) }
    },

    async setApprovedPremises(
      ctx: RequestContext,
      input: { regionCode: string; places: number; source: string },
    ) {
      if (!mayEdit(ctx)) throw new Forbidden()
      const found = (await repo.approvedPremises(regionOf(ctx))).find(
        (p) => p.regionCode === input.regionCode,
      )
      if (!found) throw new NotFound('region')
      await repo.setApprovedPremises(input.regionCode, input.places, input.source, ctx.actor.userId)
    },

    async staffing(ctx: RequestContext) {
      authoriseRead(ctx)
      return {
        staffing: await repo.staffing(regionOf(ctx)),
        settings: await repo.settings(),
        mayEdit: mayEdit(ctx),
      }
    },

    async setStaffing(ctx: RequestContext, pduCode: string, comFte: number) {
      if (!mayEdit(ctx)) throw new Forbidden()
      const found = (await repo.staffing(regionOf(ctx))).find((s) => s.pduCode === pduCode)
      if (!found) throw new NotFound('PDU')
      await repo.setStaffing(pduCode, comFte, ctx.actor.userId)
    },
  }

  /** An administrator, or a regional lead for their own region's PDUs (the capability as data). */
  function mayEdit(ctx: RequestContext) {
    const { role, scope } = ctx.actor
    return can(role, 'capacity:staffing') && (scope.level === 'national' || scope.level === 'region')
  }
}

export type CapacityService = ReturnType<typeof capacityService>
export type { AreaLoad }
