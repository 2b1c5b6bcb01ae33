import { defineModule } from '../../platform/module.ts'
import { referenceLists, referenceRepository } from './repository.ts'
import { referenceService } from './service.ts'

/**
 * Reference data (prisons, PDUs, local authorities, services), loaded from copies of public
 * sources. `referenceLists` are the choices forms offer, shared with the domains that show them.
 */
export const referenceModule = defineModule({
  name: 'reference',
  repositories: (db) => ({ reference: referenceRepository(db), referenceLists: referenceLists(db) }),
  services: ({ repos }) => ({
    reference: referenceService(repos.reference),
    referenceLists: repos.referenceLists,
  }),
})
