// Issue 11, item 6: snake_case rows become camelCase through one mapper, `camelRow`
// (src/platform/db/camel.ts), not by hand. This finds, in every source file under src, each object
// literal that renames two or more columns by hand, `givenName: r.given_name` with the key exactly
// the column's camelCase. One such property alone is allowed: a single field read into an audit
// record or a message is not a mapping, and `camelRow` there would carry the rest of the row.
// Properties that compute or reformat (`r.x ?? ''`, `released: r.actual_release_date`) are not
// renames and are never counted.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { camelCase } from '../../src/platform/db/camel.ts'

const root = path.resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name))
}

/** Each object literal in `text` with two or more hand renames, as "line: key, key". */
export function handMappings(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const renames = node.properties.flatMap((p) => {
        if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) return []
        const value = p.initializer
        if (!ts.isPropertyAccessExpression(value) || !ts.isIdentifier(value.name)) return []
        const column = value.name.text
        return column.includes('_') && camelCase(column) === p.name.text ? [p.name.text] : []
      })
      if (renames.length >= 2) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push(`${line}: ${renames.join(', ')}`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

describe('one snake_case to camelCase mapper', () => {
  it('finds a hand mapping, and only a hand mapping (the measure can fail)', () => {
    const text = [
      'const a = { id: r.id, givenName: r.given_name, familyName: r.family_name }',
      'const b = { personId: r.person_id, released: r.actual_release_date, code: r.code ?? "" }',
      'const c = { givenName: r.given_name ?? "", familyName: `${r.family_name}` }',
    ].join('\n')
    expect(handMappings('sample.ts', text)).toEqual(['1: givenName, familyName'])
  })

  it('has no object literal in src that renames columns by hand; camelRow does it', () => {
    const offenders = sourceFiles(path.join(root, 'src')).flatMap((file) =>
      handMappings(file, readFileSync(file, 'utf8')).map((m) => `${path.relative(root, file)}:${m}`),
    )
    expect(offenders).toEqual([])
  })
})
