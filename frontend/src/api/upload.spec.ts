import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLocale } from '@/locales'
import { useAuthStore } from '@/store/auth'
import type { Session, User } from './auth'
import { uploadAttachment } from './cases'
import { ApiError, http } from './request'

// XMLHttpRequest and fetch are the process edges: both are replaced here.

const user = { id: 7, username: 'zhang', role: 'applicant', displayName: '张明' } as User
const session = (token: string): Session => ({ accessToken: token, refreshToken: 'r', expiresIn: 900, user })

interface Sent {
  method: string
  url: string
  headers: Record<string, string>
  body: FormData
}

let sent: Sent[]
let reply: (s: Sent) => { status: number; body: string; type?: string }

class FakeXHR {
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  withCredentials = false
  status = 0
  responseText = ''
  private method = ''
  private url = ''
  private headers: Record<string, string> = {}
  private type = ''

  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v
  }
  getAllResponseHeaders() {
    return `content-type: ${this.type}\r\n`
  }
  abort() {
    this.onabort?.()
  }
  send(body: FormData) {
    const s = { method: this.method, url: this.url, headers: this.headers, body }
    sent.push(s)
    const r = reply(s)
    setTimeout(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 })
      this.upload.onprogress?.({ lengthComputable: true, loaded: 100, total: 100 })
      this.status = r.status
      this.responseText = r.body
      this.type = r.type ?? (r.status >= 400 ? 'application/problem+json' : 'application/json')
      this.onload?.()
    }, 0)
  }
}

const attachment = { id: 3, filename: 'a.pdf', contentType: 'application/pdf', size: 9, sha256: 'x' }
const file = () => new File(['%PDF-1.4\n'], 'a.pdf', { type: 'application/pdf' })

let auth: ReturnType<typeof useAuthStore>

beforeEach(() => {
  sent = []
  setLocale('zh-CN')
  setActivePinia(createPinia())
  auth = useAuthStore()
  vi.stubGlobal('XMLHttpRequest', FakeXHR)
})
afterEach(() => vi.unstubAllGlobals())

describe('upload', () => {
  it('posts the file with its purpose and the token, and reports progress', async () => {
    auth.setSession(session('A'))
    reply = () => ({ status: 201, body: JSON.stringify(attachment) })
    const progress: number[] = []
    const a = await uploadAttachment(file(), 'correction', (f) => progress.push(f))
    expect(a).toEqual(attachment)
    expect(sent).toHaveLength(1)
    expect(sent[0].method).toBe('POST')
    expect(sent[0].url).toBe('/api/v1/attachments')
    expect(sent[0].headers.Authorization).toBe('Bearer A')
    expect(sent[0].headers['Accept-Language']).toBe('zh-CN')
    expect(sent[0].body.get('purpose')).toBe('correction')
    expect((sent[0].body.get('file') as File).name).toBe('a.pdf')
    expect(progress).toEqual([0.5, 1])
  })

  it('turns a problem into an ApiError with the field message', async () => {
    auth.setSession(session('A'))
    reply = () => ({
      status: 422,
      body: JSON.stringify({ status: 422, code: 'validation_failed', detail: '请求无效', fields: [{ field: 'file', message: '只接受 PDF、图片…' }] }),
    })
    const err = await uploadAttachment(file(), 'application').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('validation_failed')
    expect(err.fieldMessage('file')).toBe('只接受 PDF、图片…')
  })

  it('refreshes the session once on a 401 and sends again', async () => {
    auth.setSession(session('A'))
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(JSON.stringify(session('B')), { status: 200, headers: { 'Content-Type': 'application/json' } }))),
    )
    reply = (s) =>
      s.headers.Authorization === 'Bearer B'
        ? { status: 201, body: JSON.stringify(attachment) }
        : { status: 401, body: JSON.stringify({ status: 401, code: 'unauthenticated' }) }
    const a = await uploadAttachment(file(), 'application')
    expect(a.id).toBe(3)
    expect(sent.map((s) => s.headers.Authorization)).toEqual(['Bearer A', 'Bearer B'])
  })

  it('stops when aborted', async () => {
    auth.setSession(session('A'))
    reply = () => ({ status: 201, body: JSON.stringify(attachment) })
    const ctrl = new AbortController()
    ctrl.abort()
    await expect(uploadAttachment(file(), 'application', undefined, ctrl.signal)).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('request as blob or text', () => {
  it('reads notices as text and files as blobs whatever their type', async () => {
    auth.setSession(session('A'))
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) =>
        Promise.resolve(
          url.includes('/notices/')
            ? new Response('<!doctype html><h1>政府信息公开申请答复书</h1>', { status: 200, headers: { 'Content-Type': 'text/html' } })
            : new Response(new Uint8Array([37, 80, 68, 70]), { status: 200, headers: { 'Content-Type': 'application/json' } }),
        ),
      ),
    )
    expect(await http.get<string>('/notices/4', undefined, { as: 'text' })).toContain('答复书')
    const b = await http.get<Blob>('/attachments/3', undefined, { as: 'blob' })
    expect(b.size).toBe(4)
  })
})
