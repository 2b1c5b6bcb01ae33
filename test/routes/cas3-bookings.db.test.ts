import { describe, expect, it } from 'vitest'
import { testApp } from '../support/app.ts'
import { MANCHESTER } from '../support/builders/common.ts'
import { buildBedspace } from '../support/builders/cas3.ts'
import { cas3Helpers } from '../support/cas3-helpers.ts'

const t = await testApp()
const { officer, readyReferral, book } = cas3Helpers(t)
describe('availability search', () => {
  it('asks for real dates', async () => {
    const { agent } = await officer()
    const res = await agent.get(
      '/cas3/search?arrivalDate-day=1&arrivalDate-month=13&arrivalDate-year=2026&departureDate-day=&departureDate-month=&departureDate-year=',
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<a href="#arrivalDate-day">The arrival date must be a real date</a>')
  })

  it('finds free bedspaces that meet the requirements and shows the gaps around the stay', async () => {
    const { agent } = await officer()
    const wheelchair = await buildBedspace(t.db, { characteristics: ['isWheelchairAccessible'] })
    const plain = await buildBedspace(t.db)
    const { referral } = await readyReferral()
    await book(agent, wheelchair.id, referral.id, '2026-12-20', '2027-01-10')
    const q =
      'arrivalDate-day=1&arrivalDate-month=12&arrivalDate-year=2026&departureDate-day=15&departureDate-month=12&departureDate-year=2026&requirements=wheelchair'
    const res = await agent.get(`/cas3/search?${q}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`bedspace ${wheelchair.reference}`)
    expect(res.body).not.toContain(`bedspace ${plain.reference}<`)
    expect(res.body).toMatch(/Booked[\s\S]*Turnaround/)
    // The stay would run into the booking once the 2 working-day turnaround is added.
    const tight = await agent.get(
      '/cas3/search?arrivalDate-day=1&arrivalDate-month=12&arrivalDate-year=2026&departureDate-day=19&departureDate-month=12&departureDate-year=2026&requirements=wheelchair',
    )
    expect(tight.body).not.toContain(`bedspace ${wheelchair.reference}`)
  })
})

describe('booking a bedspace', () => {
  it('refuses an overlap, and a stay that ignores the turnaround, naming the clashing booking', async () => {
    const { agent } = await officer()
    const bed = await buildBedspace(t.db)
    const first = await readyReferral()
    const second = await readyReferral()
    expect((await book(agent, bed.id, first.referral.id, '2026-12-01', '2026-12-11')).statusCode).toBe(303)
    const clash = await book(agent, bed.id, second.referral.id, '2026-12-05', '2026-12-20')
    expect(clash.statusCode).toBe(400)
    expect(clash.body).toContain(`booked for ${first.person.given_name} ${first.person.family_name}`)
    // Friday 11 December 2026: the turnaround is Monday 14 and Tuesday 15, so Wednesday 16 is the first arrival.
    const turnaround = await book(agent, bed.id, second.referral.id, '2026-12-15', '2027-01-05')
    expect(turnaround.statusCode).toBe(400)
    expect(turnaround.body).toContain('the next arrival can be from 2026-12-16')
    expect((await book(agent, bed.id, second.referral.id, '2026-12-16', '2027-01-05')).statusCode).toBe(303)
  })

  it('refuses an archived bedspace and dates inside a void, clearly', async () => {
    const { agent } = await officer()
    const archived = await buildBedspace(t.db, { endDate: '2026-10-31' })
    const { referral } = await readyReferral()
    const res = await book(agent, archived.id, referral.id, '2026-12-01', '2026-12-10')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('This bedspace is archived and cannot be booked')
    const bed = await buildBedspace(t.db)
    await agent.get(`/cas3/bedspaces/${bed.id}`)
    const badVoid = await agent.post(`/cas3/bedspaces/${bed.id}/voids`, {
      'startDate-day': '10',
      'startDate-month': '12',
      'startDate-year': '2026',
      'endDate-day': '5',
      'endDate-month': '12',
      'endDate-year': '2026',
      reasonId: '',
    })
    expect(badVoid.statusCode).toBe(400)
    expect(badVoid.body).toContain(
      '<a href="#endDate-day">The last unavailable night must be on or after the first</a>',
    )
    const voided = await agent.post(`/cas3/bedspaces/${bed.id}/voids`, {
      'startDate-day': '10',
      'startDate-month': '12',
      'startDate-year': '2026',
      'endDate-day': '14',
      'endDate-month': '12',
      'endDate-year': '2026',
      reasonId: 'void-damage',
    })
    expect(voided.statusCode).toBe(303)
    const inVoid = await book(agent, bed.id, referral.id, '2026-12-01', '2026-12-12')
    expect(inVoid.statusCode).toBe(400)
    expect(inVoid.body).toContain(
      'This bedspace is void from 2026-12-10 to 2026-12-14 (Damage to the property)',
    )
  })

  it('needs an authorised overstay with a reason past 84 nights, and keeps the history of changes', async () => {
    const { agent } = await officer()
    const bed = await buildBedspace(t.db)
    const { referral } = await readyReferral()
    const long = await book(agent, bed.id, referral.id, '2026-12-01', '2027-03-01')
    expect(long.statusCode).toBe(400)
    expect(long.body).toContain('over the 84-night limit: leave by 23 February 2027')
    const ok = await book(agent, bed.id, referral.id, '2026-12-01', '2027-02-20')
    expect(ok.statusCode).toBe(303)
    const id = (ok.headers.location as string).split('/')[3]!.split('?')[0]!
    await agent.get(`/cas3/bookings/${id}`)
    const extend = (day: string, reason = '') =>
      agent.post(`/cas3/bookings/${id}/departure-date`, {
        'newDepartureDate-day': day,
        'newDepartureDate-month': '3',
        'newDepartureDate-year': '2027',
        overstayReason: reason,
        version: '1',
      })
    const refused = await extend('10')
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('<a href="#newDepartureDate-day">This stay is 99 nights')
    expect((await extend('10', 'Council tenancy starts 10 March')).statusCode).toBe(303)
    const page = await agent.get(`/cas3/bookings/${id}`)
    expect(page.body).toContain('Extended: departure 20 February 2027 to 10 March 2027')
    expect(page.body).toContain('Overstay authorised')
  })

  it('refuses an extension that runs into the next booking’s arrival or turnaround, naming it', async () => {
    const { agent } = await officer()
    const bed = await buildBedspace(t.db)
    const first = await readyReferral()
    const second = await readyReferral()
    const ok = await book(agent, bed.id, first.referral.id, '2027-04-01', '2027-04-20')
    await book(agent, bed.id, second.referral.id, '2027-04-28', '2027-05-20')
    const path = (ok.headers.location as string).split('?')[0]!
    await agent.get(path)
    const res = await agent.post(`${path}/departure-date`, {
      'newDepartureDate-day': '27',
      'newDepartureDate-month': '4',
      'newDepartureDate-year': '2027',
      version: '1',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(`booked for ${second.person.given_name} ${second.person.family_name}`)
    expect(
      (
        await agent.post(`${path}/departure-date`, {
          'newDepartureDate-day': '23',
          'newDepartureDate-month': '4',
          'newDepartureDate-year': '2027',
          version: '1',
        })
      ).statusCode,
    ).toBe(303)
  })

  it('hides another region’s booking', async () => {
    const { agent } = await officer()
    const bed = await buildBedspace(t.db)
    const { referral } = await readyReferral()
    const ok = await book(agent, bed.id, referral.id, '2027-02-01', '2027-02-20')
    const path = (ok.headers.location as string).split('?')[0]!
    const other = await officer(MANCHESTER)
    expect((await other.agent.get(path)).statusCode).toBe(404)
  })
})
