import type { RequestContext } from '../../platform/auth/actor.ts'
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts'
import type { AssessmentForm, NeedUpdate, ScreeningForm } from './schemas.ts'
import { scoreAuditC } from './rules/audit-c.ts'
import {
  CURRENT_QUESTION_SET,
  NEEDS_FOR_POSITIVE_SCREEN,
  PATHWAYS,
  QUESTION_SETS,
  SCREENINGS,
  type Pathway,
} from './vocabulary.ts'
import type { PlanningContext } from './context.ts'

/** Needs assessment by pathway, the needs it identifies with their history, and screenings. */
export function assessmentUseCases({ repo, deps, open }: PlanningContext) {
  return {
    async assessment(ctx: RequestContext, personId: string, pathway: Pathway) {
      const { person, episode } = await open(ctx, personId, 'read', 'needs_assessment')
      const [assessments, needs, catalogue, history] = await Promise.all([
        repo.assessments(episode.id),
        repo.needs(episode.id),
        repo.supportNeeds(),
        repo.needHistory(episode.id),
      ])
      const saved = assessments.find((a) => a.pathway === pathway)
      const questionSet = saved?.question_set_version ?? CURRENT_QUESTION_SET
      return {
        person,
        episode,
        pathway,
        saved,
        assessments,
        questions: QUESTION_SETS[questionSet]?.[pathway] ?? [],
        questionSet,
        needs: needs.filter((n) => n.pathway === pathway),
        catalogue: catalogue.filter((c) => c.pathway === pathway && !c.exclude_from_count),
        history,
      }
    },

    /** Saves a pathway's status and answers, and adds any needs it identified. */
    async saveAssessment(
      ctx: RequestContext,
      personId: string,
      pathway: Pathway,
      input: AssessmentForm,
      answers: Record<string, string>,
    ) {
      const { episode } = await open(ctx, personId, 'update', 'needs_assessment', 'people:write')
      const catalogue = await repo.supportNeeds()
      const allowed = new Set(
        catalogue.filter((c) => c.pathway === pathway && !c.exclude_from_count).map((c) => String(c.id)),
      )
      if (input.needIds.some((id) => !allowed.has(id)))
        throw new ValidationFailed({ needIds: `Select needs from the ${PATHWAYS[pathway]} list` })
      if (['support_not_required', 'not_started'].includes(input.status) && input.needIds.length) {
        throw new ValidationFailed({
          status: 'You selected needs, so support is required: change the status or clear the needs',
        })
      }
      // Answers are kept with the question set they were asked under (a later version never rewrites them).
      const existing = (await repo.assessments(episode.id)).find((a) => a.pathway === pathway)
      const questionSet = existing?.question_set_version ?? CURRENT_QUESTION_SET
      const keys = new Set((QUESTION_SETS[questionSet]?.[pathway] ?? []).map((q) => q.key))
      const kept = Object.fromEntries(
        Object.entries(answers)
          .filter(([k, v]) => keys.has(k) && v.trim())
          .map(([k, v]) => [k, v.trim().slice(0, 2000)]),
      )
      const saved = await repo.saveAssessment(
        {
          custody_episode_id: episode.id,
          person_id: personId,
          pathway,
          status: input.status,
          question_set_version: questionSet,
          answers: JSON.stringify(kept),
          updated_by: ctx.actor.userId,
        },
        input.version,
      )
      if (!saved)
        throw new Conflict(
          'Someone else saved this pathway while you were editing. Check their changes below and save again.',
        )
      await repo.addNeeds(
        input.needIds.map((id) => ({
          custody_episode_id: episode.id,
          person_id: personId,
          support_need_id: Number(id),
          status: 'not_started',
          responsible_party: input.responsibleParty,
        })),
        ctx.actor.userId,
      )
      return saved
    },

    async need(ctx: RequestContext, personId: string, needId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'person_need')
      const [needs, history] = await Promise.all([repo.needs(episode.id), repo.needHistory(episode.id)])
      const need = needs.find((n) => n.id === needId)
      if (!need) throw new NotFound('Need')
      return { person, episode, need, history: history.filter((h) => h.person_need_id === needId) }
    },

    async updateNeed(ctx: RequestContext, personId: string, needId: string, input: NeedUpdate) {
      const { episode } = await open(ctx, personId, 'update', 'person_need', 'people:write')
      const need = (await repo.needs(episode.id)).find((n) => n.id === needId)
      if (!need) throw new NotFound('Need')
      const updated = await repo.updateNeed(
        needId,
        input.version,
        { status: input.status, responsible_party: input.responsibleParty, note: input.note },
        ctx.actor.userId,
      )
      if (!updated)
        throw new Conflict(
          'Someone else updated this need while you were editing. Check the history and try again.',
        )
      return { pathway: need.pathway }
    },

    async screenings(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'screening')
      return { person, episode, screenings: await repo.screenings(episode.id) }
    },

    /** Records a screening; a positive result proposes the matching needs (not yet started, for the prison). */
    async recordScreening(ctx: RequestContext, personId: string, input: ScreeningForm) {
      const { episode } = await open(ctx, personId, 'update', 'screening', 'people:write')
      if (input.screenedOn > deps.today())
        throw new ValidationFailed({ screenedOn: 'The screening date cannot be in the future' })
      let result: string
      let score: number | null = null
      let answers: Record<string, number> = {}
      if (input.kind === 'alcohol') {
        answers = { frequency: input.frequency, units: input.units, binge: input.binge }
        const scored = scoreAuditC({ frequency: input.frequency, units: input.units, binge: input.binge })
        score = scored.score
        result = scored.positive ? 'positive' : 'negative'
      } else {
        result = input.result
      }
      await repo.insertScreening({
        custody_episode_id: episode.id,
        person_id: personId,
        kind: input.kind,
        result,
        score,
        answers: JSON.stringify(answers),
        screened_on: input.screenedOn,
        recorded_by: ctx.actor.userId,
      })
      const proposed =
        result === 'positive'
          ? await repo.addNeeds(
              NEEDS_FOR_POSITIVE_SCREEN[input.kind].map((id) => ({
                custody_episode_id: episode.id,
                person_id: personId,
                support_need_id: id,
                status: 'not_started',
                responsible_party: 'prison',
                source: 'screening',
              })),
              ctx.actor.userId,
            )
          : []
      return { kind: input.kind, label: SCREENINGS[input.kind], result, score, proposed: proposed.length }
    },
  }
}
