// Bulk operations run one request after another (each case has its own
// version, and the server judges each on its own), then report what
// succeeded and what failed, grouped by reason.
import { errorMessage, isApiError } from '@/api/request'

export interface BulkResult<K = number> {
  key: K
  label: string
  ok: boolean
  /** message is the server's reason for a failure. */
  message?: string
  code?: string
}

export interface BulkSummary<K = number> {
  total: number
  succeeded: number
  failed: number
  failures: BulkResult<K>[]
  /** reasons groups the failures by message, most frequent first. */
  reasons: { message: string; count: number; labels: string[] }[]
}

/** runSequential calls fn for each item in order and never stops early;
 * onProgress gets the number done so far. */
export async function runSequential<T, K>(
  items: readonly T[],
  keyOf: (item: T) => { key: K; label: string },
  fn: (item: T) => Promise<unknown>,
  onProgress?: (done: number, total: number) => void,
): Promise<BulkResult<K>[]> {
  const out: BulkResult<K>[] = []
  for (const item of items) {
    const { key, label } = keyOf(item)
    try {
      await fn(item)
      out.push({ key, label, ok: true })
    } catch (e) {
      out.push({ key, label, ok: false, message: errorMessage(e), code: isApiError(e) ? e.code : undefined })
    }
    onProgress?.(out.length, items.length)
  }
  return out
}

/** summarize counts the results and groups the failures by reason. */
export function summarize<K>(results: readonly BulkResult<K>[]): BulkSummary<K> {
  const failures = results.filter((r) => !r.ok)
  const byReason = new Map<string, { message: string; count: number; labels: string[] }>()
  for (const f of failures) {
    const m = f.message || f.code || '?'
    const g = byReason.get(m) ?? { message: m, count: 0, labels: [] }
    g.count++
    g.labels.push(f.label)
    byReason.set(m, g)
  }
  return {
    total: results.length,
    succeeded: results.length - failures.length,
    failed: failures.length,
    failures,
    reasons: [...byReason.values()].sort((a, b) => b.count - a.count || a.message.localeCompare(b.message)),
  }
}
