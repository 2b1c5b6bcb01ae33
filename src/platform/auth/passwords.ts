import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's minimum profile (19 MiB, 2 iterations, 1 lane): about 20 ms a hash here,
// slow enough to blunt guessing, fast enough for sign-in under load.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** The rule users see on every password form. NCSC guidance: length over complexity. */
export const PASSWORD_MIN_LENGTH = 12
