// Populates a bench database without measuring anything: `node bench/populate-only.ts 100000`.
// For measuring one section on a smaller database (npm run bench:section -- variation).
// Prints each phase of the load with its wall time, Node's CPU time and the database server's
// (every backend and parallel worker of this database, read from /proc: the machine is shared and
// CPU time is what the load changes least), and the 1-minute load average at the phase's end.
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import pg from 'pg'
import { sql } from 'kysely'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { repositories, services } from '../src/composition.ts'
import { generateDemoData } from '../src/demo/generator.ts'
import { recreateDatabase } from './support.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

const people = Number(process.argv[2] ?? '100000')
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench'
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
await recreateDatabase(url)
const { db } = await openDatabase({ kind: 'postgres', url, poolSize: 4 })
await migrateToLatest(db)
await services(db, repositories(db), config).reference.load()

/** Server CPU seconds of this database's processes, sampled; a process that ended keeps its last sample. */
function serverCpu() {
  const seen = new Map<number, number>()
  const watcher = new pg.Client({ connectionString: url })
  let stopped = false
  let sampled: () => void = () => {}
  const ready = new Promise<void>((r) => (sampled = r))
  const read = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      seen.set(pid, (Number(fields[11]) + Number(fields[12])) / 100)
    } catch {
      // Not on this machine, or ended: its last sample stands.
    }
  }
  const loop = async () => {
    await watcher.connect()
    const own = (await watcher.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid
    while (!stopped) {
      const pids = await watcher.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> $1',
        [own],
      )
      for (const { pid } of pids.rows) read(pid)
      for (const pid of seen.keys()) read(pid)
      sampled()
      await new Promise((r) => setTimeout(r, 250))
    }
    await watcher.end()
  }
  const running = loop()
  return {
    ready,
    total: () => {
      for (const pid of seen.keys()) read(pid)
      return [...seen.values()].reduce((a, b) => a + b, 0)
    },
    stop: async () => {
      stopped = true
      await running
    },
  }
}

const today = londonToday()
const server = serverCpu()
await server.ready
const nodeCpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}
const started = performance.now()
let last = { node: nodeCpu(), server: server.total() }
const summary = await generateDemoData(db, {
  people,
  seed: config.demo.seed,
  password: config.demo.password,
  today,
  onPhase: (phase, seconds) => {
    const now = { node: nodeCpu(), server: server.total() }
    console.log(
      `${phase}: ${seconds.toFixed(1)} s (CPU node ${(now.node - last.node).toFixed(1)} s, server ${(now.server - last.server).toFixed(1)} s; load ${loadavg()[0]?.toFixed(1)})`,
    )
    last = now
  },
  // The rebuild's steps, two at a time: wall seconds each.
  onStep: (step, seconds) => console.log(`  ${step}: ${seconds.toFixed(1)} s`),
})
const cpu = { node: nodeCpu(), server: server.total() }
console.log(
  `generation: ${((performance.now() - started) / 1000).toFixed(1)} s (CPU node ${cpu.node.toFixed(1)} s, server ${cpu.server.toFixed(1)} s)`,
)
await server.stop()
await sql`vacuum analyze`.execute(db)
console.log(`${summary.people} people, ${summary.custodyEpisodes} releases`)
await db.destroy()
