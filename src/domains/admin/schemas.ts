import { z } from 'zod'
import { NotFound } from '../../platform/errors.ts'
import { UpdateUser } from '../identity/schemas.ts'

const IdParam = z.object({ id: z.uuid() })

/** The record id from the path; anything that is not a UUID cannot name a record, so it is not found. */
export function idFrom(params: unknown, what: string): string {
  const parsed = IdParam.safeParse(params)
  if (!parsed.success) throw new NotFound(what)
  return parsed.data.id
}

export const UserSearch = z.object({ q: z.string().trim().max(200).optional().catch(undefined) })

const STALE_FORM = 'This form is out of date. Open the user again and make your changes.'

/** The edit form posts the account state as a radio, so a missing answer gets a message of its own. */
export const EditUserForm = UpdateUser.extend({
  active: z
    .enum(['true', 'false'], { message: 'Select whether the account is active' })
    .transform((v) => v === 'true'),
  // Only a tampered or truncated form lacks a good version; the user's way out is to reload it.
  version: z.coerce.number({ message: STALE_FORM }).int(STALE_FORM).positive(STALE_FORM),
})

/** A form body or query string as a plain record, to put the user's input back in the form. */
export const FormValues = z.record(z.string(), z.unknown()).catch({})
