import { type Kysely, sql } from 'kysely'

/**
 * Runs a script statement by statement. PGlite's extended protocol takes one statement per
 * query, so a script is split at semicolons that end a line, outside $$-quoted bodies.
 * Part of the migrations, so migrations still import nothing from the application.
 */
export async function runSql(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await sql.raw(statement).execute(db)
}

export function splitStatements(script: string): string[] {
  const statements: string[] = []
  let current: string[] = []
  let inBody = false
  for (const line of script.split('\n')) {
    if (line.trim().startsWith('--') && !inBody) continue
    current.push(line)
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.join('\n').trim())
      current = []
    }
  }
  const rest = current.join('\n').trim()
  if (rest) statements.push(rest)
  return statements
}
