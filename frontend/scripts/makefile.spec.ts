// @vitest-environment node
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// `make run` (and `make build`, which it runs) reinstalls and rebuilds the
// UI only when something the UI is made from changed. The repository's
// Makefile runs here in a scratch tree with a fake npm that logs what it
// is asked to do and leaves what the real one would.
const root = resolve(__dirname, '..', '..')
let dir = ''

function write(path: string, text = ''): void {
  mkdirSync(join(dir, path, '..'), { recursive: true })
  writeFileSync(join(dir, path), text)
}

/** touch gives a file a modification time later than any before it (make
 * compares them to the nanosecond; a few milliseconds part them here). */
function touch(path: string): void {
  const until = Date.now() + 20
  while (Date.now() < until) {
    // wait
  }
  const now = Date.now() / 1000
  utimesSync(join(dir, path), now, now)
}

/** make runs a target and returns what npm was asked to do. */
function make(...args: string[]): string[] {
  writeFileSync(join(dir, 'npm.log'), '')
  execFileSync('make', ['-s', ...args], { cwd: dir, env: { ...process.env, PATH: `${join(dir, 'fakebin')}:${process.env.PATH}`, MAKEFLAGS: '' }, stdio: 'pipe' })
  return readFileSync(join(dir, 'npm.log'), 'utf8').split('\n').filter(Boolean)
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-make-'))
  copyFileSync(join(root, 'Makefile'), join(dir, 'Makefile'))
  write('frontend/package.json', '{}')
  write('frontend/package-lock.json', '{}')
  write('frontend/index.html', '<div id="app"></div>')
  write('frontend/vite.config.ts')
  write('frontend/src/main.ts')
  write('frontend/src/views/home/index.vue')
  write('frontend/public/favicon.svg')
  write('frontend/scripts/size-report.mjs')
  // npm ci installs (writing node_modules/.package-lock.json, as npm does);
  // npm run build writes dist/index.html.
  write(
    'fakebin/npm',
    `#!/bin/sh
echo "$*" >> ../npm.log
case "$1" in
  ci) mkdir -p node_modules && echo '{}' > node_modules/.package-lock.json ;;
  run) mkdir -p dist && echo built > dist/index.html ;;
esac
`,
  )
  chmodSync(join(dir, 'fakebin/npm'), 0o755)
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('make ui', () => {
  it('installs and builds the first time', () => {
    expect(make('ui')).toEqual(['ci --no-audit --no-fund', 'run build'])
  })

  it('does nothing when nothing changed', () => {
    expect(make('ui')).toEqual([])
    expect(make('ui')).toEqual([])
  })

  it('rebuilds without reinstalling when a source, an asset or a config file changed', () => {
    for (const f of ['frontend/src/views/home/index.vue', 'frontend/public/favicon.svg', 'frontend/vite.config.ts', 'frontend/index.html']) {
      touch(f)
      expect(make('ui'), f).toEqual(['run build'])
      expect(make('ui'), f).toEqual([])
    }
  })

  it('reinstalls and rebuilds when package-lock.json changed', () => {
    touch('frontend/package-lock.json')
    expect(make('ui')).toEqual(['ci --no-audit --no-fund', 'run build'])
  })

  it('builds again after a build that failed (dist/index.html missing)', () => {
    rmSync(join(dir, 'frontend/dist/index.html'))
    expect(make('ui')).toEqual(['run build'])
  })

  it('leaves the UI alone in make run when nothing changed', () => {
    const plan = execFileSync('make', ['-n', 'run'], { cwd: dir, env: { ...process.env, MAKEFLAGS: '' }, encoding: 'utf8' })
    expect(plan).not.toMatch(/npm/)
    expect(plan).toMatch(/build -ldflags/)
  })
})
