/**
 * A dashboard result kept per version of what it reads (issue 17, item 8). The national outcomes
 * dashboard recomputed its 24 measure queries on every view, in parallel workers: 13 views a
 * second filled both cores. Its figures change only when the roll-ups, targets or regions do, and
 * each such change moves dashboard_version in the same transaction (migration 0012_1), so:
 * - a view reads the version (one indexed row) and serves the kept result if it was computed at
 *   that version and for the same day (the checkpoints that have passed depend on the date);
 * - otherwise one computation runs for all the views that arrive meanwhile, and its result is
 *   kept only if the version was the same before and after it: then every query it ran saw
 *   exactly that version's committed state. A result that straddled a change is served once,
 *   fresh as of its own reads, and not kept.
 * Each process keeps its own copy; they agree because the version lives in the database.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

export async function dashboardVersion(db: Database, name: string): Promise<string> {
  const row = (
    await sql<{
      version: string
    }>`select version::text as version from dashboard_version where name = ${name}`.execute(db)
  ).rows[0]
  return row?.version ?? '0'
}

export interface Versioned<T> {
  value: T
  /** The version and day the value belongs to: the same tag means the same figures. Null when a
   * change committed while it was computed, so no version can vouch for it. */
  tag: string | null
}

export function versionedResult<T>(db: Database, name: string) {
  let kept: Versioned<T> | undefined
  const running = new Map<string, Promise<Versioned<T>>>()
  return async (day: string, compute: () => Promise<T>): Promise<Versioned<T>> => {
    const before = await dashboardVersion(db, name)
    const tag = `${before}-${day}`
    if (kept?.tag === tag) return kept
    const shared = running.get(tag)
    if (shared) return shared
    const work = (async () => {
      const value = await compute()
      const after = await dashboardVersion(db, name)
      if (after !== before) return { value, tag: null }
      kept = { value, tag }
      return kept
    })().finally(() => running.delete(tag))
    running.set(tag, work)
    return work
  }
}

/**
 * Derived pieces of a kept result (the national page's chart: Vega renders it in tens of
 * milliseconds of CPU), kept under the result's tag and the page's options. Bounded: a new tag
 * makes the old entries unreachable, and the map is emptied when it fills.
 */
export function keptDerived<T>(limit = 64) {
  const kept = new Map<string, Promise<T>>()
  return (tag: string | null, key: string, make: () => Promise<T>): Promise<T> => {
    if (tag === null) return make()
    const k = `${tag}\n${key}`
    const found = kept.get(k)
    if (found) return found
    if (kept.size >= limit) kept.clear()
    const made = make()
    kept.set(k, made)
    made.catch(() => kept.delete(k))
    return made
  }
}
