import { defineModule } from '../../platform/module.ts'
import { workQueues, type QueueServices } from './queues.ts'
import { homeRoutes } from './routes.ts'

/** Each role's home page: its work queues, so every sign-in lands on real work. */
export const homeModule = defineModule({
  name: 'home',
  // After release planning and outcomes: some counts are read through their services, so that each
  // count is exactly the length of the list it links to.
  needs: ['releasePlanning', 'outcomes'],
  services: ({ db, clock }, svc: QueueServices) => ({ workQueues: workQueues(db, clock.today, svc) }),
  routes: (app, { workQueues }) => homeRoutes(app, workQueues),
  navigation: [{ href: '/', text: 'Home', order: 0, visible: () => true }],
})
