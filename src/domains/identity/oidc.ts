import * as client from 'openid-client'

export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string
  redirectUrl: string
}

export interface OidcClient {
  redirectUrl: string
  start(): Promise<{ url: string; state: { verifier: string; state: string; nonce: string } }>
  /** Exchanges the code; undefined when the response does not match what we started. */
  finish(
    callbackUrl: URL,
    savedState: string,
    onError?: (err: unknown) => void,
  ): Promise<{ sub: string; email?: string | undefined } | undefined>
}

/**
 * OpenID Connect (authorisation code with PKCE) for organisations that run their own identity
 * service. Discovery happens on first use, so start-up does not depend on the issuer being up.
 */
export function oidcClient(settings: OidcSettings): OidcClient {
  let configuration: Promise<client.Configuration> | undefined
  const config = () =>
    (configuration ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Allow plain http only for an issuer on this machine (development and tests).
        execute:
          new URL(settings.issuer).hostname === '127.0.0.1' ||
          new URL(settings.issuer).hostname === 'localhost'
            ? [client.allowInsecureRequests]
            : [],
      })
      .catch((err: unknown) => {
        configuration = undefined
        throw err
      }))
  return {
    redirectUrl: settings.redirectUrl,
    async start() {
      const verifier = client.randomPKCECodeVerifier()
      const state = client.randomState()
      const nonce = client.randomNonce()
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: settings.redirectUrl,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return { url: url.href, state: { verifier, state, nonce } }
    },
    async finish(callbackUrl, savedState, onError) {
      let saved: { verifier: string; state: string; nonce: string }
      try {
        saved = JSON.parse(savedState) as typeof saved
      } catch {
        return undefined
      }
      try {
        const tokens = await client.authorizationCodeGrant(await config(), callbackUrl, {
          pkceCodeVerifier: saved.verifier,
          expectedState: saved.state,
          expectedNonce: saved.nonce,
        })
        const claims = tokens.claims()
        if (!claims) return undefined
        return { sub: claims.sub, email: typeof claims.email === 'string' ? claims.email : undefined }
      } catch (err) {
        onError?.(err)
        return undefined
      }
    },
  }
}
