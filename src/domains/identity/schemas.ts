import { z } from 'zod'
import { ROLE_NAMES } from '../../platform/auth/roles.ts'
import { PASSWORD_MIN_LENGTH } from '../../platform/auth/passwords.ts'
import { CONTROL_ANYWHERE } from '../../platform/validation/index.ts'

/** A name or email typed on one line: no control characters (issue 17 finding 3), bounded length. */
const line = (required: string, max: number) =>
  z
    .string({ message: required })
    .trim()
    .min(1, required)
    .max(max, `Enter ${max} characters or fewer`)
    .refine((s) => !CONTROL_ANYWHERE.test(s), 'Remove the control characters from this field')

export const SignInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Enter 320 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.gov.uk'),
  password: z.string().min(1, 'Enter your password').max(200, 'Enter 200 characters or fewer'),
  returnTo: z.string().max(500).optional(),
})

const role = z.enum(ROLE_NAMES as [string, ...string[]], { message: 'Select a role' })

export const CreateUser = z.object({
  email: line('Enter an email address', 320).pipe(z.email('Enter an email address in the correct format')),
  name: line('Enter the person’s full name', 200),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  role,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(200, 'Password must be 200 characters or fewer')
    .optional()
    .or(z.literal('').transform(() => undefined)),
})
export type CreateUser = z.infer<typeof CreateUser>

export const UpdateUser = z.object({
  name: line('Enter the person’s full name', 200),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  role,
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
  version: z.coerce.number().int().positive(),
})
export type UpdateUser = z.infer<typeof UpdateUser>

export const IssueToken = z.object({
  name: line('Enter a name for the token, such as the client system', 100),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  role,
})
export type IssueToken = z.infer<typeof IssueToken>
