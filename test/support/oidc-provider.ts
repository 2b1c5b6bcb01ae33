import http from 'node:http'
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url')

/**
 * A minimal OpenID Connect provider on 127.0.0.1 for tests: discovery, JWKS, an authorize
 * endpoint that approves at once, and a token endpoint that checks the PKCE verifier and the
 * client secret and returns an RS256-signed ID token.
 */
export async function startOidcProvider(
  client: { id: string; secret: string },
  user: { sub: string; email: string },
) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string }>()
  let issuer = ''

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      })
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] })
    if (url.pathname === '/authorize') {
      const code = randomBytes(16).toString('hex')
      codes.set(code, {
        challenge: url.searchParams.get('code_challenge') ?? '',
        nonce: url.searchParams.get('nonce') ?? '',
        redirectUri: url.searchParams.get('redirect_uri') ?? '',
      })
      const back = new URL(url.searchParams.get('redirect_uri') ?? '')
      back.searchParams.set('code', code)
      back.searchParams.set('state', url.searchParams.get('state') ?? '')
      return res.writeHead(302, { location: back.href }).end()
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        const form = new URLSearchParams(body)
        const basic = Buffer.from(
          (req.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        ).toString()
        const [basicId, basicSecret] = basic.split(':').map(decodeURIComponent)
        const id = form.get('client_id') ?? basicId
        const secret = form.get('client_secret') ?? basicSecret
        const grant = codes.get(form.get('code') ?? '')
        const verifier = form.get('code_verifier') ?? ''
        const ok =
          id === client.id &&
          secret === client.secret &&
          grant &&
          grant.redirectUri === form.get('redirect_uri') &&
          b64url(createHash('sha256').update(verifier).digest()) === grant.challenge
        if (!ok || !grant) return json(400, { error: 'invalid_grant' })
        codes.delete(form.get('code') ?? '')
        const now = Math.floor(Date.now() / 1000)
        const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }))
        const claims = b64url(
          JSON.stringify({
            iss: issuer,
            sub: user.sub,
            aud: client.id,
            iat: now,
            exp: now + 300,
            nonce: grant.nonce,
            email: user.email,
          }),
        )
        const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), privateKey))
        return json(200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: `${header}.${claims}.${signature}`,
        })
      })
      return
    }
    return json(404, { error: 'not_found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
