import { isIP } from 'node:net'
import { z } from 'zod'

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

/** An address or CIDR range, as proxy-addr takes them: 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (!family || rest.length) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

// Whose X-Forwarded-For to believe: none unless named, so a client cannot choose its own
// address to dodge a rate limit (issue 17 finding 2).
const proxies = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(isAddressOrRange), 'list IP addresses or CIDR ranges, separated by commas')

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url().optional(),
  // Heavy reads (dashboards, drill-downs, analytics, exports) go to this streaming replica when set.
  DATABASE_REPLICA_URL: z.url().optional(),
  // Bounds on waiting for the database while serving (issue 17): past them a request gets 503.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1500),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  DATA_DIR: z.string().default('.data/pglite'),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  SIGN_IN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  API_RATE_PER_MINUTE: z.coerce.number().int().positive().default(300),
  TRUSTED_PROXIES: proxies,
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(168).default(12),
  API_TOKEN_DAYS: z.coerce.number().int().positive().max(3650).default(365),
  DEMO_PEOPLE: z.coerce.number().int().min(0).default(3000),
  DEMO_SEED: z.coerce.number().int().default(20231212),
  DEMO_PASSWORD: z.string().min(8).default('resettle-demo-2026'),
  SKIP_DEMO: flag,
  // Unset: on in production, off in development (issue 12: start-up output should be readable).
  LOG_REQUESTS: z.enum(['true', 'false', '1', '0']).optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_REDIRECT_URL: z.url().optional(),
  SMALL_CELL_THRESHOLD: z.coerce.number().int().min(1).default(5),
})

export type Config = ReturnType<typeof loadConfig>

/** Reads and validates the environment once at start-up; a bad value stops the process with its name. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  if (production && !e.SESSION_SECRET)
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required in production')
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_REDIRECT_URL]
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL)
    throw new Error(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (a replica of the embedded database is not possible)',
    )
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new Error(
      'Invalid configuration:\n  OIDC_*: set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL, or none',
    )
  }
  return {
    env: e.NODE_ENV,
    production,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    requestLogs:
      e.LOG_REQUESTS === undefined ? production : e.LOG_REQUESTS === 'true' || e.LOG_REQUESTS === '1',
    database: e.DATABASE_URL
      ? ({
          kind: 'postgres',
          url: e.DATABASE_URL,
          replicaUrl: e.DATABASE_REPLICA_URL,
          timeouts: {
            connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
            statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
          },
        } as const)
      : ({ kind: 'pglite', dataDir: e.DATA_DIR } as const),
    // A development default keeps a fresh clone working; production must set its own.
    sessionSecret: e.SESSION_SECRET ?? 'development-only-session-secret-not-for-production',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    lockout: { threshold: e.LOCKOUT_THRESHOLD, minutes: e.LOCKOUT_MINUTES },
    signInRatePerMinute: e.SIGN_IN_RATE_PER_MINUTE,
    apiRatePerMinute: e.API_RATE_PER_MINUTE,
    trustedProxies: e.TRUSTED_PROXIES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    apiTokenDays: e.API_TOKEN_DAYS,
    demo: { people: e.DEMO_PEOPLE, seed: e.DEMO_SEED, password: e.DEMO_PASSWORD, skip: e.SKIP_DEMO },
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID ?? '',
          clientSecret: e.OIDC_CLIENT_SECRET ?? '',
          redirectUrl: e.OIDC_REDIRECT_URL ?? '',
        }
      : undefined,
    smallCellThreshold: e.SMALL_CELL_THRESHOLD,
  }
}
