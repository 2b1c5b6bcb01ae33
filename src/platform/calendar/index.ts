// The one calendar (issue 11). Every date computed in Resettle goes through this folder:
// - plain-date.ts: ISO calendar dates on Temporal.PlainDate; days, months, ages;
// - london-date.ts: the one clock ("today" in England and Wales) and the instants a London day spans;
// - working-days.ts: weekends, bank holidays from the GOV.UK feed, Christmas Day and Good Friday;
// - format.ts: GOV.UK date formatting for pages and caseworker-facing text.
// test/unit/one-calendar.test.ts fails when a file elsewhere does date arithmetic with Date.
export * from './format.ts'
export * from './london-date.ts'
export * from './plain-date.ts'
export * from './working-days.ts'
