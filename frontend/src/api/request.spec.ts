import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLocale } from '@/locales'
import { useAuthStore } from '@/store/auth'
import { ApiError, applyFieldErrors, buildURL, clearFieldErrors, errorMessage, http, refreshSession, request, type FieldErrorMap } from './request'
import type { Session, User } from './auth'

// fetch is the process edge: it is the only thing replaced here.

const user: User = {
  id: 7,
  username: 'zhang',
  role: 'applicant',
  agencyId: null,
  districtWide: false,
  active: true,
  displayName: '张明',
  locked: false,
  version: 1,
  language: 'zh-CN',
  createdAt: '2026-11-29T00:00:00Z',
}

function session(token: string): Session {
  return { accessToken: token, refreshToken: 'r', expiresIn: 900, user }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  })
}

const unauthenticated = () => json(401, { status: 401, title: '未登录或登录已失效', detail: '登录凭证无效或已过期', code: 'unauthenticated' })

interface Call {
  url: string
  method: string
  auth: string | null
  lang: string | null
  body: unknown
}

let calls: Call[]

function mockFetch(handler: (c: Call) => Response | Promise<Response>) {
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const h = new Headers(init.headers)
    const c: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      auth: h.get('Authorization'),
      lang: h.get('Accept-Language'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    }
    calls.push(c)
    return handler(c)
  })
  vi.stubGlobal('fetch', fn)
  return fn
}

const refreshCalls = () => calls.filter((c) => c.url.endsWith('/auth/refresh')).length

let auth: ReturnType<typeof useAuthStore>

beforeEach(() => {
  calls = []
  setLocale('zh-CN')
  setActivePinia(createPinia())
  auth = useAuthStore()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('request', () => {
  it('attaches the access token and the UI language', async () => {
    auth.setSession(session('A'))
    mockFetch(() => json(200, user))
    await http.get('/me')
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toBe('/api/v1/me')
    expect(calls[0].auth).toBe('Bearer A')
    expect(calls[0].lang).toBe('zh-CN')

    setLocale('en')
    await http.get('/me')
    expect(calls[1].lang).toBe('en')
  })

  it('sends no token when auth is off', async () => {
    auth.setSession(session('A'))
    mockFetch(() => json(200, { items: [], total: 0, offset: 0, limit: 0 }))
    await http.get('/agencies', undefined, { auth: false })
    expect(calls[0].auth).toBeNull()
  })

  it('sends JSON bodies', async () => {
    mockFetch(() => json(201, user))
    await http.post('/auth/register', { username: 'x' }, { auth: false })
    expect(calls[0].method).toBe('POST')
    expect(calls[0].body).toEqual({ username: 'x' })
  })

  it('refreshes once on a 401 and retries with the new token', async () => {
    auth.setSession(session('A'))
    mockFetch((c) => {
      if (c.url.endsWith('/auth/refresh')) return json(200, session('B'))
      return c.auth === 'Bearer B' ? json(200, { ...user, displayName: 'fresh' }) : unauthenticated()
    })
    const u = await http.get<User>('/me')
    expect(u.displayName).toBe('fresh')
    expect(calls.map((c) => `${c.method} ${c.url} ${c.auth ?? '-'}`)).toEqual([
      'GET /api/v1/me Bearer A',
      'POST /api/v1/auth/refresh -',
      'GET /api/v1/me Bearer B',
    ])
    expect(auth.accessToken).toBe('B')
  })

  it('shares one refresh among concurrent 401s (single flight)', async () => {
    auth.setSession(session('A'))
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    mockFetch(async (c) => {
      if (c.url.endsWith('/auth/refresh')) {
        await gate
        return json(200, session('B'))
      }
      return c.auth === 'Bearer B' ? json(200, { path: c.url }) : unauthenticated()
    })
    const all = Promise.all([http.get('/a'), http.get('/b'), http.get('/c'), refreshSession()])
    // Let every request get its 401 before the refresh answers.
    await new Promise((r) => setTimeout(r, 10))
    release()
    const [a, b, c, refreshed] = await all
    expect(refreshCalls()).toBe(1)
    expect(refreshed).toBe(true)
    expect([a, b, c]).toEqual([{ path: '/api/v1/a' }, { path: '/api/v1/b' }, { path: '/api/v1/c' }])
    expect(calls.filter((x) => x.auth === 'Bearer B')).toHaveLength(3)
  })

  it('does not refresh again when another request already renewed the token', async () => {
    auth.setSession(session('A'))
    mockFetch(async (c) => {
      if (c.url.endsWith('/slow') && c.auth === 'Bearer A') {
        // The token is renewed while this request is on the wire.
        auth.setSession(session('B'))
        return unauthenticated()
      }
      return json(200, { ok: true })
    })
    await http.get('/slow')
    expect(refreshCalls()).toBe(0)
    expect(calls.map((c) => c.auth)).toEqual(['Bearer A', 'Bearer B'])
  })

  it('logs out when the refresh is refused', async () => {
    auth.setSession(session('A'))
    mockFetch((c) => (c.url.endsWith('/auth/refresh') ? json(401, { status: 401, code: 'unauthenticated', detail: '登录已失效，请重新登录' }) : unauthenticated()))
    const err = await http.get('/me').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(401)
    expect(refreshCalls()).toBe(1)
    expect(calls).toHaveLength(2) // no retry
    expect(auth.isLoggedIn).toBe(false)
    expect(auth.accessToken).toBeNull()
  })

  it('logs out when the retry is refused too', async () => {
    auth.setSession(session('A'))
    mockFetch((c) => (c.url.endsWith('/auth/refresh') ? json(200, session('B')) : unauthenticated()))
    await expect(http.get('/me')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(refreshCalls()).toBe(1)
    expect(calls).toHaveLength(3)
    expect(auth.isLoggedIn).toBe(false)
  })

  it('keeps the session when the refresh fails for another reason', async () => {
    auth.setSession(session('A'))
    mockFetch((c) => (c.url.endsWith('/auth/refresh') ? json(429, { status: 429, code: 'rate_limited' }, { 'Retry-After': '30' }) : unauthenticated()))
    await expect(http.get('/me')).rejects.toMatchObject({ status: 401 })
    expect(auth.accessToken).toBe('A')
  })

  it('never refreshes for requests without auth (a wrong password is just an error)', async () => {
    mockFetch(() => json(401, { status: 401, title: '未登录或登录已失效', detail: '用户名或密码错误', code: 'unauthenticated' }))
    const err = (await http.post('/auth/login', { username: 'a', password: 'b' }, { auth: false }).catch((e: unknown) => e)) as ApiError
    expect(err.detail).toBe('用户名或密码错误')
    expect(refreshCalls()).toBe(0)
  })
})

describe('problem+json', () => {
  it('turns a validation problem into ApiError with fields', async () => {
    mockFetch(() =>
      json(422, {
        type: 'about:blank',
        title: '输入有误',
        status: 422,
        detail: '输入有误',
        code: 'validation_failed',
        fields: [
          { field: 'idNumber', message: '居民身份证号码无效（校验码或出生日期有误）' },
          { field: 'phone', message: '请填写有效的手机号码（11 位）' },
        ],
        requestId: 'req-1',
      }),
    )
    const err = (await request('/auth/register', { method: 'POST', body: {}, auth: false }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(422)
    expect(err.code).toBe('validation_failed')
    expect(err.detail).toBe('输入有误')
    expect(err.requestId).toBe('req-1')
    expect(err.fields).toHaveLength(2)
    expect(err.fieldMessage('phone')).toBe('请填写有效的手机号码（11 位）')
  })

  it('reads Retry-After on a lockout', async () => {
    mockFetch(() =>
      json(423, { status: 423, title: '账号已锁定', detail: '连续登录失败次数过多，账号已锁定，请 15 分钟后再试', code: 'account_locked' }, { 'Retry-After': '900' }),
    )
    const err = (await http.post('/auth/login', {}, { auth: false }).catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('account_locked')
    expect(err.retryAfter).toBe(900)
    expect(err.message).toContain('15 分钟')
  })

  it('copes with a body that is not a problem', async () => {
    mockFetch(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }))
    const err = (await http.get('/me', undefined, { auth: false }).catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(502)
    expect(err.code).toBe('http_502')
    expect(err.detail).toBeTruthy()
  })

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const err = (await http.get('/agencies', undefined, { auth: false }).catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(0)
    expect(err.code).toBe('network_error')
  })

  it('returns undefined for 204', async () => {
    auth.setSession(session('A'))
    mockFetch(() => new Response(null, { status: 204 }))
    await expect(http.post('/me/password', { oldPassword: 'a', newPassword: 'b' })).resolves.toBeUndefined()
  })
})

describe('field errors', () => {
  const err = new ApiError({
    status: 422,
    code: 'validation_failed',
    detail: '输入有误',
    fields: [
      { field: 'applicant.idNumber', message: '号码无效' },
      { field: 'applicant.phone', message: '手机号无效' },
      { field: 'applicant.phone', message: '已被使用' },
      { field: 'agencyId', message: '机关不存在' },
    ],
  })

  it('puts each message on the form item named by the field', () => {
    const target: FieldErrorMap = { stale: 'old' }
    const rest = applyFieldErrors(err, target)
    expect(rest).toEqual([])
    expect(target).toEqual({ stale: '', 'applicant.idNumber': '号码无效', 'applicant.phone': '手机号无效；已被使用', agencyId: '机关不存在' })
  })

  it('returns messages for fields the form does not show', () => {
    const target: FieldErrorMap = {}
    const rest = applyFieldErrors(err, target, { known: ['idNumber', 'phone'], prefix: 'applicant.' })
    expect(target).toEqual({ idNumber: '号码无效', phone: '手机号无效；已被使用' })
    expect(rest).toEqual(['机关不存在'])
  })

  it('says what the server said of the fields, not its generic detail', () => {
    expect(errorMessage(err)).toBe('号码无效；手机号无效；已被使用；机关不存在')
    expect(errorMessage(new ApiError({ status: 422, code: 'validation_failed', detail: '输入有误', fields: [{ field: 'file', message: '只接受 PDF、图片、Office 文档、OFD 或 ZIP 文件' }] }))).toBe('只接受 PDF、图片、Office 文档、OFD 或 ZIP 文件')
    expect(errorMessage(new ApiError({ status: 409, code: 'conflict', detail: '用户名已存在' }))).toBe('用户名已存在')
    expect(errorMessage(new Error('boom'))).toBe('操作失败，请稍后重试')
  })

  it('returns the detail when the problem names no field', () => {
    const target: FieldErrorMap = { username: 'x' }
    expect(applyFieldErrors(new ApiError({ status: 409, code: 'conflict', detail: '用户名已被使用' }), target)).toEqual(['用户名已被使用'])
    expect(target.username).toBe('')
  })

  it('clears messages', () => {
    const target: FieldErrorMap = { a: 'x', b: 'y' }
    clearFieldErrors(target)
    expect(target).toEqual({ a: '', b: '' })
  })
})

describe('buildURL', () => {
  it('prefixes the API base and drops empty parameters', () => {
    expect(buildURL('/public/track', { trackingNumber: 'GK 1', queryCode: '', x: undefined, n: 0 })).toBe('/api/v1/public/track?trackingNumber=GK+1&n=0')
    expect(buildURL('/api/openapi.yaml')).toBe('/api/openapi.yaml')
  })
})
