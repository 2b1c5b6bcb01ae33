import { Agent, type TestApp } from './app.ts'
import { buildPerson, buildUser } from './builders/common.ts'
import { buildReferral } from './builders/cas3.ts'

export const PLANNED_MOVE_ON = '166b6b02-6f42-4447-b278-dd9a0b437b54'
export const PRIVATE_RENTAL = '587dc0dc-9073-4992-9d58-5576753050e9'

/** A signed-in CAS3 officer, a referral ready to place, and a booking post, over one test app. */
export function cas3Helpers(t: TestApp) {
  async function officer(place?: Parameters<typeof buildUser>[2]) {
    const user = await buildUser(t.db, 'cas3_officer', place)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    await agent.get('/cas3')
    return { user, agent }
  }

  async function readyReferral(options: { released?: boolean } = {}) {
    const person = await buildPerson(t.db, { released: options.released ?? true, releaseInDays: -10 })
    const com = await buildUser(t.db, 'com')
    const referral = await buildReferral(t.db, person, com.organisationId)
    return { person, referral }
  }

  const book = (
    agent: Agent,
    bedspaceId: string,
    referralId: string,
    arrival: string,
    departure: string,
    extra: Record<string, string> = {},
  ) =>
    agent.post('/cas3/bookings', {
      bedspaceId,
      referralId,
      arrivalDate: arrival,
      departureDate: departure,
      confirmed: 'yes',
      ...extra,
    })

  return { officer, readyReferral, book }
}
