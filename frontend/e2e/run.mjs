// Browser tests without a test-runner download: start the real gongkai
// binary (UI embedded) on a throwaway SQLite database, drive the Debian
// Chromium with playwright-core, and run every e2e/specs/*.mjs in order.
//
//   cd frontend && node e2e/run.mjs            (expects ../bin/gongkai)
//   GONGKAI_BIN=/path/to/gongkai CHROMIUM_PATH=/usr/bin/chromium node e2e/run.mjs
//   node e2e/run.mjs register                  (only specs whose name contains "register")
//   node e2e/run.mjs queue,picker              (… contains any of them)
//
// Each spec exports `name` and `async run({ page, baseURL, shot, expect })`,
// and may export `allowConsoleErrors`, regular expressions of console
// errors it provokes on purpose (any other error in the console fails it).
// Screenshots land in test-results/screenshots/<spec>-<step>.png; the
// server log in test-results/server.log.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, createWriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '..')
const bin = resolve(process.env.GONGKAI_BIN || join(frontend, '..', 'bin', 'gongkai'))
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const resultsDir = join(frontend, 'test-results')
const shotsDir = join(resultsDir, 'screenshots')
const filter = process.argv[2] || ''
const inCI = process.env.CI === 'true'

function fail(msg) {
  console.error(`e2e: ${msg}`)
  process.exit(1)
}

if (!existsSync(chromiumPath)) {
  const msg = `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`
  if (inCI) fail(msg)
  console.log(`e2e: SKIPPED — ${msg}`)
  process.exit(0)
}
if (!existsSync(bin)) fail(`gongkai binary not found at ${bin}: build it with the UI embedded (npm run build, then go build -o bin/gongkai .)`)

let chromium
try {
  ;({ chromium } = await import('playwright-core'))
} catch {
  fail('playwright-core is not installed: run npm ci in frontend/')
}

// ---- helpers ----------------------------------------------------------

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => res(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitReady(url, ms, server) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`gongkai serve exited with ${server.exitCode} (see test-results/server.log)`)
    try {
      const r = await fetch(`${url}/readyz`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  throw new Error(`server not ready after ${ms} ms`)
}

class AssertionError extends Error {}

// expect: a few assertions that wait for the page where it makes sense.
const expect = {
  ok(value, message = 'expected a truthy value') {
    if (!value) throw new AssertionError(message)
  },
  equal(actual, expected, message = '') {
    if (actual !== expected) throw new AssertionError(`${message ? message + ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  },
  async visible(locator, message = '', timeout = 10_000) {
    try {
      await locator.first().waitFor({ state: 'visible', timeout })
    } catch {
      throw new AssertionError(`${message || 'element'} not visible within ${timeout} ms (${locator})`)
    }
  },
  async hidden(locator, message = '', timeout = 10_000) {
    try {
      await locator.first().waitFor({ state: 'hidden', timeout })
    } catch {
      throw new AssertionError(`${message || 'element'} still visible after ${timeout} ms (${locator})`)
    }
  },
  async text(locator, substring, timeout = 10_000) {
    const deadline = Date.now() + timeout
    let last = ''
    while (Date.now() < deadline) {
      try {
        last = await locator.first().innerText({ timeout: 1000 })
        if (last.includes(substring)) return
      } catch {
        // not there yet
      }
      await sleep(100)
    }
    throw new AssertionError(`expected ${locator} to contain ${JSON.stringify(substring)}, got ${JSON.stringify(last.slice(0, 300))}`)
  },
  async url(page, pattern, timeout = 10_000) {
    try {
      await page.waitForURL(pattern, { timeout })
    } catch {
      throw new AssertionError(`expected URL ${pattern}, got ${page.url()}`)
    }
  },
  async poll(fn, message, timeout = 10_000) {
    const deadline = Date.now() + timeout
    while (Date.now() < deadline) {
      if (await fn()) return
      await sleep(100)
    }
    throw new AssertionError(message)
  },
}

// ---- run --------------------------------------------------------------

mkdirSync(shotsDir, { recursive: true })
for (const f of readdirSync(shotsDir)) rmSync(join(shotsDir, f), { force: true })

const tmp = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'))
const port = await freePort()
const baseURL = `http://127.0.0.1:${port}`
const env = {
  ...process.env,
  GONGKAI_DATABASE_URL: `sqlite:${join(tmp, 'e2e.db')}`,
  GONGKAI_ADDR: `127.0.0.1:${port}`,
  GONGKAI_PUBLIC_URL: baseURL,
  // Every spec logs in and loads pages from one address: lift the
  // per-address limit so the suite tests the UI, not the limiter.
  GONGKAI_RATE_LIMIT_PER_MINUTE: '10000',
  GONGKAI_JOBS_ENABLED: 'false',
  // 04-wrong-password expects the lockout on the fifth failure.
  GONGKAI_LOCKOUT_ATTEMPTS: '5',
}

let server
let browser
let cleaned = false
async function cleanup() {
  if (cleaned) return
  cleaned = true
  if (browser) await browser.close().catch(() => {})
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    const exited = await Promise.race([new Promise((r) => server.once('exit', () => r(true))), sleep(5000).then(() => false)])
    if (!exited) server.kill('SIGKILL')
  }
  rmSync(tmp, { recursive: true, force: true })
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await cleanup()
    process.exit(130)
  })
}

const results = []
try {
  const seed = spawnSync(bin, ['seed', '--demo'], { cwd: tmp, env, encoding: 'utf8' })
  if (seed.status !== 0) throw new Error(`gongkai seed --demo failed (${seed.status}):\n${seed.stderr}${seed.stdout}`)

  const log = createWriteStream(join(resultsDir, 'server.log'))
  server = spawn(bin, ['serve'], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] })
  server.stdout.pipe(log)
  server.stderr.pipe(log)
  await waitReady(baseURL, 30_000, server)

  const index = await (await fetch(`${baseURL}/`)).text()
  if (!index.includes('id="app"')) throw new Error('the binary serves no built UI: run `npm run build` before `go build`')

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })

  const specDir = join(here, 'specs')
  const files = readdirSync(specDir)
    .filter((f) => f.endsWith('.mjs') && filter.split(',').some((part) => f.includes(part)))
    .sort()
  if (files.length === 0) throw new Error(`no specs in ${specDir}${filter ? ` matching "${filter}"` : ''}`)

  for (const file of files) {
    const spec = await import(pathToFileURL(join(specDir, file)).href)
    const id = basename(file, '.mjs')
    const name = spec.name || id
    const context = await browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    const pageErrors = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    // The UI runs under a strict Content-Security-Policy: any violation on
    // any page of any spec fails it, whether the page reports it as a
    // securitypolicyviolation event or the browser only logs it (frames
    // without script).
    const cspViolations = []
    await context.exposeBinding('__gkCSPViolation', (_src, v) => cspViolations.push(v))
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__gkCSPViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.documentURI} ${e.sourceFile || ''}:${e.lineNumber} ${e.sample || ''}`),
      )
    })
    // No page logs an error to the console. A request a spec provokes
    // on purpose (a wrong password, a 404, a refused upload) is logged by
    // the browser as a failed resource and does not count, except for the
    // session refresh, which the UI only tries when it holds a session.
    const consoleErrors = []
    const allowed = spec.allowConsoleErrors || []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) {
        cspViolations.push(m.text())
        return
      }
      if (m.type() !== 'error') return
      const where = m.location()?.url || ''
      if (/^Failed to load resource: the server responded with a status of \d+/.test(m.text()) && !where.includes('/api/v1/auth/refresh')) return
      if (allowed.some((re) => re.test(m.text()))) return
      consoleErrors.push(`${m.text()}${where ? ` (${where})` : ''}`)
    })
    const shot = (step) => page.screenshot({ path: join(shotsDir, `${id}-${step}.png`), fullPage: true })
    const started = Date.now()
    try {
      await spec.run({ page, baseURL, shot, expect })
      if (pageErrors.length) throw new AssertionError(`uncaught errors in the page:\n  ${pageErrors.join('\n  ')}`)
      if (cspViolations.length) throw new AssertionError(`Content-Security-Policy violations:\n  ${[...new Set(cspViolations)].join('\n  ')}`)
      if (consoleErrors.length) throw new AssertionError(`errors in the console:\n  ${[...new Set(consoleErrors)].join('\n  ')}`)
      results.push({ name, ok: true, ms: Date.now() - started })
      console.log(`ok   ${name} (${Date.now() - started} ms)`)
    } catch (e) {
      await shot('failure').catch(() => {})
      results.push({ name, ok: false, ms: Date.now() - started, error: e })
      console.log(`FAIL ${name} (${Date.now() - started} ms)\n     ${String(e?.stack || e).split('\n').slice(0, 6).join('\n     ')}`)
    } finally {
      await context.close().catch(() => {})
    }
  }
} catch (e) {
  console.error(`e2e: ${e?.message || e}`)
  results.push({ name: 'setup', ok: false, error: e })
} finally {
  await cleanup()
}

const passed = results.filter((r) => r.ok).length
const failed = results.length - passed
console.log(`\nscreenshots: ${shotsDir}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
