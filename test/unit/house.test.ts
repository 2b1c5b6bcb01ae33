import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import madge from 'madge'
import { describe, expect, it } from 'vitest'
import { MODULES } from '../../src/composition.ts'

/**
 * The house plan as measures anyone can repeat (issue 11, "Done when"): no import cycles, no file
 * over 300 lines, every domain a module. The calendar (one-calendar.test.ts) and demo data apart
 * (demo-apart.test.ts) have their own tests, and the rule on request casts runs with `npm run lint`.
 */
const root = fileURLToPath(new URL('../../', import.meta.url))
const MAX_LINES = 300

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(root, path)).isDirectory()) return name === 'node_modules' ? [] : files(path, keep)
    return keep(path) ? [path] : []
  })
}

describe('the house plan', () => {
  it('has no import cycles in src (madge)', async () => {
    const graph = await madge(join(root, 'src'), {
      fileExtensions: ['ts'],
      tsConfig: join(root, 'tsconfig.json'),
    })
    expect(graph.circular()).toEqual([])
  }, 60_000)

  // Every file, migrations included: the three migrations that shipped over the limit run their
  // script in two halves (src/migrations/parts), the same statements in the same order.
  it('has no TypeScript file over 300 lines', () => {
    const long = ['src', 'test', 'bench', 'scripts']
      .flatMap((dir) => files(dir, (p) => p.endsWith('.ts')))
      .map((p) => ({ file: p, lines: readFileSync(join(root, p), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES)
    expect(long).toEqual([])
  })

  it('makes every domain folder a module in the composition root, listed once', () => {
    const folders = readdirSync(join(root, 'src/domains')).filter((d) =>
      statSync(join(root, 'src/domains', d)).isDirectory(),
    )
    const names = MODULES.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    expect([...names].sort()).toEqual([...folders].sort())
    for (const folder of folders)
      expect(statSync(join(root, 'src/domains', folder, 'index.ts')).isFile()).toBe(true)
  })

  it('spells the UUID pattern once, in the shared validators', () => {
    const copies = files('src', (p) => p.endsWith('.ts') && !p.endsWith('.test.ts')).filter((p) =>
      readFileSync(join(root, p), 'utf8').includes('[0-9a-f]{8}-[0-9a-f]{4}'),
    )
    expect(copies).toEqual([join('src', 'platform', 'validation', 'index.ts')])
  })
})
