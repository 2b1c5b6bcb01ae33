import type { referenceRepository } from './repository.ts'
import * as files from './files.ts'
import { ACCOMMODATION_CLASSES } from '../status/vocabulary.ts'

type Repo = ReturnType<typeof referenceRepository>

export function referenceService(repo: Repo) {
  return {
    /** Loads (or refreshes) the reference data and its organisations. Safe to run again. */
    async load() {
      await repo.upsertRegions(files.regions())
      await repo.upsertPdus(files.pdus())
      await repo.upsertPrisons(files.prisons())
      await repo.upsertLocalAuthorities(files.localAuthorities())
      await repo.upsertEthnicGroups(files.ethnicGroups())
      await repo.upsertAccommodationTypes(files.accommodationTypes(ACCOMMODATION_CLASSES))
      await repo.ensureReferenceOrganisations()
      return repo.counts()
    },
    counts: () => repo.counts(),
  }
}
