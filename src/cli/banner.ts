import type { Role } from '../platform/db/schema.ts'
import { ROLES } from '../platform/auth/roles.ts'

/**
 * Roles whose demo sign-in is not offered at start-up because the role sees no one yet: a
 * health partner sees people who consented to share with it (domain.md section 14), and consent
 * is not recorded yet. Its home page says so (src/domains/home/queues.ts).
 */
export const ROLES_NOT_OFFERED: readonly Role[] = ['health_coordinator']

export interface BannerInput {
  url: string
  database: string
  password: string
  requestLogs: boolean
  users: readonly { email: string; role: Role; organisationName: string }[]
}

/** The one block `npm start` prints once Resettle listens: where it runs and how to sign in. */
export function startupBanner(input: BannerInput): string {
  const users = input.users.filter((u) => !ROLES_NOT_OFFERED.includes(u.role))
  const width = Math.max(0, ...users.map((u) => ROLES[u.role].label.length))
  const lines = [
    '',
    '────────────────────────────────────────────────────────────────────────',
    `Resettle is running at ${input.url}`,
    `Database: ${input.database}`,
  ]
  if (users.length) {
    lines.push('', `Demo sign-ins (password ${input.password}):`)
    for (const u of users)
      lines.push(`  ${ROLES[u.role].label.padEnd(width)}  ${u.email}  (${u.organisationName})`)
  }
  lines.push(
    '',
    input.requestLogs
      ? 'Request logs are on.'
      : 'Request logs are off; set LOG_REQUESTS=true to see each request.',
    'Press Ctrl-C to stop.',
    '────────────────────────────────────────────────────────────────────────',
    '',
  )
  return lines.join('\n')
}
