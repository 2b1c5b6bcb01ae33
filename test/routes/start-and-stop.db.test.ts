import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// Issue 12, defects 14 and 15: `npm start` prints one clear block, no request logs by default in
// development and no "request refused" line for a sign-in redirect; SIGTERM to `npm start`
// stops everything. Runs the real command on its own embedded database (PGlite only: what is
// under test is the process, not the database).
const dataDir = mkdtempSync(join(tmpdir(), 'resettle-start-'))
const started: ChildProcess[] = []
// A test that fails before its own SIGTERM leaves no server behind.
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
})

const isUp = (url: string) =>
  fetch(`${url}/ping`).then(
    () => true,
    () => false,
  )

/** `npm start` with `extra` in its environment, up to its banner: its output so far and its URL. */
async function start(extra: Record<string, string>) {
  const env: Record<string, string> = { ...process.env, PORT: '0', DATA_DIR: dataDir, SKIP_DEMO: 'true' }
  delete env.DATABASE_URL
  delete env.LOG_REQUESTS
  delete env.NODE_ENV
  const child = spawn('npm', ['start'], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(child)
  const run = { out: '', url: undefined as string | undefined, child }
  child.stdout.on('data', (d: Buffer) => (run.out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (run.out += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + 200_000
  while (!/Resettle is running at (http:\/\/\S+)/.test(run.out) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200))
  run.url = /Resettle is running at (http:\/\/\S+)/.exec(run.out)?.[1]
  return { ...run, out: () => run.out, exited }
}

describe('npm start', () => {
  it('prints where it runs, keeps request logs off, and stops on SIGTERM', { timeout: 240_000 }, async () => {
    const run = await start({})
    const url = run.url
    expect(url, run.out()).toBeDefined()
    // One clear block: not Fastify's JSON "Server listening at" line before it, nor any JSON line.
    expect(run.out()).not.toContain('Server listening')
    expect(
      run
        .out()
        .split('\n')
        .filter((line) => line.trimStart().startsWith('{')),
    ).toEqual([])

    const home = await fetch(`${url}/`, { redirect: 'manual' })
    expect(home.status).toBe(302)
    await fetch(`${url}/people`, { redirect: 'manual' })
    await new Promise((r) => setTimeout(r, 300))
    expect(run.out()).not.toContain('request refused')
    expect(run.out()).not.toContain('incoming request')

    run.child.kill('SIGTERM')
    await run.exited
    // The server (node, under npm's shell) must be gone too, not left listening.
    let up = true
    for (let i = 0; i < 50 && up; i++) {
      up = await isUp(url!)
      if (up) await new Promise((r) => setTimeout(r, 200))
    }
    expect(up).toBe(false)
    expect(run.out()).toContain('Resettle stopped')
  })

  it(
    'logs each request when LOG_REQUESTS=true, still with no listening line',
    { timeout: 240_000 },
    async () => {
      const run = await start({ LOG_REQUESTS: 'true' })
      expect(run.url, run.out()).toBeDefined()
      expect(run.out()).not.toContain('Server listening')
      expect(run.out()).toContain('Request logs are on.')
      await fetch(`${run.url}/ping`)
      for (let i = 0; i < 50 && !run.out().includes('incoming request'); i++)
        await new Promise((r) => setTimeout(r, 100))
      expect(run.out()).toContain('incoming request')
      run.child.kill('SIGTERM')
      await run.exited
    },
  )
})
