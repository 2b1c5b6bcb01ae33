import { londonToday } from '../platform/calendar/london-date.ts'
import type { Config } from '../platform/config.ts'
import type { Database } from '../platform/db/index.ts'
import type { Services } from '../composition.ts'
import { generateDemoData } from '../demo/generator.ts'

export const DEMO_EMAIL_DOMAIN = '@demo.resettle.test'

/**
 * Demo data brings demo accounts whose password is published in the README: never in production
 * (issue 17 finding 9), where accounts are added by an administrator.
 */
export function shouldSeedDemo(config: Config): boolean {
  return !config.production && !config.demo.skip && config.demo.people > 0
}

/**
 * First start on an empty database: load reference data, then demo data unless SKIP_DEMO.
 * Later starts change nothing and list the demo sign-ins again.
 */
export async function seedIfEmpty(db: Database, svc: Services, config: Config, log: (line: string) => void) {
  const counts = await svc.reference.counts()
  if (counts.regions === 0) {
    log('Loading reference data (regions, PDUs, prisons, local authorities, ethnic groups)...')
    await svc.reference.load()
  }
  const anyPerson = await db.selectFrom('person').select('id').limit(1).executeTakeFirst()
  if (!anyPerson && shouldSeedDemo(config)) {
    log(
      `Generating demo data for ${config.demo.people.toLocaleString('en-GB')} people (seed ${config.demo.seed})...`,
    )
    const started = Date.now()
    const summary = await generateDemoData(db, {
      people: config.demo.people,
      seed: config.demo.seed,
      password: config.demo.password,
      today: londonToday(),
    })
    log(
      `  ${summary.people.toLocaleString('en-GB')} people and ${summary.custodyEpisodes.toLocaleString('en-GB')} custody episodes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  }
  const demoUsers = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .where('u.email', 'like', `%${DEMO_EMAIL_DOMAIN}`)
    .select(['u.email', 'u.role', 'o.name as organisationName'])
    .orderBy('u.role')
    .execute()
  return { demoUsers }
}
