import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, User } from '@/api/auth'
import { http } from '@/api/request'
import { useAuthStore } from './auth'

const applicant: User = {
  id: 1,
  username: 'demo-applicant',
  role: 'applicant',
  agencyId: null,
  districtWide: false,
  active: true,
  displayName: '张明',
  idNumber: '371202********2037',
  locked: false,
  version: 1,
  language: 'zh-CN',
  createdAt: '2026-11-29T00:00:00Z',
}
const officer: User = { ...applicant, id: 2, username: 'demo-officer', role: 'officer', agencyId: 1, agency: { id: 1, name: '区政府办公室', shortName: '区政府办' } }

const session = (token: string, user = applicant): Session => ({ accessToken: token, refreshToken: 'r', expiresIn: 900, user })

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })
}

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>
function mockFetch(h: Handler) {
  const fn = vi.fn((input: RequestInfo | URL, init: RequestInit = {}) => Promise.resolve(h(String(input), init)))
  vi.stubGlobal('fetch', fn)
  return fn
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  vi.unstubAllGlobals()
  localStorage.clear()
})

// A browser in which a session was started carries the flag.
const startedHere = () => localStorage.setItem('gongkai.session', '1')

describe('auth store', () => {
  it('restores the session from the refresh cookie on init, once', async () => {
    startedHere()
    const f = mockFetch((url) => (url.endsWith('/auth/refresh') ? json(200, session('T1')) : json(404, {})))
    const auth = useAuthStore()
    expect(auth.ready).toBe(false)
    await Promise.all([auth.init(), auth.init()])
    await auth.init()
    expect(f).toHaveBeenCalledTimes(1)
    const [url, init] = f.mock.calls[0]
    expect(url).toBe('/api/v1/auth/refresh')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBeUndefined() // the cookie carries the token
    expect(auth.ready).toBe(true)
    expect(auth.isLoggedIn).toBe(true)
    expect(auth.accessToken).toBe('T1')
    expect(auth.user?.displayName).toBe('张明')
  })

  it('asks nothing of the server in a browser that never logged in', async () => {
    const f = mockFetch(() => json(401, { status: 401, code: 'unauthenticated', detail: '登录已失效，请重新登录' }))
    const auth = useAuthStore()
    await auth.init()
    expect(f).not.toHaveBeenCalled()
    expect(auth.ready).toBe(true)
    expect(auth.isLoggedIn).toBe(false)
  })

  it('stays anonymous when the cookie is gone, and stops asking', async () => {
    startedHere()
    const f = mockFetch(() => json(401, { status: 401, code: 'unauthenticated', detail: '登录已失效，请重新登录' }))
    const auth = useAuthStore()
    await auth.init()
    expect(f).toHaveBeenCalledTimes(1)
    expect(auth.ready).toBe(true)
    expect(auth.isLoggedIn).toBe(false)
    expect(localStorage.getItem('gongkai.session')).toBeNull()
  })

  it('stays anonymous when the server cannot be reached', async () => {
    startedHere()
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('offline'))))
    const auth = useAuthStore()
    await auth.init()
    expect(auth.ready).toBe(true)
    expect(auth.isLoggedIn).toBe(false)
  })

  it('logs in and keeps the token in memory only', async () => {
    const f = mockFetch(() => json(200, session('T2')))
    const auth = useAuthStore()
    const u = await auth.login('demo-applicant', 'gongkai-demo')
    expect(u.username).toBe('demo-applicant')
    expect(JSON.parse(String(f.mock.calls[0][1]?.body))).toEqual({ username: 'demo-applicant', password: 'gongkai-demo' })
    expect(auth.accessToken).toBe('T2')
    expect(auth.role).toBe('applicant')
    expect(auth.isStaff).toBe(false)
    expect(auth.homePath).toBe('/')
    // Storage holds the flag that a session was started, no credential.
    expect({ ...localStorage }).toEqual({ 'gongkai.session': '1' })
    expect(sessionStorage.length).toBe(0)
  })

  it('surfaces a failed login and stays logged out', async () => {
    mockFetch(() => json(423, { status: 423, code: 'account_locked', detail: '连续登录失败次数过多，账号已锁定，请 15 分钟后再试' }))
    const auth = useAuthStore()
    await expect(auth.login('demo-officer', 'wrong')).rejects.toMatchObject({ code: 'account_locked' })
    expect(auth.isLoggedIn).toBe(false)
  })

  it('sends staff to the workbench', async () => {
    mockFetch(() => json(200, session('T3', officer)))
    const auth = useAuthStore()
    await auth.login('demo-officer', 'gongkai-demo')
    expect(auth.isStaff).toBe(true)
    expect(auth.homePath).toBe('/staff')
    expect(auth.hasRole('officer', 'supervisor')).toBe(true)
    expect(auth.hasRole('applicant')).toBe(false)
  })

  it('logs out on the server and forgets the session, even if the server fails', async () => {
    const f = mockFetch((url) => (url.endsWith('/auth/logout') ? json(500, { status: 500, code: 'internal' }) : json(200, session('T4'))))
    const auth = useAuthStore()
    await auth.login('demo-applicant', 'gongkai-demo')
    await auth.logout()
    expect(f.mock.calls.map((c) => String(c[0]))).toContain('/api/v1/auth/logout')
    expect(auth.isLoggedIn).toBe(false)
    expect(auth.user).toBeNull()
    expect(localStorage.getItem('gongkai.session')).toBeNull()
  })

  it('reloads the user', async () => {
    mockFetch((url) => (url.endsWith('/me') ? json(200, { ...applicant, phone: '13905310001' }) : json(200, session('T5'))))
    const auth = useAuthStore()
    await auth.login('demo-applicant', 'gongkai-demo')
    const u = await auth.reloadUser()
    expect(u.phone).toBe('13905310001')
    expect(auth.user?.phone).toBe('13905310001')
  })

  it('logs in again after a password change (the server ends every session)', async () => {
    const seen: string[] = []
    mockFetch((url, init) => {
      seen.push(`${init.method} ${url}`)
      if (url.endsWith('/me/password')) return new Response(null, { status: 204 })
      const body = JSON.parse(String(init.body)) as { password: string }
      return json(200, session(body.password === 'new-secret-1' ? 'NEW' : 'OLD'))
    })
    const auth = useAuthStore()
    await auth.login('demo-applicant', 'gongkai-demo')
    await auth.changePassword('gongkai-demo', 'new-secret-1')
    expect(seen).toEqual(['POST /api/v1/auth/login', 'POST /api/v1/me/password', 'POST /api/v1/auth/login'])
    expect(auth.accessToken).toBe('NEW')
  })

  it('does not refresh for a request that fails while logging out', async () => {
    let releaseLogout: () => void = () => {}
    const f = mockFetch((url) => {
      if (url.endsWith('/auth/login')) return json(200, session('T6'))
      if (url.endsWith('/auth/logout')) return new Promise<Response>((r) => (releaseLogout = () => r(new Response(null, { status: 204 }))))
      return json(401, { status: 401, code: 'unauthenticated', detail: '登录已失效，请重新登录' })
    })
    const auth = useAuthStore()
    await auth.login('demo-applicant', 'gongkai-demo')
    const out = auth.logout()
    // The notification poll meets the bumped session generation meanwhile.
    await expect(http.get('/notifications')).rejects.toMatchObject({ status: 401 })
    releaseLogout()
    await out
    await expect(http.get('/notifications')).rejects.toMatchObject({ status: 401 })
    expect(f.mock.calls.map((c) => String(c[0]))).not.toContain('/api/v1/auth/refresh')
  })
})
