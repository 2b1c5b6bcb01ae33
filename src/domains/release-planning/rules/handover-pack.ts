// The handover pack the prison passes to the COM (domain.md section 7: the NAO found no one
// measured whether it was complete). Complete means the four parts the issue names are there:
// the resettlement plan (passing the quality check), the risk information, the needs assessment
// and the release address.

export interface PackInput {
  planPasses: boolean
  risksShared: boolean
  assessedPathways: number
  releaseAddress: string | null
}

export function handoverPack(input: PackInput) {
  const parts = [
    { key: 'plan', label: 'Resettlement plan passing the quality check', done: input.planPasses },
    { key: 'risks', label: 'Risk information shared', done: input.risksShared },
    { key: 'needs', label: 'Needs assessed', done: input.assessedPathways > 0 },
    { key: 'address', label: 'Release address', done: Boolean(input.releaseAddress?.trim()) },
  ]
  return {
    complete: parts.every((p) => p.done),
    parts,
    missing: parts.filter((p) => !p.done).map((p) => p.label),
  }
}
