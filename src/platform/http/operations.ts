import type { FastifyInstance } from 'fastify'

export interface OperationsOptions {
  checkDatabase: () => Promise<{ ok: true } | { ok: false; error: string }>
  info: Record<string, unknown>
}

/** /ping (process alive), /health (dependencies, 503 naming the failed check), /info (build). */
export function operationsRoutes(app: FastifyInstance, { checkDatabase, info }: OperationsOptions) {
  app.get('/ping', { config: { public: true } }, async () => ({ status: 'UP' }))
  app.get('/info', { config: { public: true } }, async () => info)
  app.get('/health', { config: { public: true } }, async (request, reply) => {
    const database = await checkDatabase()
    if (!database.ok) request.log.warn({ error: database.error }, 'database health check failed')
    const status = database.ok ? 'UP' : 'DOWN'
    return reply.code(database.ok ? 200 : 503).send({
      status,
      // The driver's error names hosts and ports: it is logged, never shown (issue 17 finding 9).
      checks: { database: { status } },
    })
  })
}
