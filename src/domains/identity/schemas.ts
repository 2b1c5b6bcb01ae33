import { z } from 'zod'
import { ROLE_NAMES } from '../../platform/auth/roles.ts'
import { PASSWORD_MIN_LENGTH } from '../../platform/auth/passwords.ts'

export const SignInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .email('Enter an email address in the correct format, like name@example.gov.uk'),
  password: z.string().min(1, 'Enter your password'),
  returnTo: z.string().optional(),
})

const role = z.enum(ROLE_NAMES as [string, ...string[]], { message: 'Select a role' })

export const CreateUser = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address')
    .email('Enter an email address in the correct format'),
  name: z
    .string()
    .trim()
    .min(1, 'Enter the person’s full name')
    .max(200, 'Name must be 200 characters or fewer'),
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
  name: z.string().trim().min(1, 'Enter the person’s full name').max(200),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  role,
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
  version: z.coerce.number().int().positive(),
})
export type UpdateUser = z.infer<typeof UpdateUser>

export const IssueToken = z.object({
  name: z.string().trim().min(1, 'Enter a name for the token, such as the client system').max(100),
  organisationId: z.uuid({ message: 'Select an organisation' }),
  role,
})
export type IssueToken = z.infer<typeof IssueToken>
