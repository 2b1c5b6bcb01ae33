import type { FastifyInstance } from 'fastify'

export interface OperationsOptions {
  checkDatabase: () => Promise<{ ok: true } | { ok: false; state: 'down' | 'timeout' }>
  info: Record<string, unknown>
}

/**
 * /ping (process alive), /health (dependencies, 503 naming the failed check), /info (build).
 * /health answers within a second whatever the database does, and names the state of a failed
 * check ('down': refused or failed; 'timeout': no answer in time) but never its error text.
 */
export function operationsRoutes(app: FastifyInstance, { checkDatabase, info }: OperationsOptions) {
  app.get('/ping', { config: { public: true } }, async () => ({ status: 'UP' }))
  app.get('/info', { config: { public: true } }, async () => info)
  app.get('/health', { config: { public: true } }, async (_request, reply) => {
    const database = await checkDatabase()
    const status = database.ok ? 'UP' : 'DOWN'
    return reply
      .code(database.ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status,
        checks: { database: database.ok ? { status: 'UP' } : { status: 'DOWN', state: database.state } },
      })
  })
}
