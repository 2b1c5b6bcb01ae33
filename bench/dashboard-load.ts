import type { AddressInfo } from 'node:net'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { buildApp, repositories, services } from '../src/composition.ts'
import { BenchClient, percentiles } from './http-client.ts'
import { ms } from './support.ts'

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
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    SKIP_DEMO: 'true',
    NODE_ENV: 'development',
  })
  const { db } = await openDatabase({
    kind: 'postgres',
    url,
    poolSize: 10,
    timeouts: { connectMs: 1500, statementMs: 10_000 },
  })
  const repos = repositories(db)
  const app = await buildApp(services(db, repos, config), repos, config)
  await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
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
