/**
 * A browser-like client for the load and soak benchmarks: keeps cookies, signs in with the form
 * and its CSRF token. Loopback only (the benchmarks start the app on 127.0.0.1 themselves).
 */
export class BenchClient {
  readonly base: string
  private cookies = new Map<string, string>()
  constructor(base: string) {
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`loopback only, not ${base}`)
    this.base = base
  }

  async request(path: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(this.base + path, {
      ...init,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';')
      const i = pair.indexOf('=')
      if (i > 0) this.cookies.set(pair.slice(0, i), pair.slice(i + 1))
    }
    return res
  }

  async signIn(email: string, password: string): Promise<void> {
    const form = await (await this.request('/sign-in')).text()
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? ''
    const res = await this.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
    })
    await res.arrayBuffer()
    if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`)
  }
}

export function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 }
}
