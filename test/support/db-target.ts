/** Which database the db test project runs on: RESETTLE_TEST_DB=pglite (default) or postgres. */
export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.RESETTLE_TEST_DB === 'postgres' ? 'postgres' : 'pglite'
}

const server = process.env.RESETTLE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432'

export function adminUrl(database = 'test'): string {
  return `${server}/${database}`
}

export function templateName(): string {
  return `resettle_template_${process.pid}`
}
