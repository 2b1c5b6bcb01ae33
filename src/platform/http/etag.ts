import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * HTTP revalidation for a page built from a versioned result (issue 17, item 8). The page carries
 * the reader's name and form tokens, so it is `private` (no shared cache may keep it) and
 * `no-cache` (the browser asks every time); the ETag names the data version, the address and the
 * reader, so a browser that already holds this exact page gets 304 without it being rendered.
 * Returns true when the 304 has been sent. A null tag (no version vouches for the data) sends
 * no ETag.
 */
export function revalidate(request: FastifyRequest, reply: FastifyReply, tag: string | null): boolean {
  reply.header('cache-control', 'private, no-cache')
  if (tag === null) return false
  const actor = request.ctx.actor
  const etag = `W/"${createHash('sha256')
    .update([tag, request.url, actor.userId ?? '', actor.tokenId ?? '', actor.role].join('\n'))
    .digest('base64url')
    .slice(0, 27)}"`
  reply.header('etag', etag)
  const asked = request.headers['if-none-match']
  if (asked && asked.split(',').some((t) => t.trim() === etag)) {
    void reply.code(304).send()
    return true
  }
  return false
}
