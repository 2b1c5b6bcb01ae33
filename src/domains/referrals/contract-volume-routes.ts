/**
 * The form that keeps a contract's places a contract year and its end date (the one form
 * pattern, with optimistic concurrency on the contract's version).
 */
import type { FastifyInstance } from 'fastify'
import { formPage } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { ContractVolume, ContractVolumeService } from './contract-volume.ts'
import { ContractVolumeInput } from './schemas.ts'

const dateParts = (prefix: string, iso: string) => {
  const [year, month, day] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  }
}

const formValues = (c: ContractVolume) => ({
  placesPerYear: c.placesPerYear === null ? '' : String(c.placesPerYear),
  ...dateParts('endDate', c.endDate),
  version: String(c.version),
})

interface Loaded {
  contract: ContractVolume
  backLink: string
}

export function contractVolumeRoutes(app: FastifyInstance, volumes: ContractVolumeService) {
  formPage(app, {
    path: '/contracts/:id/volume',
    params: IdParams,
    // Capacity data (COM staffing, Approved Premises places, contract places) is kept by the same
    // roles: an administrator, or a regional lead for their region.
    capability: 'capacity:staffing',
    view: 'referrals/views/contract-volume.njk',
    pageTitle: ({ contract }: Loaded) => `Places and end date: ${contract.reference}`,
    schema: ContractVolumeInput,
    dateFields: ['endDate'],
    load: async (request, { id }): Promise<Loaded> => ({
      contract: await volumes.open(request.ctx, id),
      backLink: `/contracts/${id}/performance`,
    }),
    initial: ({ contract }: Loaded) => formValues(contract),
    // After a conflict the form keeps what was typed, with the version now saved, and the page
    // shows what the other person saved.
    conflictValues: ({ contract }: Loaded, posted) => ({ ...posted, version: String(contract.version) }),
    save: (request, { id }, input) => volumes.save(request.ctx, id, input),
    redirect: (saved) => `/contracts/${saved.id}/performance`,
    confirmation: (saved) => `Places and end date of contract ${saved.reference} saved`,
  })
}
