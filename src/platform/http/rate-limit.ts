/**
 * A fixed-window counter per key, held in memory. Enough for one process; account lockout in the
 * database is the control that holds across processes.
 */
export function rateLimiter(limit: number, windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(key: string, now = Date.now()): boolean {
      const w = windows.get(key)
      if (!w || now - w.start >= windowMs) {
        if (windows.size > 10_000) windows.clear()
        windows.set(key, { start: now, count: 1 })
        return true
      }
      w.count++
      return w.count <= limit
    },
  }
}
