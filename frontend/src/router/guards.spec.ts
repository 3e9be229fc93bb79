import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Role } from '@/api/auth'
import { routes } from './routes'
import { decide, safeRedirect, type AuthView } from './guards'

const router = createRouter({ history: createMemoryHistory(), routes })
const to = (path: string) => router.resolve(path)

const anon: AuthView = { isLoggedIn: false, role: null, homePath: '/' }
const as = (role: Role): AuthView => ({ isLoggedIn: true, role, homePath: role === 'applicant' ? '/' : '/staff' })

describe('route guard', () => {
  it('lets anyone see public pages', () => {
    for (const p of ['/', '/track', '/login', '/register', '/no-such-page']) expect(decide(to(p), anon)).toBe(true)
  })

  it('sends anonymous visitors to the login page with a way back', () => {
    expect(decide(to('/apply'), anon)).toEqual({ name: 'login', query: { redirect: '/apply' } })
    expect(decide(to('/profile'), anon)).toEqual({ name: 'login', query: { redirect: '/profile' } })
    expect(decide(to('/staff'), anon)).toEqual({ name: 'login', query: { redirect: '/staff' } })
  })

  it('keeps applicant pages for applicants', () => {
    expect(decide(to('/apply'), as('applicant'))).toBe(true)
    expect(decide(to('/my/applications'), as('applicant'))).toBe(true)
    expect(decide(to('/apply'), as('officer'))).toEqual({ name: 'forbidden', query: { from: '/apply' } })
  })

  it('keeps the staff console for staff', () => {
    for (const r of ['officer', 'supervisor', 'admin'] as Role[]) expect(decide(to('/staff'), as(r))).toBe(true)
    expect(decide(to('/staff'), as('applicant'))).toEqual({ name: 'forbidden', query: { from: '/staff' } })
  })

  it('lets every logged-in role see its profile', () => {
    for (const r of ['applicant', 'officer', 'supervisor', 'admin'] as Role[]) expect(decide(to('/profile'), as(r))).toBe(true)
  })

  it('sends logged-in users away from login and register', () => {
    expect(decide(to('/login'), as('applicant'))).toBe('/')
    expect(decide(to('/register'), as('officer'))).toBe('/staff')
    expect(decide(to('/login?redirect=/apply'), as('applicant'))).toBe('/apply')
    expect(decide(to('/login?redirect=//evil.example'), as('applicant'))).toBe('/')
  })

  it('only accepts same-site redirects', () => {
    expect(safeRedirect('/profile')).toBe('/profile')
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect('/\\evil.example')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect(['/a'])).toBeNull()
  })

  it('renders staff pages in the staff layout and public pages in the site layout', () => {
    expect(to('/staff').matched).toHaveLength(2)
    expect(to('/staff').name).toBe('staff-dashboard')
    expect(to('/').name).toBe('home')
    expect(to('/elsewhere').name).toBe('not-found')
  })
})
