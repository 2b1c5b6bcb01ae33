import type { FastifyInstance } from 'fastify'
import type { EvaluationService } from './service.ts'

export function evaluationRoutes(app: FastifyInstance, evaluations: EvaluationService) {
  void app
  void evaluations
}
