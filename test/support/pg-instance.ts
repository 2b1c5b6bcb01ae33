import { execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port, for tests that
 * must do to a server what cannot be done to the shared one: stop it dead (SIGSTOP) or stream a
 * replica from it (issue 17). Uses the server binaries installed beside the shared server. The
 * server refuses to run as root, so as root it runs as the postgres user.
 */
export interface PgInstance {
  port: number
  dir: string
  url: (database?: string) => string
  /** Every process of the server, postmaster first. */
  pids: () => number[]
  pause: () => void
  resume: () => void
  stop: () => void
}

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const version = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0]
  if (!version) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql')
  return join(root, version, 'bin')
}

const asRoot = process.getuid?.() === 0
function run(bin: string, args: string[]) {
  const command = join(binDir(), bin)
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
  else execFileSync(command, args, { stdio: 'pipe' })
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

function ownDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  chmodSync(dir, 0o700)
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  return dir
}

const childrenOf = (pid: number): number[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // Field 4 of /proc/<pid>/stat is the parent; the name in field 2 may hold spaces.
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)

/** A backend may exit between listing the server's processes and signalling it: that is fine. */
function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

function start(dir: string, port: number): PgInstance {
  run('pg_ctl', [
    '-D',
    join(dir, 'data'),
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c max_connections=40`,
    'start',
  ])
  const postmaster = () => Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  const pids = () => {
    const p = postmaster()
    return [p, ...childrenOf(p)]
  }
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    pids,
    pause: () => {
      for (const pid of pids()) signal(pid, 'SIGSTOP')
    },
    resume: () => {
      for (const pid of pids()) signal(pid, 'SIGCONT')
    },
    stop: () => {
      try {
        for (const pid of pids()) signal(pid, 'SIGCONT')
        run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** A new, empty cluster (trust authentication, user postgres), started. */
export async function startPgInstance(): Promise<PgInstance> {
  const dir = ownDir('resettle-pg-')
  run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'])
  return start(dir, await freePort())
}

/** A streaming replica of `primary`, copied with pg_basebackup and started read-only. */
export async function startReplicaOf(primary: PgInstance): Promise<PgInstance> {
  const dir = ownDir('resettle-replica-')
  run('pg_basebackup', [
    '-D',
    join(dir, 'data'),
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-R',
    '-X',
    'stream',
    '--no-sync',
  ])
  return start(dir, await freePort())
}
