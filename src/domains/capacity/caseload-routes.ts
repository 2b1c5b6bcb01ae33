/**
 * The caseloads page: each named COM's caseload and weighted workload against the norm, the
 * distribution as a chart beside its table, and each PDU's forecast against what is held.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { offer, sendIfAsked, shown } from '../forecasting/tables.ts'
import { distributionChart } from './charts.ts'
import type { CaseloadService } from './caseload-service.ts'
import { comTable, distributionTable, overAlertSentence, pduTable } from './caseload-view-models.ts'

const areaCode = z
  .string()
  .regex(/^[A-Z0-9]{2,12}$/, 'Choose an area from the list')
  .optional()
const CaseloadQuery = z.object({
  region: z.preprocess((v) => (v === '' ? undefined : v), areaCode),
  pdu: z.preprocess((v) => (v === '' ? undefined : v), areaCode),
  download: z.enum(['coms', 'distribution', 'pdus']).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
})

export function caseloadRoutes(app: FastifyInstance, caseloads: CaseloadService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get('/caseloads', { schema: { querystring: CaseloadQuery } }, async (request, reply) => {
    const q = request.query
    const r = await caseloads.caseloads(request.ctx, q)
    const coms = comTable(r)
    const spread = distributionTable(r)
    const pdus = r.own ? null : pduTable(r)
    const offered = [offer(coms), offer(spread), ...(pdus ? [offer(pdus)] : [])]
    if (await sendIfAsked(reply, offered, q, 'caseloads')) return reply
    const params = new URLSearchParams()
    if (q.region) params.set('region', q.region)
    if (q.pdu) params.set('pdu', q.pdu)
    const regions = [...new Map(r.areas.map((a) => [a.regionCode, a.regionName]))]
    return reply.render('capacity/views/caseloads.njk', {
      pageTitle: r.own ? 'Your caseload' : 'Caseloads',
      r,
      coms: shown(coms),
      spread: shown(spread),
      pdus: pdus ? shown(pdus) : null,
      overSentence: overAlertSentence(r.overAlert, r.settings.alert),
      weightsText: `weights are data: on licence ${r.weights.licence.none} without MAPPA, up to ${r.weights.licence.mappa_3} at MAPPA level 3; before release ${r.weights.pre_release.none} to ${r.weights.pre_release.mappa_3}`,
      hazardPct: (100 * (1 - Math.exp(-r.hazardPerYear))).toFixed(1),
      svg: await distributionChart(
        r.distribution,
        { normHigh: r.settings.normHigh, alert: r.settings.alert },
        'Bar chart of community offender managers by weighted workload',
      ),
      regionOptions: [
        { value: '', text: 'All regions in view' },
        ...regions.map(([value, text]) => ({ value, text, selected: value === r.filter.region })),
      ],
      pduOptions: [
        { value: '', text: 'All PDUs' },
        ...r.areas
          .filter((a) => !r.filter.region || a.regionCode === r.filter.region)
          .map((a) => ({ value: a.pduCode, text: a.pduName, selected: a.pduCode === r.filter.pdu })),
      ],
      downloadBase: `/caseloads?${params.toString()}${params.size ? '&' : ''}`,
    })
  })
}
