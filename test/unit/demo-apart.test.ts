// Issue 11, item 5: the demo generator lives apart from the service. The generator may read the
// domains (it writes their tables), but no domain may reach into src/demo, so the service can be
// built and reasoned about without the demo, and the two cannot form a cycle. This reads every
// import specifier in src/domains (tests included) and resolves it to a path.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const domains = path.join(root, 'src/domains')
const demo = path.join(root, 'src/demo')

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
}

/** Static imports, re-exports and dynamic import() calls with a literal specifier. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g

function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1] ?? '')
    .filter((s) => s.startsWith('.') || s.startsWith('/'))
    .map((s) => path.resolve(path.dirname(file), s))
}

const inDemo = (target: string) => target === demo || target.startsWith(demo + path.sep)

describe('demo data apart (issue 11)', () => {
  it('no file under src/domains imports src/demo', () => {
    const offenders = tsFiles(domains).flatMap((file) =>
      importsOf(file, readFileSync(file, 'utf8'))
        .filter(inDemo)
        .map((target) => `${path.relative(root, file)} -> ${path.relative(root, target)}`),
    )
    expect(offenders).toEqual([])
  })

  it('finds such an import when there is one', () => {
    const file = path.join(domains, 'outcomes/example.ts')
    const text = [
      "import { createRng } from '../../demo/prng.ts'",
      "export { generateDemoData } from '../../demo/generator.ts'",
      "const g = await import('../../demo/generator.ts')",
      "import '../../demo/side-effect.ts'",
      "import { sql } from 'kysely'",
      "import { x } from './demo.ts'",
    ].join('\n')
    expect(
      importsOf(file, text)
        .filter(inDemo)
        .map((t) => path.relative(root, t)),
    ).toEqual([
      'src/demo/prng.ts',
      'src/demo/generator.ts',
      'src/demo/generator.ts',
      'src/demo/side-effect.ts',
    ])
  })

  it('src/demo holds no file over 300 lines', () => {
    const long = tsFiles(demo)
      .map((file) => ({
        file: path.relative(root, file),
        lines: readFileSync(file, 'utf8').split('\n').length - 1,
      }))
      .filter((f) => f.lines > 300)
    expect(long).toEqual([])
  })
})
