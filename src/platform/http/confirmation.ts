import type { FastifyReply } from 'fastify'

/**
 * A confirmation ("Referral sent") carried across the redirect after a successful form, shown once
 * as the GOV.UK success banner on the next page. It rides in a short-lived signed cookie rather than
 * the query string, so a bookmarked or shared URL never repeats it and nobody can forge one.
 */
const COOKIE = 'resettle_confirmation'
const MAX_CHARS = 200

export function setConfirmation(reply: FastifyReply, text: string) {
  reply.setCookie(COOKIE, text.slice(0, MAX_CHARS), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 60,
  })
}

/** The confirmation waiting for this page, if any; it is cleared so it shows once. */
export function takeConfirmation(reply: FastifyReply): string | undefined {
  const raw = reply.request.cookies[COOKIE]
  if (!raw) return undefined
  reply.clearCookie(COOKIE, { path: '/' })
  const unsigned = reply.request.unsignCookie(raw)
  return unsigned.valid && unsigned.value ? unsigned.value : undefined
}
