import { accessSync, constants } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { CHROMIUM } from './browser-launch.ts'

/**
 * Checks once per run that Debian's Chromium is there. Browser tests use the system build:
 * downloading a browser from a test tool fails on these machines.
 */
export default function setup() {
  try {
    accessSync(CHROMIUM, constants.X_OK)
  } catch {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}, and it is not there.\n` +
        `Install it with: bash scripts/ensure-chromium.sh (or: apt-get install -y chromium)`,
    )
  }
  try {
    execFileSync(CHROMIUM, ['--version'], { stdio: 'pipe', timeout: 30_000 })
  } catch (err) {
    throw new Error(
      `Chromium at ${CHROMIUM} does not start: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    )
  }
}
