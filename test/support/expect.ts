import { expect } from 'vitest'
import { ValidationFailed } from '../../src/platform/errors.ts'

/** Asserts a use case failed validation with exactly these field messages. */
export async function expectFields(promise: Promise<unknown>, fields: Record<string, string>) {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ValidationFailed)
  expect((err as ValidationFailed).fields).toEqual(fields)
}
