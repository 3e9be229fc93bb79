// newIdempotencyKey returns a random UUID (v4) for the Idempotency-Key
// header. crypto.randomUUID needs a secure context; plain-HTTP intranet
// deployments fall back to getRandomValues.
export function newIdempotencyKey(): string {
  const c = globalThis.crypto
  if (c && typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID()
    } catch {
      // Not a secure context.
    }
  }
  const b = new Uint8Array(16)
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b)
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** IdempotencyKeys gives the same key while the request body stays the
 * same (a retried submission), and a new one once it changes: the server
 * refuses a key reused for a different body. */
export class IdempotencyKeys {
  private key = ''
  private body = ''

  for(body: unknown): string {
    const s = JSON.stringify(body)
    if (!this.key || s !== this.body) {
      this.key = newIdempotencyKey()
      this.body = s
    }
    return this.key
  }

  /** reset forgets the key after a successful submission. */
  reset(): void {
    this.key = ''
    this.body = ''
  }
}
