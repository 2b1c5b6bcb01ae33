import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { buildApp, repositories, services } from '../src/composition.ts'
import { BenchClient, percentiles } from './http-client.ts'
import { ms } from './support.ts'

/** Resettle on the bench database, listening on a free port of 127.0.0.1, as a user would reach it. */
async function serve(url: string, pool: { poolSize: number; statementMs: number }) {
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    SKIP_DEMO: 'true',
    NODE_ENV: 'development',
  })
  const { db } = await openDatabase({
    kind: 'postgres',
    url,
    poolSize: pool.poolSize,
    timeouts: { connectMs: 1500, statementMs: pool.statementMs },
  })
  const repos = repositories(db)
  const app = await buildApp(services(db, repos, config), repos, config)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return { config, db, app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` }
}

/**
 * Issue 17, item 8: the national outcomes dashboard with 10 users at once, through HTTP on
 * 127.0.0.1 against the bench database. Bounded: each user makes at most `perUser` requests and
 * stops after `maxSeconds`. Full pages (no revalidation) and browser revalidations (If-None-Match)
 * are measured apart.
 */
export async function benchDashboardLoad(
  url: string,
  users = 10,
  perUser = 40,
  maxSeconds = 60,
): Promise<string> {
  const { config, db, app, base } = await serve(url, { poolSize: 10, statementMs: 10_000 })
  try {
    const clients = await Promise.all(
      Array.from({ length: users }, async () => {
        const c = new BenchClient(base)
        await c.signIn('analyst@demo.resettle.test', config.demo.password)
        return c
      }),
    )
    // The first view computes and keeps the result; what is measured is the steady state.
    const first = performance.now()
    const warm = await clients[0]?.request('/outcomes')
    await warm?.arrayBuffer()
    const coldMs = performance.now() - first
    const run = async (revalidate: boolean) => {
      const times: number[] = []
      const statuses = new Map<number, number>()
      const until = performance.now() + maxSeconds * 1000
      await Promise.all(
        clients.map(async (c) => {
          let etag = ''
          for (let i = 0; i < perUser && performance.now() < until; i++) {
            const started = performance.now()
            const res = await c.request(
              '/outcomes',
              revalidate && etag ? { headers: { 'if-none-match': etag } } : {},
            )
            await res.arrayBuffer()
            times.push(performance.now() - started)
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
            etag = res.headers.get('etag') ?? etag
          }
        }),
      )
      return { ...percentiles(times), statuses }
    }
    const full = await run(false)
    const revalidated = await run(true)
    const line = (label: string, r: Awaited<ReturnType<typeof run>>) =>
      `| ${label} | ${r.n} | ${[...r.statuses].map(([s, n]) => `${n}× ${s}`).join(', ')} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} |`
    return `
#### National outcomes dashboard, ${users} concurrent users over HTTP (127.0.0.1)

First view after start (computes and keeps the result): ${ms(coldMs)}. Then each user requests \`/outcomes\` up to ${perUser} times (at most ${maxSeconds} s):

| Requests | n | Statuses | p50 | p95 | max |
| --- | --- | --- | --- | --- | --- |
${line('Full page each time', full)}
${line('Browser revalidation (If-None-Match)', revalidated)}
`
  } finally {
    await app.close()
    await db.destroy()
  }
}

/** CPU seconds (user + system) of the given processes, from /proc/PID/stat; 0 for one gone. */
async function cpuSeconds(pids: number[]): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  let ticks = 0
  for (const pid of pids) {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? []
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0)
    } catch {
      // The backend closed: its time is not counted.
    }
  }
  return ticks / 100
}

/**
 * Issue 12, item 3: the regional dashboard narrowed to a PDU or a prison, one user at a time, on
 * the busiest region's busiest PDU and prison. A narrowed page counts every PDU and prison of the
 * region from the facts (dashboard-regional.ts), so it is the slow path; the national page and
 * the region's whole page are measured beside it. Wall time under load is an upper bound; the CPU
 * of the Node process and of the pool's PostgreSQL backends (parallel workers not included) is
 * reported too.
 */
export async function benchNarrowedDashboard(url: string, perPage = 12): Promise<string> {
  const { config, db, app, base } = await serve(url, { poolSize: 4, statementMs: 30_000 })
  try {
    const busiest = async (split: 'pdu' | 'prison', region?: string) =>
      (
        await sql<{ region: string; grp: string }>`
          select region_code as region, grp from outcome_split_rollup
          where split = ${split} ${region ? sql`and region_code = ${region}` : sql``}
          group by region_code, grp order by sum(cnt) desc limit 1`.execute(db)
      ).rows[0]
    const pdu = await busiest('pdu')
    const prison = pdu && (await busiest('prison', pdu.region))
    if (!pdu || !prison) return 'No releases to measure.'
    const client = new BenchClient(base)
    await client.signIn('analyst@demo.resettle.test', config.demo.password)
    const region = `/outcomes/regions/${pdu.region}?measure=housed_first_night`
    const cases = [
      ['National page (unchanged path, kept per version)', '/outcomes'],
      [`Region ${pdu.region}, whole`, region],
      [`Region ${pdu.region}, narrowed to PDU ${pdu.grp}`, `${region}&pdu=${pdu.grp}`],
      [`Region ${pdu.region}, narrowed to prison ${prison.grp}`, `${region}&prison=${prison.grp}`],
      [
        `Its by-quarter CSV, narrowed to PDU ${pdu.grp}`,
        `${region}&pdu=${pdu.grp}&download=by-quarter&format=csv`,
      ],
    ] as const
    const rows: string[] = []
    for (const [label, path] of cases) {
      const warm = await client.request(path)
      if (warm.status !== 200) throw new Error(`${path}: ${warm.status}`)
      await warm.arrayBuffer()
      const backends = (
        await sql<{
          pid: number
        }>`select pid from pg_stat_activity where datname = current_database()`.execute(db)
      ).rows.map((r) => r.pid)
      const [pgBefore, nodeBefore] = [await cpuSeconds(backends), process.cpuUsage()]
      const times: number[] = []
      for (let i = 0; i < perPage; i++) {
        const started = performance.now()
        await (await client.request(path)).arrayBuffer()
        times.push(performance.now() - started)
      }
      const node = process.cpuUsage(nodeBefore)
      const pg = (await cpuSeconds(backends)) - pgBefore
      const r = percentiles(times)
      const perView = (s: number) => ms((s * 1000) / perPage)
      rows.push(
        `| ${label} | ${r.n} | ${ms(r.p50)} | ${ms(r.p95)} | ${perView((node.user + node.system) / 1e6)} | ${perView(pg)} |`,
      )
    }
    return `
#### Outcome dashboards narrowed to a PDU or a prison, one user, over HTTP (127.0.0.1)

Each page requested ${perPage} times after one warm-up view (the national page is then served from its kept result):

| Page | n | p50 | p95 | Node CPU per view | PostgreSQL CPU per view (pool backends) |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`
  } finally {
    await app.close()
    await db.destroy()
  }
}
