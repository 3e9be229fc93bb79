import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import '@/locales/staff'

// The job runs page names in words what the server records in codes: why
// a run started (its trigger) and what it counted. The API document gives
// neither as an enum, so the Go sources are read for them: every trigger
// passed to JobService.Run and every counter a job increments has its
// message in both languages.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../..')

function goSources(...dirs: string[]): string {
  return dirs
    .flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
        .map((f) => readFileSync(join(root, d, f), 'utf8')),
    )
    .join('\n')
}

const src = goSources('.', 'app', 'jobs', 'api')

function matches(re: RegExp): string[] {
  return [...new Set([...src.matchAll(re)].map((m) => m[1]))].sort()
}

const missing = (prefix: string, names: string[]) => names.flatMap((n) => (['zh-CN', 'en'] as const).filter((l) => !i18n.global.te(`${prefix}.${n}`, l)).map((l) => `${l} ${prefix}.${n}`))

describe('job runs in words', () => {
  it('names every trigger', () => {
    const triggers = matches(/Jobs\.Run\([^,]+,\s*[^,]+,\s*"([a-z]+)"/g)
    expect(triggers).toEqual(expect.arrayContaining(['cli', 'manual', 'schedule', 'startup']))
    expect(missing('jobs.triggers', triggers)).toEqual([])
  })

  it('names every counter', () => {
    // res["sent"]++ and sw.res["cache_updates"] += …; the period-expiry job
    // passes its counters by name: act(…, "closed_fee_unpaid") and
    // reply, counter := …, "third_party_lapsed".
    const direct = matches(/res\["([a-z_]+)"\]/g)
    const named = [...matches(/^\s*act\([^\n]*, "([a-z]+(?:_[a-z]+)+)"\)$/gm), ...matches(/counter :?= [^\n]*"([a-z]+(?:_[a-z]+)+)"$/gm)]
    const counters = [...new Set([...direct, ...named])]
    expect(counters).toEqual(expect.arrayContaining(['cache_updates', 'candidates_new', 'closed_correction_lapsed', 'agency_consent_by_silence']))
    expect(missing('jobs.countNames', counters)).toEqual([])
  })
})
