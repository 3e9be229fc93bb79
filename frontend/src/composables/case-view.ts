// The case page as the applicant and as the handling agency see it share
// how a case is loaded (with its timeline and notices, 404 told apart
// from other failures) and how an action is taken: with the version last
// seen; a 409 means the case changed (conflict) or no longer allows the
// action (invalid_transition), so it is read again and a banner says so.
import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { act, getApplication, listEvents, listNotices, type Action, type Case, type CaseEvent, type Notice } from '@/api/cases'
import { errorMessage, isApiError } from '@/api/request'

/** useCaseView loads the case of the route's :id while the route named
 * routeName is shown; reset runs whenever another case is opened. */
export function useCaseView(routeName: string, reset?: () => void) {
  const { t } = useI18n()
  const route = useRoute()
  const c = ref<Case | null>(null)
  const events = ref<CaseEvent[]>([])
  const notices = ref<Notice[]>([])
  const error = ref('')
  const notFound = ref(false)
  const banner = ref('')
  const id = computed(() => String(route.params.id))

  async function load(): Promise<void> {
    error.value = ''
    try {
      const [cs, ev, ns] = await Promise.all([getApplication(id.value), listEvents(id.value), listNotices(id.value)])
      c.value = cs
      events.value = ev.items
      notices.value = ns.items
      notFound.value = false
    } catch (e) {
      if (isApiError(e) && e.status === 404) notFound.value = true
      else error.value = `${t('caseView.loadError')}：${errorMessage(e)}`
    }
  }

  watch(
    id,
    () => {
      c.value = null
      banner.value = ''
      reset?.()
      if (route.name === routeName) void load()
    },
    { immediate: true },
  )

  /** perform takes an action and says done() on success; other errors go
   * back to the form that asked. */
  function perform(action: Action, done: () => string) {
    return async (body: Record<string, unknown>): Promise<boolean> => {
      if (!c.value) return false
      banner.value = ''
      try {
        c.value = await act(c.value.id, action, { ...body, version: c.value.version })
        ElMessage.success(done())
        await load()
        return true
      } catch (e) {
        if (isApiError(e) && e.status === 409) {
          banner.value = e.code === 'conflict' ? t('caseView.conflict') : `${e.detail} ${t('caseView.refreshed')}`
          await load()
          return false
        }
        throw e
      }
    }
  }

  /** shell is what CaseShell shows besides the page's own sections. */
  const shell = computed(() => ({ cs: c.value, notFound: notFound.value, error: error.value, notices: notices.value, events: events.value }))

  return { id, c, events, notices, error, notFound, banner, load, perform, shell }
}
