// No page shows an untranslated message key, in either language: every
// route is visited as the role that may see it, in Chinese and in
// English, and fails on a key the message table lacks (the UI records
// them: window.__gkMissingMessages) or on text that looks like a key or
// a server code (jobs.triggers.startup, candidates_new).
import { api, act, beijingToday, logIn, registerCase, settle, token } from '../lib/staff.mjs'

export const name = 'every route, as the role that may see it, in Chinese and English: no raw message key or server code on the page'

// A key or a code: dotted or snake_case lower-case words.
const RAW = /(?<![\w@./:-])[a-z][a-zA-Z0-9]*(?:[._][a-z][a-zA-Z0-9]*)+(?![\w@/-])/g
// What legitimately looks like one: domains, e-mail and file names.
const LEGIT = /(?:^|\.)(?:cn|com|org|net|gov|example|pdf|png|jpe?g|xlsx?|csv|zip|ofd|docx?|html?|txt|ya?ml|json|md)$|^(?:e\.g|i\.e)$/

/** PAGES: each role's routes ({id} and {mine} filled in at run time). */
const PAGES = {
  anonymous: ['/', '/track', '/login', '/register', '/no-such-page'],
  applicant: ['/apply', '/my/applications', '/my/applications/{mine}', '/my/applications/{mine}/receipt', '/profile', '/403'],
  'demo-officer': [
    '/staff',
    '/staff/cases',
    '/staff/cases?state=concluded',
    '/staff/cases/new',
    '/staff/cases/{id}',
    '/staff/assistance',
    '/staff/inbox',
    '/staff/reports/deadlines',
    '/staff/reports/annual',
    '/staff/reports/typical-cases',
    '/staff/reports/templates',
    '/staff/profile',
  ],
  'demo-supervisor': ['/staff', '/staff/approvals', '/staff/conversion', '/staff/reports/register-import', '/staff/cases/{id}'],
  'demo-admin': ['/staff', '/staff/admin/users', '/staff/admin/agencies', '/staff/admin/calendar', '/staff/admin/jobs', '/staff/admin/audit', '/staff/admin/settings', '/staff/inbox'],
}

// The audit log's entries still name actions by code; reading them in
// words is its own piece of work (issue 17, the administrator).
const SKIP_TEXT = { '/staff/admin/audit': '.el-table' }

async function settleIn(page) {
  await page.waitForLoadState('networkidle')
  await page.locator('h1').first().waitFor({ state: 'visible' })
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null, { timeout: 10_000 }).catch(() => {})
}

async function check(page, path, lang, problems) {
  await page.evaluate(() => (window.__gkMissingMessages = []))
  await page.goto(path)
  await settleIn(page)
  const skip = SKIP_TEXT[path.split('?')[0]] || ''
  const found = await page.evaluate(
    ({ raw, legit, skip }) => {
      const missing = [...new Set(window.__gkMissingMessages || [])]
      // The text a person sees, node by node (so that table cells do not run together).
      const texts = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement
        if (!el || el.closest('script, style, code, .gk-mono' + (skip ? `, ${skip}` : ''))) continue
        if (typeof el.checkVisibility === 'function' && !el.checkVisibility()) continue
        texts.push(n.textContent)
      }
      for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
        if (skip && el.closest(skip)) continue
        texts.push(el.getAttribute('placeholder') || '', el.getAttribute('aria-label') || '', el.getAttribute('title') || '')
      }
      texts.push(document.title)
      const codes = new Set()
      for (const t of texts) for (const m of t.matchAll(new RegExp(raw, 'g'))) if (!new RegExp(legit).test(m[0])) codes.add(m[0])
      return { missing, codes: [...codes] }
    },
    { raw: RAW.source, legit: LEGIT.source, skip },
  )
  for (const k of found.missing) problems.push(`${lang} ${path}: missing message ${k.replace(/^\S+ /, '')} (${k.split(' ')[0]})`)
  for (const c of found.codes) problems.push(`${lang} ${path}: raw text ${c}`)
}

async function setLanguage(page, lang) {
  await page.evaluate((l) => localStorage.setItem('gongkai.locale', l), lang)
}

export async function run({ page, baseURL, shot, expect }) {
  // Something on every page: a case of the officer's agency, an
  // application of the applicant's own, a run of each job.
  const officer = await token(baseURL, 'demo-officer')
  const c = await registerCase(baseURL, officer, { title: `文案检查${Date.now().toString(36)} 区级政府投资项目年度计划`, arrivedOn: beijingToday() })
  await act(baseURL, officer, c.id, 'accept')
  const applicant = await token(baseURL, 'demo-applicant')
  const mine = await api(baseURL, applicant, 'POST', '/applications', {
    agencyId: 1,
    title: '区级政府投资项目年度计划执行情况',
    description: '请公开本区2025年度政府投资项目年度计划及其执行情况，包括项目名称和投资额。',
    formats: ['electronic'],
    delivery: 'online',
  })
  const admin = await token(baseURL, 'demo-admin')
  for (const j of (await api(baseURL, admin, 'GET', '/admin/jobs')).items) await api(baseURL, admin, 'POST', `/admin/jobs/${j.name}/run`)

  const fill = (p) => p.replace('{id}', String(c.id)).replace('{mine}', String(mine.id))
  const problems = []
  for (const lang of ['zh-CN', 'en']) {
    for (const [who, paths] of Object.entries(PAGES)) {
      // Log in in Chinese (the helper reads the Chinese labels), then switch.
      await page.goto('/')
      await setLanguage(page, 'zh-CN')
      if (who !== 'anonymous') await logIn(page, expect, who === 'applicant' ? 'demo-applicant' : who)
      await setLanguage(page, lang)
      for (const p of paths) {
        await check(page, fill(p), lang, problems)
        if (p === '/staff/admin/jobs') {
          await settle(page)
          await shot(`jobs-${lang}`)
        }
      }
      if (who !== 'anonymous') {
        await page.goto(who === 'applicant' ? '/' : '/staff')
        await settleIn(page)
        await page.getByTestId('logout').click()
        await expect.visible(page.getByTestId('header-login'), 'logged out')
      }
    }
  }
  await setLanguage(page, 'zh-CN')
  expect.equal(problems.join('\n'), '', 'untranslated text')
}
