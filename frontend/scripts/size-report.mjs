// size-report prints the gzipped size of the JavaScript a browser loads
// first: the entry script in dist/index.html and every chunk it imports
// statically, then the same plus each public page's own chunks (pages are
// loaded on demand by the router). With --budget=KB it fails when a
// public page's initial JavaScript exceeds the budget.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const budgetArg = process.argv.find((a) => a.startsWith('--budget='))
const budgetKB = budgetArg ? Number(budgetArg.slice('--budget='.length)) : 0

// Keep .gitkeep whatever happened before (postbuild also runs this).
if (!existsSync(join(dist, '.gitkeep'))) writeFileSync(join(dist, '.gitkeep'), '')

const indexPath = join(dist, 'index.html')
if (!existsSync(indexPath)) {
  console.error('size-report: dist/index.html not found; run `npm run build` first')
  process.exit(1)
}
const html = readFileSync(indexPath, 'utf8')
const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1])
if (entry.length === 0) {
  console.error('size-report: no module script in dist/index.html')
  process.exit(1)
}

const cache = new Map()
function read(url) {
  if (!cache.has(url)) {
    const file = join(dist, url.replace(/^\//, ''))
    const code = readFileSync(file)
    cache.set(url, { raw: code.length, gz: gzipSync(code, { level: 9 }).length, text: code.toString('utf8') })
  }
  return cache.get(url)
}

// Static imports in minified ESM: import"./a.js", import{x}from"./a.js",
// import x from"./a.js", export{x}from"./a.js" (any quote, backticks
// too). Dynamic import("…") is
// deliberately not matched.
const STATIC = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]([^"'`]+\.js)["'`]/g
const DYNAMIC = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g

function resolveURL(from, spec) {
  if (spec.startsWith('/')) return spec
  return posix.normalize(posix.join(posix.dirname(from), spec))
}

function closure(urls) {
  const seen = new Set()
  const stack = [...urls]
  while (stack.length) {
    const u = stack.pop()
    if (seen.has(u)) continue
    seen.add(u)
    for (const m of read(u).text.matchAll(STATIC)) stack.push(resolveURL(u, m[1]))
  }
  return seen
}

function sum(set) {
  let raw = 0
  let gz = 0
  for (const u of set) {
    raw += read(u).raw
    gz += read(u).gz
  }
  return { raw, gz }
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB'
const initial = closure(entry)
const base = sum(initial)

console.log('\nInitial JavaScript (index.html entry + static imports), gzip -9:')
for (const u of [...initial].sort()) console.log(`  ${u.padEnd(48)} ${kb(read(u).raw)} raw ${kb(read(u).gz)} gz`)
console.log(`  ${'total'.padEnd(48)} ${kb(base.raw)} raw ${kb(base.gz)} gz`)

// Page chunks: chunk files are named after their view (vite.config.ts),
// e.g. assets/view-public-home-<hash>.js.
const dynamic = new Set()
for (const u of initial) for (const m of read(u).text.matchAll(DYNAMIC)) dynamic.add(resolveURL(u, m[1]))
const PUBLIC_PAGES = ['public-home', 'public-track', 'auth-login', 'auth-register']
let over = false
console.log('\nInitial JavaScript per public page (entry + page chunks), gzip -9:')
for (const page of PUBLIC_PAGES) {
  const chunks = [...dynamic].filter((u) => posix.basename(u).startsWith(`view-${page}-`))
  const layouts = [...dynamic].filter((u) => posix.basename(u).startsWith('layout-public-'))
  if (chunks.length === 0) {
    console.log(`  ${page.padEnd(48)} (chunk not found)`)
    continue
  }
  const all = closure([...entry, ...layouts, ...chunks])
  const s = sum(all)
  const flag = budgetKB && s.gz / 1024 > budgetKB ? '  OVER BUDGET' : ''
  if (flag) over = true
  console.log(`  ${page.padEnd(48)} ${kb(s.raw)} raw ${kb(s.gz)} gz${flag}`)
}
if (budgetKB) console.log(`\nBudget: ${budgetKB} KB gzipped per public page: ${over ? 'EXCEEDED' : 'ok'}`)
console.log('')
process.exit(over ? 1 : 0)
