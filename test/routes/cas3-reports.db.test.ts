import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

const t = await testApp()
const RECALLED = '8c392f36-515c-4210-bb72-6255f12abb91'
const RECALL_REASON = '94976884-c32f-4162-b3af-214beed0e988'

async function signedIn(role: Parameters<typeof buildUser>[1], place?: Parameters<typeof buildUser>[2]) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  await agent.get('/')
  return agent
}

// One stay in London: 1 to 21 October 2026 (20 nights), departed to prison; a Manchester stay that London must not see.
async function departedStay(place?: 'manchester') {
  const bed = await buildBedspace(t.db, { place })
  const person = await buildPerson(
    t.db,
    place
      ? { place: MANCHESTER, released: true, releaseInDays: -60 }
      : { released: true, releaseInDays: -60 },
  )
  const com = await buildUser(t.db, 'com', place ? MANCHESTER : undefined)
  const referral = await buildReferral(t.db, person, com.organisationId, { place })
  await cas3Db(t.db)
    .insertInto('cas3_booking')
    .values({
      bedspace_id: bed.id,
      person_id: person.id,
      custody_episode_id: person.episode.id,
      referral_id: referral.id,
      arrival_date: '2026-10-01',
      departure_date: '2026-10-21',
      blocked_until: '2026-10-24',
      status: 'departed',
      arrived_on: '2026-10-01',
      departed_on: '2026-10-21',
      departure_reason_id: RECALL_REASON,
      move_on_category_id: RECALLED,
    })
    .execute()
  return { bed, person }
}

const q = (report: string, extra = '') =>
  `/cas3/reports?report=${report}&from-day=1&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026${extra}`

describe('CAS3 reports', () => {
  it('asks for a real period', async () => {
    const agent = await signedIn('cas3_officer')
    const res = await agent.get(
      '/cas3/reports?report=occupancy&from-day=1&from-month=10&from-year=2026&to-day=1&to-month=9&to-year=2026',
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<a href="#to-day">The end date must be on or after the start date</a>')
  })

  it('refuses people who do not read reports', async () => {
    const agent = await signedIn('com')
    expect((await agent.get(q('occupancy'))).statusCode).toBe(403)
  })

  it('shows occupancy, move-on outcomes with demographics and gaps for the officer’s region only', async () => {
    const { bed, person } = await departedStay()
    const other = await departedStay('manchester')
    const agent = await signedIn('cas3_officer')
    const occupancy = await agent.get(q('occupancy'))
    expect(occupancy.statusCode).toBe(200)
    expect(occupancy.body).toContain(bed.premises.name)
    expect(occupancy.body).not.toContain(other.bed.premises.name)
    expect(occupancy.body).toContain('64.5%') // 20 of 31 nights
    const moveOn = await agent.get(q('move-on'))
    expect(moveOn.body).toContain(`${person.family_name}, ${person.given_name}`)
    expect(moveOn.body).toContain('Returned to prison')
    expect(moveOn.body).toContain('35 to 44')
    expect(moveOn.body).not.toContain(other.person.family_name)
    const gaps = await agent.get(q('gaps'))
    expect(gaps.body).toMatch(/24 October 2026[\s\S]*31 October 2026/)
    const csv = await agent.get(
      `/cas3/reports/export.csv?report=move-on&from-day=1&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026`,
    )
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\n')[0]).toContain('Sex,Ethnicity,Age band')
    expect(csv.body).toContain(person.family_name)
    const xlsx = await agent.request({
      method: 'GET',
      url: `/cas3/reports/export.xlsx?report=occupancy&from-day=1&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026`,
    })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(JSON.stringify(book.worksheets[0]!.getSheetValues())).toContain(bed.premises.name)
  })

  it('lets a national analyst see England and Wales', async () => {
    const { bed } = await departedStay()
    const other = await departedStay('manchester')
    const agent = await signedIn('national_analyst')
    const res = await agent.get(q('bed-usage'))
    expect(res.body).toContain('England and Wales')
    expect(res.body).toContain(bed.premises.name)
    expect(res.body).toContain(other.bed.premises.name)
  })
})
