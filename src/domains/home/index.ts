import { defineModule } from '../../platform/module.ts'
import { workQueues } from './queues.ts'
import { homeRoutes } from './routes.ts'

/** Each role's home page: its work queues, so every sign-in lands on real work. */
export const homeModule = defineModule({
  name: 'home',
  services: ({ db, clock }) => ({ workQueues: workQueues(db, clock.today) }),
  routes: (app, { workQueues }) => homeRoutes(app, workQueues),
  navigation: [{ href: '/', text: 'Home', order: 0, visible: () => true }],
})
