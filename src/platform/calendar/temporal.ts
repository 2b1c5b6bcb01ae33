// Which Temporal, and why.
//
// Node 24 (the project's runtime) does not ship Temporal: `node -e "console.log(typeof Temporal)"`
// prints "undefined" on v24.21. Until it does, we use `temporal-polyfill` (FullCalendar's, v1):
// - it implements the finished TC39 proposal (stage 4 API, the same names Node will ship), so
//   switching to the built-in later is this one file;
// - it is small (no dependency on a BigInt emulation library) and several times faster than
//   `@js-temporal/polyfill`, the proposal's reference polyfill, which carries JSBI and is written
//   for readability, not speed;
// - it takes time zone rules from the platform's Intl data, so Europe/London follows the same
//   tzdata as the rest of Node.
//
// Nothing outside src/platform/calendar imports Temporal: the rest of the code works with ISO date
// strings ('2026-11-22'), which is also what the database driver returns for `date` columns.
export { Temporal } from 'temporal-polyfill'
