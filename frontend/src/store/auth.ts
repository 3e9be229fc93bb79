// The auth store holds the session in memory only: the access token and
// the user. The refresh token stays in the httpOnly cookie, so a reload
// restores the session through init() (a silent refresh), and a script on
// the page can never read a long-lived credential. Since the page cannot
// see that cookie, a flag in localStorage (no credential: only "a session
// was started in this browser") says whether a refresh is worth trying,
// so that a visitor who never logged in costs no refused request.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { STAFF_ROLES, type Role, type Session, type User } from '@/api/auth'
import { bindSession, refreshSession } from '@/api/request'

const SESSION_FLAG = 'gongkai.session'

function flagged(): boolean {
  try {
    return globalThis.localStorage?.getItem(SESSION_FLAG) === '1'
  } catch {
    // No storage (private mode): try the refresh as before.
    return true
  }
}

function flag(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(SESSION_FLAG, '1')
    else globalThis.localStorage?.removeItem(SESSION_FLAG)
  } catch {
    // No storage: nothing to remember.
  }
}

export const useAuthStore = defineStore('auth', () => {
  const accessToken = ref<string | null>(null)
  const user = ref<User | null>(null)
  /** ready is true once the first silent refresh has settled. */
  const ready = ref(false)
  let initPromise: Promise<void> | null = null
  /** ending: a logout is under way (requests still in flight then get 401,
   * and the refresh cookie is being revoked: no refresh). */
  let ending = false

  const isLoggedIn = computed(() => accessToken.value !== null && user.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)
  const isStaff = computed(() => role.value !== null && STAFF_ROLES.includes(role.value))
  /** homePath is where a user lands after logging in. */
  const homePath = computed(() => (isStaff.value ? '/staff' : '/'))

  function setSession(s: Session): void {
    accessToken.value = s.accessToken
    user.value = s.user
    flag(true)
  }

  function clear(): void {
    accessToken.value = null
    user.value = null
    flag(false)
  }

  bindSession({
    getAccessToken: () => accessToken.value,
    onRefreshed: setSession,
    onExpired: clear,
    mayRefresh: () => !ending && flagged(),
  })

  /** init restores a session from the refresh cookie, once per page load,
   * when this browser started one. */
  function init(): Promise<void> {
    if (!initPromise) {
      initPromise = (flagged() ? refreshSession() : Promise.resolve(false))
        .catch(() => false)
        .then(() => {
          ready.value = true
        })
    }
    return initPromise
  }

  async function login(username: string, password: string): Promise<User> {
    const s = await authApi.login(username, password)
    setSession(s)
    ready.value = true
    return s.user
  }

  async function logout(): Promise<void> {
    ending = true
    try {
      await authApi.logout()
    } catch {
      // The session ends here whatever the server said.
    } finally {
      clear()
      ending = false
    }
  }

  async function reloadUser(): Promise<User> {
    const u = await authApi.me()
    user.value = u
    return u
  }

  /** changePassword changes the password. The server then ends every
   * session of the account, this one's refresh token included, so log in
   * again with the new password to keep working. */
  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    const username = user.value?.username
    await authApi.changePassword(oldPassword, newPassword)
    if (username) await login(username, newPassword)
  }

  /** updateProfile saves the caller's contact details. */
  async function updateProfile(body: authApi.ProfileUpdate): Promise<User> {
    const u = await authApi.updateProfile(body)
    user.value = u
    return u
  }

  function hasRole(...roles: Role[]): boolean {
    return role.value !== null && roles.includes(role.value)
  }

  return { accessToken, user, ready, isLoggedIn, role, isStaff, homePath, init, login, logout, reloadUser, changePassword, updateProfile, hasRole, setSession, clear }
})
