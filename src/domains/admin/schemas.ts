import { z } from 'zod'
import { UpdateUser } from '../identity/schemas.ts'

const STALE_FORM = 'This form is out of date. Open the user again and make your changes.'

/** The edit form posts the account state as a radio, so a missing answer gets a message of its own. */
export const EditUserForm = UpdateUser.extend({
  active: z
    .enum(['true', 'false'], { message: 'Select whether the account is active' })
    .transform((v) => v === 'true'),
  // Only a tampered or truncated form lacks a good version; the user's way out is to reload it.
  version: z.coerce.number({ message: STALE_FORM }).int(STALE_FORM).positive(STALE_FORM),
})
