// What the report and library pages share: their choices live in the
// URL query (a reload, the back button or a shared link shows the same
// page), and their data is read again whenever the query changes.
import { ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { errorMessage } from '@/api/request'
import { saveBlob } from '@/utils/download'

/** useQueryState reads and writes the query of the route named name. */
export function useQueryState(name: string) {
  const route = useRoute()
  const router = useRouter()

  /** get is a query parameter as a string ('' when absent). */
  const get = (k: string): string => {
    const v = route.query[k]
    return typeof v === 'string' ? v : ''
  }

  /** set changes some parameters (undefined or '' removes one). */
  function set(patch: Record<string, string | undefined>): void {
    const next: Record<string, string> = {}
    for (const [k, v] of Object.entries({ ...route.query, ...patch })) if (typeof v === 'string' && v) next[k] = v
    void router.replace({ name, query: next })
  }

  /** onQuery runs fn now and after every change of the query while the
   * page is shown. */
  function onQuery(fn: () => void): void {
    watch(
      () => route.query,
      () => {
        if (route.name === name) fn()
      },
      { immediate: true },
    )
  }

  return { route, router, get, set, onQuery }
}

/** useLoader runs fetch into data, with the loading flag and the error
 * message (errorKey names what failed). A failed load keeps the last
 * data unless clear is set. */
export function useLoader<T>(fetch: () => Promise<T>, errorKey: string, opts: { clear?: boolean } = {}) {
  const { t } = useI18n()
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref('')

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      data.value = await fetch()
    } catch (e) {
      if (opts.clear) data.value = null
      error.value = `${t(errorKey)}：${errorMessage(e)}`
    } finally {
      loading.value = false
    }
  }

  return { data, loading, error, load }
}

/** useDownload saves files fetched with the token (exports, the case
 * file); busy names the one being fetched, failures are said in a
 * message. */
export function useDownload() {
  const busy = ref('')

  async function download(key: string, fetch: () => Promise<Blob>, filename: string): Promise<void> {
    busy.value = key
    try {
      saveBlob(await fetch(), filename)
    } catch (e) {
      ElMessage.error(errorMessage(e))
    } finally {
      busy.value = ''
    }
  }

  return { busy, download }
}
