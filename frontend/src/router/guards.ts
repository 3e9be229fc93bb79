import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import { watch } from 'vue'
import type { Role } from '@/api/auth'
import { i18n, t } from '@/locales'
import { useAuthStore } from '@/store/auth'

/** AuthView is what the guard needs to know about the session. */
export interface AuthView {
  isLoggedIn: boolean
  role: Role | null
  homePath: string
}

/** Target is the part of a route location the guard reads (a resolved or
 * a normalized location both fit). */
export type Target = Pick<RouteLocationNormalized, 'meta' | 'matched' | 'query' | 'fullPath'>

/** safeRedirect accepts only same-site paths ("/x", not "//host" or "/\host"). */
export function safeRedirect(v: unknown): string | null {
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return null
  return v
}

/** requiredRoles is the innermost roles list on the matched records. */
export function requiredRoles(to: Target): Role[] | undefined {
  for (let i = to.matched.length - 1; i >= 0; i--) {
    const r = to.matched[i].meta.roles
    if (r) return r
  }
  return undefined
}

/** decide is the route guard's rule, kept pure for tests: true to go on,
 * or where to go instead. */
export function decide(to: Target, auth: AuthView): true | RouteLocationRaw {
  if (to.meta.guestOnly && auth.isLoggedIn) {
    return safeRedirect(to.query.redirect) ?? auth.homePath
  }
  const roles = requiredRoles(to)
  const needsAuth = !!roles || to.matched.some((r) => r.meta.requiresAuth)
  if (needsAuth && !auth.isLoggedIn) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  if (roles && (!auth.role || !roles.includes(auth.role))) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
}

export function setupGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    await auth.init()
    return decide(to, auth)
  })

  const setTitle = (to: Target): void => {
    const title = to.meta.title ? t(to.meta.title) : ''
    document.title = title ? `${title} · ${t('app.name')}` : `${t('app.name')} · ${t('app.fullName')}`
  }
  router.afterEach((to, from, failure) => {
    if (failure) return
    setTitle(to)
    // After an in-app move to another page, put focus on the new page's
    // main region so keyboard and screen-reader users start at its content
    // (not on the first load, nor when only the query changes).
    if (from.matched.length > 0 && to.path !== from.path) {
      requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }))
    }
  })
  watch(i18n.global.locale, () => setTitle(router.currentRoute.value))

  // When the session ends while on a page that needs it (refresh refused,
  // logout in another tab), go to the login page.
  const auth = useAuthStore()
  watch(
    () => auth.isLoggedIn,
    (loggedIn) => {
      const cur = router.currentRoute.value
      if (loggedIn || !auth.ready) return
      if (decide(cur, auth) !== true) {
        router.replace({ name: 'login', query: { redirect: cur.fullPath } })
      }
    },
  )
}
