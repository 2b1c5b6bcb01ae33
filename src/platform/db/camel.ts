/**
 * The one snake_case to camelCase mapper (issue 11, "libraries over hand-written code": Kysely's
 * CamelCasePlugin or one mapper). Tables and SQL keep PostgreSQL's snake_case; a row becomes
 * camelCase where it leaves a repository for a view model, an API answer or a rule, with its type
 * carried through, so no module spells `givenName: r.given_name` by hand. Why one mapper rather
 * than the plugin: docs/architecture.md, "Rows and their names".
 *
 * Shallow by design: nested values (jsonb, arrays from jsonArrayFrom) keep their own keys.
 */

/** `given_name` → `givenName`; `date_of_birth` → `dateOfBirth`. Empty parts (`a__b`, `a_`) vanish. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

/** A row's type with every key camelCased and every value's type kept. */
export type CamelCased<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] }

/** The runtime twin of `CamelCase`: the same rule, so the type never lies about a key. */
export function camelCase<S extends string>(key: S): CamelCase<S> {
  const [head = '', ...tail] = key.split('_')
  // The template type spells what this computes; TypeScript cannot follow string splitting.
  return (head + tail.map((t) => t.charAt(0).toUpperCase() + t.slice(1)).join('')) as CamelCase<S>
}

/**
 * A row with camelCase keys. With `keys`, only those columns: for an API answer or an audit
 * record that must not carry whatever else the query selected.
 */
export function camelRow<T extends object>(row: T): CamelCased<T>
export function camelRow<T extends object, K extends keyof T & string>(
  row: T,
  keys: readonly K[],
): CamelCased<Pick<T, K>>
export function camelRow<T extends object>(row: T, keys?: readonly (keyof T & string)[]): object {
  const out: Record<string, unknown> = {}
  const source = row as Record<string, unknown>
  for (const key of keys ?? Object.keys(row)) out[camelCase(key)] = source[key]
  return out
}

/** `camelRow` over a list of rows. */
export function camelRows<T extends object>(rows: readonly T[]): CamelCased<T>[]
export function camelRows<T extends object, K extends keyof T & string>(
  rows: readonly T[],
  keys: readonly K[],
): CamelCased<Pick<T, K>>[]
export function camelRows<T extends object>(rows: readonly T[], keys?: readonly (keyof T & string)[]) {
  return rows.map((row) => (keys ? camelRow(row, keys) : camelRow(row)))
}
