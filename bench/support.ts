import os from 'node:os'
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import pg from 'pg'
import { scopeOf, type Actor, type RequestContext } from '../src/platform/auth/actor.ts'
import type { Database } from '../src/platform/db/index.ts'
import type { Role } from '../src/platform/db/schema.ts'

export interface Timing {
  n: number
  p50: number
  p95: number
  p99: number
  max: number
}

/** Runs `fn` for each input in turn (no overlap), after a warm-up, and returns latency percentiles in ms. */
export async function measure<T>(
  inputs: T[],
  fn: (input: T) => Promise<unknown>,
  warmup = 20,
): Promise<Timing> {
  for (const input of inputs.slice(0, warmup)) await fn(input)
  const times: number[] = []
  for (const input of inputs) {
    const start = performance.now()
    await fn(input)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
  return { n: times.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: times[times.length - 1] ?? 0 }
}

export const ms = (v: number) => `${v.toFixed(1)} ms`

/** A deterministic sampler, so two runs query the same things. */
export function sampler(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)] as T }
}

/** A request context for an organisation found by its reference code, as the services see a user. */
export async function actorFor(
  db: Database,
  role: Role,
  where:
    | {
        column: 'prison_code' | 'pdu_code' | 'region_code' | 'local_authority_code'
        code: string
        kind: string
      }
    | 'national',
): Promise<RequestContext> {
  const org = await db
    .selectFrom('organisation')
    .selectAll()
    .$if(where === 'national', (q) => q.where('kind', '=', 'national'))
    .$if(where !== 'national', (q) =>
      where === 'national'
        ? q
        : q.where(where.column, '=', where.code).where('kind', '=', where.kind as never),
    )
    .executeTakeFirstOrThrow()
  const actor: Actor = {
    via: 'session',
    userId: null,
    tokenId: null,
    name: `bench ${role}`,
    email: null,
    organisationId: org.id,
    organisationName: org.name,
    organisationKind: org.kind,
    role,
    scope: scopeOf(org),
  }
  return { actor, route: 'bench' }
}

export async function ensureDatabase(url: string) {
  const u = new URL(url)
  const name = u.pathname.slice(1)
  const admin = new pg.Client({ connectionString: `${u.protocol}//${u.username}@${u.host}/postgres` })
  await admin.connect()
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
  await admin.end()
  return { name, exists: (exists.rowCount ?? 0) > 0 }
}

export async function recreateDatabase(url: string) {
  const u = new URL(url)
  const name = u.pathname.slice(1)
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate database "${name}"`)
  const admin = new pg.Client({ connectionString: `${u.protocol}//${u.username}@${u.host}/postgres` })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
}

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`
}

/** Replaces the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, or appends it. */
export function writeSection(file: string, name: string, body: string) {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench`. Each section is replaced when its benchmark runs again.\n'
  const block = `${start}\n${body.trim()}\n${end}`
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  const next =
    i >= 0 && j > i
      ? text.slice(0, i) + block + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(file, next)
}
