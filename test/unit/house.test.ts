import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import madge from 'madge'
import { describe, expect, it } from 'vitest'
import { MODULES } from '../../src/composition.ts'

/**
 * The house plan as measures anyone can repeat (issue 11, "Done when"): no import cycles, no file
 * over 300 lines, every domain a module with the same rooms. The calendar has its own test
 * (one-calendar.test.ts) and the lint rule on request casts runs with `npm run lint`.
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

  it('has no TypeScript file over 300 lines; shipped migrations cannot be edited, so they are exempt', () => {
    const long = ['src', 'test', 'bench', 'scripts']
      .flatMap((dir) => files(dir, (p) => p.endsWith('.ts') && !p.startsWith(join('src', 'migrations'))))
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

  it('keeps domains off the demo generator', () => {
    const offenders = files('src/domains', (p) => p.endsWith('.ts'))
      .filter((p) => /from '(\.\.\/)+demo\//.test(readFileSync(join(root, p), 'utf8')))
      .map((p) => relative('src/domains', p))
    expect(offenders).toEqual([])
  })
})
