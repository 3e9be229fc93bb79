// request is the one HTTP client of the UI. It attaches the access token
// (held in memory by the auth store, never in storage), refreshes the
// session once on a 401 — one refresh shared by every request that failed
// meanwhile — and retries, and turns application/problem+json (RFC 9457)
// bodies into ApiError.
import { getLocale, t } from '@/locales'
import type { Session } from './auth'
import type { Schemas } from './schema'

export const API_BASE = '/api/v1'

/** FieldError is one entry of a problem's `fields`: the JSON name of the
 * input (nested with dots, e.g. `applicant.idNumber`) and a message in the
 * UI language. */
export type FieldError = Schemas['ProblemField']

/** Problem is the server's error body as the client reads it: any part of
 * the document's Problem may be missing from a body that is not one (a
 * proxy's error page, an empty 502), the status never. */
export type Problem = Partial<Schemas['Problem']> & { status: number }

/** ApiError is a failed request. status 0 means the server was not reached. */
export class ApiError extends Error {
  readonly status: number
  /** code is the server's stable code (validation_failed, account_locked …),
   * or network_error / http_<status> when there was no problem body. */
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly fields: FieldError[]
  readonly requestId?: string
  /** retryAfter is the Retry-After header in seconds (429, 423). */
  readonly retryAfter?: number

  constructor(p: Problem & { retryAfter?: number }) {
    const detail = p.detail || p.title || `HTTP ${p.status}`
    super(detail)
    this.name = 'ApiError'
    this.status = p.status
    this.code = p.code || `http_${p.status}`
    this.title = p.title || detail
    this.detail = detail
    this.fields = Array.isArray(p.fields) ? p.fields : []
    this.requestId = p.requestId
    this.retryAfter = p.retryAfter
  }

  /** fieldMessage is the message for one field, if the server gave one. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** errorMessage is what to show a person for any thrown value: for a
 * problem that names its fields, what the server said of them (its detail
 * is then only "输入有误"), otherwise the detail. */
export function errorMessage(e: unknown): string {
  if (!isApiError(e)) return t('common.unknownError')
  const said = [...new Set(e.fields.map((f) => f.message).filter(Boolean))]
  return said.length ? said.join('；') : e.detail
}

// ---- session hooks -------------------------------------------------------

/** SessionHooks connect the client to the auth store without an import
 * cycle: the store binds itself when it is created. */
export interface SessionHooks {
  getAccessToken(): string | null
  onRefreshed(s: Session): void
  onExpired(): void
  /** mayRefresh says whether a refresh can succeed: not while the session
   * is being ended, nor in a browser that holds none. */
  mayRefresh?(): boolean
}

const noSession: SessionHooks = {
  getAccessToken: () => null,
  onRefreshed: () => {},
  onExpired: () => {},
}

let hooks: SessionHooks = noSession

export function bindSession(h: SessionHooks): void {
  hooks = h
}

// ---- refresh (single flight) --------------------------------------------

let refreshing: Promise<boolean> | null = null

/** refreshSession asks the server for a new access token using the
 * httpOnly refresh cookie. Concurrent callers share one request. It
 * resolves true when the session was renewed; a refusal (401/400) ends the
 * session, other failures (network, 429, 5xx) leave it as it is. */
export function refreshSession(): Promise<boolean> {
  if (hooks.mayRefresh && !hooks.mayRefresh()) return Promise.resolve(false)
  if (!refreshing) {
    refreshing = withRefreshLock(doRefresh).finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

// Refresh tokens rotate and a spent one revokes its family, so two tabs
// must not refresh with the same cookie at once: serialise across tabs
// with the Web Locks API where the browser has it.
function withRefreshLock(fn: () => Promise<boolean>): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks
  if (locks && typeof locks.request === 'function') {
    return locks.request('gongkai-refresh', fn) as unknown as Promise<boolean>
  }
  return fn()
}

async function doRefresh(): Promise<boolean> {
  let res: Response
  try {
    res = await fetch(`${API_BASE}/auth/refresh`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: baseHeaders(),
    })
  } catch {
    return false
  }
  if (!res.ok) {
    if (res.status === 401 || res.status === 400) hooks.onExpired()
    return false
  }
  const s = (await res.json()) as Session
  hooks.onRefreshed(s)
  return true
}

// ---- requests ------------------------------------------------------------

export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  /** body is sent as JSON unless it is FormData or a Blob. */
  body?: unknown
  /** auth (default true) attaches the token and refreshes on a 401. Turn it
   * off for login, registration and public endpoints. */
  auth?: boolean
  headers?: Record<string, string>
  signal?: AbortSignal
  /** as reads a successful body as a Blob or text instead of by its
   * Content-Type (downloads, printable notices). */
  as?: 'blob' | 'text'
}

function baseHeaders(): Record<string, string> {
  return {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLocale(),
  }
}

export function buildURL(path: string, query?: Query): string {
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path.startsWith('/') ? '' : '/'}${path}`
  if (!query) return url
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') qs.append(k, String(v))
  }
  const s = qs.toString()
  return s ? `${url}?${s}` : url
}

async function send(url: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { ...baseHeaders(), ...opts.headers }
  let body: BodyInit | undefined
  if (opts.body instanceof FormData || opts.body instanceof Blob) {
    body = opts.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (token) headers.Authorization = `Bearer ${token}`
  try {
    return await fetch(url, {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e
    throw new ApiError({ status: 0, code: 'network_error', detail: t('common.networkError') })
  }
}

/** toApiError reads a failed response: a problem body when there is one. */
export async function toApiError(res: Response): Promise<ApiError> {
  const ra = Number(res.headers.get('Retry-After'))
  const retryAfter = Number.isFinite(ra) && ra > 0 ? ra : undefined
  const type = res.headers.get('Content-Type') || ''
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as Partial<Problem>
      return new ApiError({ ...p, status: typeof p.status === 'number' ? p.status : res.status, retryAfter })
    } catch {
      // Fall through: a body that is not JSON after all.
    }
  }
  return new ApiError({ status: res.status, code: `http_${res.status}`, detail: t('common.unknownError'), retryAfter })
}

async function parse<T>(res: Response, as?: RequestOptions['as']): Promise<T> {
  if (!res.ok) throw await toApiError(res)
  if (as === 'blob') return (await res.blob()) as unknown as T
  if (as === 'text') return (await res.text()) as unknown as T
  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as T
  const type = res.headers.get('Content-Type') || ''
  if (type.includes('json')) return (await res.json()) as T
  return (await res.text()) as unknown as T
}

/** request sends one API call and returns the decoded body or throws
 * ApiError. path is relative to /api/v1 unless it starts with /api/. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const url = buildURL(path, opts.query)
  const useAuth = opts.auth !== false
  const sentToken = useAuth ? hooks.getAccessToken() : null
  let res = await send(url, opts, sentToken)
  if (res.status === 401 && useAuth) {
    // If another request renewed the session while this one was in flight,
    // just retry with the new token; otherwise refresh (once, shared).
    const current = hooks.getAccessToken()
    // Logged out while this request was in flight: nothing to renew.
    const ended = sentToken !== null && current === null
    const renewed = ended ? false : current !== null && current !== sentToken ? true : await refreshSession()
    if (renewed) {
      res = await send(url, opts, hooks.getAccessToken())
      if (res.status === 401) hooks.onExpired()
    }
  }
  return parse<T>(res, opts.as)
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>(path, { ...opts, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>(path, { ...opts, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>(path, { ...opts, method: 'PATCH', body }),
  delete: <T>(path: string, opts: RequestOptions = {}) => request<T>(path, { ...opts, method: 'DELETE' }),
}

// ---- uploads with progress -----------------------------------------------

/** UploadOptions: onProgress gets the fraction of the body sent (0–1). */
export interface UploadOptions {
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

function sendXHR(url: string, body: FormData, token: string | null, opts: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    for (const [k, v] of Object.entries(baseHeaders())) xhr.setRequestHeader(k, v)
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total)
    }
    xhr.onload = () => {
      const headers = new Headers()
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const i = line.indexOf(':')
        if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim())
      }
      // A Response cannot carry a body with 204/205/304.
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304
      resolve(new Response(empty ? null : xhr.responseText, { status: xhr.status, headers }))
    }
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network_error', detail: t('common.networkError') }))
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'))
    if (opts.signal) {
      if (opts.signal.aborted) return reject(new DOMException('upload aborted', 'AbortError'))
      opts.signal.addEventListener('abort', () => xhr.abort(), { once: true })
    }
    xhr.send(body)
  })
}

/** upload posts multipart form data with upload progress (fetch cannot
 * report it), with the same token, refresh-and-retry and problem handling
 * as request. */
export async function upload<T>(path: string, body: FormData, opts: UploadOptions = {}): Promise<T> {
  const url = buildURL(path)
  const sentToken = hooks.getAccessToken()
  let res = await sendXHR(url, body, sentToken, opts)
  if (res.status === 401) {
    const current = hooks.getAccessToken()
    const ended = sentToken !== null && current === null
    const renewed = ended ? false : current !== null && current !== sentToken ? true : await refreshSession()
    if (renewed) {
      opts.onProgress?.(0)
      res = await sendXHR(url, body, hooks.getAccessToken(), opts)
      if (res.status === 401) hooks.onExpired()
    }
  }
  return parse<T>(res)
}

// ---- field errors on forms ----------------------------------------------

/** FieldErrorMap holds one message per form-item prop; bind it with
 * `<el-form-item prop="idNumber" :error="errors.idNumber">`. */
export type FieldErrorMap = Record<string, string>

export interface ApplyFieldErrorsOptions {
  /** known lists the props the form shows (e.g. formRef.fields.map(f => f.prop));
   * messages for other fields are returned instead of set. */
  known?: Iterable<string>
  /** prefix is removed from server field names when the form edits a
   * nested object: with prefix "applicant." the server's
   * "applicant.idNumber" lands on prop "idNumber". */
  prefix?: string
}

/** clearFieldErrors empties every message (do it before a submit, so that
 * the same message shows again if the server repeats it). */
export function clearFieldErrors(target: FieldErrorMap): void {
  for (const k of Object.keys(target)) target[k] = ''
}

/** applyFieldErrors puts an ApiError's field messages onto the form-item
 * props they name and returns the messages it could not place (fields the
 * form does not show, or the whole detail when there are no fields), for
 * an alert above the form. */
export function applyFieldErrors(err: unknown, target: FieldErrorMap, opts: ApplyFieldErrorsOptions = {}): string[] {
  clearFieldErrors(target)
  if (!isApiError(err)) return [errorMessage(err)]
  if (err.fields.length === 0) return [err.detail]
  const known = opts.known ? new Set(opts.known) : null
  const rest: string[] = []
  for (const f of err.fields) {
    let prop = f.field
    if (opts.prefix && prop.startsWith(opts.prefix)) prop = prop.slice(opts.prefix.length)
    if (known && !known.has(prop)) {
      rest.push(f.message)
      continue
    }
    target[prop] = target[prop] ? `${target[prop]}；${f.message}` : f.message
  }
  return rest
}

/** formProps lists the props of an Element Plus form's items. */
export function formProps(form: { fields?: ReadonlyArray<{ prop?: unknown }> } | undefined | null): string[] {
  if (!form?.fields) return []
  return form.fields
    .map((f) => f.prop)
    .flat()
    .filter((p): p is string => typeof p === 'string')
}
