import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { buildApp, repositories, services } from '../src/composition.ts'
import { generateDemoData } from '../src/domains/demo/generator.ts'
import { DEMO_FOCUS } from '../src/domains/demo/geography.ts'
import { startPgInstance } from '../test/support/pg-instance.ts'
import { percentiles } from './http-client.ts'
import { ms } from './support.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

/**
 * Issue 17: 20 clients for 60 s of mixed reads and writes through the HTTP API on 127.0.0.1,
 * while the database's connections are killed twice (pg_terminate_backend) and the server is
 * paused for 10 s (SIGSTOP). The server is a private one started for the soak, never the shared
 * one. Counts acknowledged writes that are then missing, requests that took over 5 s, and how
 * long after each fault ended the first request succeeded.
 */
const HUNG_MS = 5000
type Fault = { kind: 'terminate' | 'pause'; at: number; endedAt: number }

export async function benchSoak(clients = 20, seconds = 60, people = 1000): Promise<string> {
  const server = await startPgInstance()
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    SKIP_DEMO: 'true',
    NODE_ENV: 'development',
  })
  const setup = await openDatabase({ kind: 'postgres', url: server.url(), poolSize: 2 })
  const admin = new pg.Client({ connectionString: server.url() })
  try {
    await migrateToLatest(setup.db)
    const setupSvc = services(setup.db, repositories(setup.db), config)
    await setupSvc.reference.load()
    await generateDemoData(setup.db, {
      people,
      seed: 1,
      password: config.demo.password,
      today: londonToday(),
    })
    const org = await setup.db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'prison')
      .where('prison_code', '=', DEMO_FOCUS.prisonCode)
      .executeTakeFirstOrThrow()
    const token = await setupSvc.identity.issueToken(null, {
      name: 'soak',
      role: 'prison_resettlement_worker',
      organisationId: org.id,
    })
    await admin.connect()

    const { db } = await openDatabase({
      kind: 'postgres',
      url: server.url(),
      poolSize: 10,
      timeouts:
        config.database.kind === 'postgres'
          ? config.database.timeouts
          : { connectMs: 1500, statementMs: 3000 },
    })
    const repos = repositories(db)
    const app = await buildApp(services(db, repos, config), repos, config)
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(base + path, {
        ...init,
        headers: {
          authorization: `Bearer ${token.secret}`,
          'content-type': 'application/json',
          ...init.headers,
        },
        signal: AbortSignal.timeout(30_000),
      })
      const body = await res.text()
      return { status: res.status, body }
    }

    const started = performance.now()
    const now = () => performance.now() - started
    const requests: { start: number; end: number; status: number; write: boolean }[] = []
    const acknowledged: string[] = []
    const faults: Fault[] = []
    let n = 0
    const client = async (k: number) => {
      let mine: string | undefined
      while (now() < seconds * 1000) {
        const start = now()
        const write = (n++ + k) % 3 === 0
        let status: number
        try {
          if (write) {
            const i = n
            const res = await call('/api/v1/people', {
              method: 'POST',
              body: JSON.stringify({
                person: {
                  givenName: `Soak${i}`,
                  familyName: `Client${k}`,
                  dateOfBirth: '1990-01-01',
                  sex: 'male',
                },
                episode: {
                  prisonCode: DEMO_FOCUS.prisonCode,
                  sentenceType: 'determinate',
                  sentenceLengthBand: 'under_12_months',
                  sentenceDate: '2026-01-05',
                  expectedReleaseDate: '2027-03-01',
                  pduCode: DEMO_FOCUS.pduCode,
                },
              }),
            })
            status = res.status
            if (status === 201) {
              mine = (JSON.parse(res.body) as { id: string }).id
              acknowledged.push(mine)
            }
          } else {
            // Read-after-write of this client's last person, or a search.
            const res = mine ? await call(`/api/v1/people/${mine}`) : await call('/api/v1/people?q=smith')
            status = res.status
          }
        } catch {
          status = -1
        }
        requests.push({ start, end: now(), status, write })
        if (status === 503 || status < 0) await new Promise((r) => setTimeout(r, 50))
      }
    }
    const terminate = async () => {
      const at = now()
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = $1',
        ['client backend'],
      )
      faults.push({ kind: 'terminate', at, endedAt: now() })
    }
    const chaos = async () => {
      const wait = (until: number) => new Promise((r) => setTimeout(r, Math.max(0, until - now())))
      await wait(10_000)
      await terminate()
      await wait(20_000)
      await terminate()
      await wait(32_000)
      const at = now()
      server.pause()
      await wait(42_000)
      server.resume()
      faults.push({ kind: 'pause', at, endedAt: now() })
    }
    await Promise.all([chaos(), ...Array.from({ length: clients }, (_, k) => client(k))])
    await app.close()
    await db.destroy()

    const found = await setup.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', acknowledged.length ? acknowledged : ['00000000-0000-0000-0000-000000000000'])
      .executeTakeFirstOrThrow()
    const lost = acknowledged.length - Number(found.n)
    const hung = requests.filter((r) => r.end - r.start > HUNG_MS).length
    const recovery = faults.map((f) => {
      const next = requests
        .filter((r) => r.status >= 200 && r.status < 300 && r.end >= f.endedAt)
        .sort((a, b) => a.end - b.end)[0]
      return { ...f, recoveryMs: next ? next.end - f.endedAt : Number.NaN }
    })
    const count = (p: (r: (typeof requests)[number]) => boolean) => requests.filter(p).length
    const t = percentiles(requests.map((r) => r.end - r.start))
    return `
#### Soak: ${clients} clients for ${seconds} s, mixed reads and writes, connections killed twice and the server paused once

A private PostgreSQL 15 server (initdb in a temporary directory, its own port) with ${people.toLocaleString('en-GB')} demo people; the app on 127.0.0.1 with the default timeouts (connect ${config.database.kind === 'postgres' ? config.database.timeouts.connectMs : 1500} ms, statement ${config.database.kind === 'postgres' ? config.database.timeouts.statementMs : 3000} ms). One request in three creates a person through \`POST /api/v1/people\`; the others read that client's last person back or search.

| Measure | Result |
| --- | --- |
| Requests | ${requests.length} (${count((r) => r.write)} writes): ${count((r) => r.status >= 200 && r.status < 300)} succeeded, ${count((r) => r.status === 503)} answered 503, ${count((r) => r.status >= 500 && r.status !== 503)} other 5xx, ${count((r) => r.status < 0)} client errors |
| Acknowledged writes (201) | ${acknowledged.length} |
| **Acknowledged writes lost** | **${lost}** |
| **Requests over ${HUNG_MS / 1000} s** | **${hung}** (slowest ${ms(t.max)}; p50 ${ms(t.p50)}, p95 ${ms(t.p95)}) |
${recovery.map((f) => `| Recovery after ${f.kind === 'pause' ? `the ${((f.endedAt - f.at) / 1000).toFixed(1)} s pause` : 'killing every connection'} at ${(f.at / 1000).toFixed(1)} s | ${ms(f.recoveryMs)} to the first success |`).join('\n')}
`
  } finally {
    server.resume()
    await admin.end().catch(() => undefined)
    await setup.db.destroy()
    server.stop()
  }
}
