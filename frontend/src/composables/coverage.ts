// The calendar's coverage, shared by the staff layout (the administrators'
// warning about provisional years) and the calendar page (which changes
// it by confirming a year): one copy, loaded once and replaced on change.
import { ref } from 'vue'
import { calendarCoverage, type Coverage } from '@/api/calendar'

const coverage = ref<Coverage | null>(null)
let pending: Promise<Coverage | null> | null = null

/** useCoverage returns the shared coverage, load (once, or again with
 * force) and set (after a change that answered with the new one). */
export function useCoverage() {
  function load(force = false): Promise<Coverage | null> {
    if (pending && !force) return pending
    pending = calendarCoverage()
      .then((c) => (coverage.value = c))
      .catch(() => {
        // Without coverage nothing is flagged; try again next time.
        pending = null
        return null
      })
    return pending
  }
  function set(c: Coverage): void {
    coverage.value = c
    pending = Promise.resolve(c)
  }
  return { coverage, load, set }
}
