import { benchDashboardLoad } from './dashboard-load.ts'
import { benchSoak } from './soak.ts'
import { machine } from './support.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

/** The issue 17 section of docs/benchmarks.md: dashboard load at the bench's scale, then the soak. */
export async function hardeningSection(
  url: string,
  generated: { people: number; releases: number; seconds: number },
) {
  console.log('\nPostgreSQL: national dashboard under load...')
  const load = await benchDashboardLoad(url)
  console.log(load)
  console.log('\nSoak on a private server...')
  const soak = await benchSoak()
  console.log(soak)
  return `
## Hardening: demo load, dashboard under load, soak

Measured ${londonToday()} on ${machine()}. Command: \`npm run bench\` (or \`npm run bench:section -- dashboard-load\` and \`npm run bench:section -- soak\`).

Demo data with every capability's records for ${generated.people.toLocaleString('en-GB')} people (${generated.releases.toLocaleString('en-GB')} releases): ${generated.seconds.toFixed(1)} s, the outcome facts and roll-ups rebuilt once at the end of the load.
${load}
${soak}
`
}
