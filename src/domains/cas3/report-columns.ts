import type { CellValue, Column, Format, Table } from '../../platform/table/index.ts'

/** A report row: one value per column key, already in the words the report prints. */
export type ReportRow = Record<string, CellValue>

/** A column spec over report rows (the one table model, platform/table). */
export const col = (key: string, label: string, format?: Format): Column<ReportRow> => ({
  key,
  label,
  value: (r) => r[key],
  ...(format ? { format } : {}),
})

const SEX: Record<string, string> = {
  male: 'Male',
  female: 'Female',
  intersex: 'Intersex',
  not_stated: 'Not stated',
}

/** Who a report's people are: sex, ethnicity and age band on the report's last day. */
export const whoColumns = (on: string) => [
  col('sex', 'Sex'),
  col('ethnicity', 'Ethnicity'),
  col('ageBand', `Age band (on ${on})`),
]
export const demographics = (
  p: { sex: string; ethnicity: string | null; date_of_birth: string },
  on: string,
  ageBand: (dob: string, on: string) => string,
) => ({
  sex: SEX[p.sex] ?? p.sex,
  ethnicity: p.ethnicity ?? 'Not recorded',
  ageBand: ageBand(p.date_of_birth, on),
})

export interface ReportInput {
  regionCode: string | null
  from: string
  to: string
}
/** What one report builds: its columns and rows, and a summary table of its aggregates. */
export interface BuiltReport {
  columns: Column<ReportRow>[]
  rows: ReportRow[]
  summary: Table<ReportRow>
}
