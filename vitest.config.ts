import { defineConfig } from 'vitest/config'

// Three projects: pure rules (fast, no database), database-backed tests (run twice by
// `npm test`: once on embedded PGlite, once on the PostgreSQL server) and browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.browser.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'db',
          sequence: { groupOrder: 1 },
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/support/global-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Two cores: each file owns a database, and two at a time keep PGlite's memory modest.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['test/browser/**/*.browser.test.ts'],
          globalSetup: ['test/support/global-browser.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
