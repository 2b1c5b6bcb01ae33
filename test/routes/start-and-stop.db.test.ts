import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// Issue 12, defects 14 and 15: `npm start` prints one clear block, no request logs by default in
// development and no "request refused" line for a sign-in redirect; SIGTERM to `npm start`
// stops everything. Runs the real command on its own embedded database (PGlite only: what is
// under test is the process, not the database).
const dataDir = mkdtempSync(join(tmpdir(), 'resettle-start-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const isUp = (url: string) =>
  fetch(`${url}/ping`).then(
    () => true,
    () => false,
  )

describe('npm start', () => {
  it('prints where it runs, keeps request logs off, and stops on SIGTERM', { timeout: 240_000 }, async () => {
    const env: Record<string, string> = {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      SKIP_DEMO: 'true',
    }
    delete env.DATABASE_URL
    delete env.LOG_REQUESTS
    delete env.NODE_ENV
    const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const deadline = Date.now() + 200_000
    while (!/Resettle is running at (http:\/\/\S+)/.test(out) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200))
    const url = /Resettle is running at (http:\/\/\S+)/.exec(out)?.[1]
    expect(url, out).toBeDefined()

    const home = await fetch(`${url}/`, { redirect: 'manual' })
    expect(home.status).toBe(302)
    await fetch(`${url}/people`, { redirect: 'manual' })
    await new Promise((r) => setTimeout(r, 300))
    expect(out).not.toContain('request refused')
    expect(out).not.toContain('incoming request')

    child.kill('SIGTERM')
    await exited
    // The server (node, under npm's shell) must be gone too, not left listening.
    let up = true
    for (let i = 0; i < 50 && up; i++) {
      up = await isUp(url!)
      if (up) await new Promise((r) => setTimeout(r, 200))
    }
    expect(up).toBe(false)
    expect(out).toContain('Resettle stopped')
  })
})
