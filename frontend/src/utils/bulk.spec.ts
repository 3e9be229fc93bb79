import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/request'
import { runSequential, summarize } from './bulk'

describe('runSequential', () => {
  it('runs one item after another, never stops early, and reports progress', async () => {
    const order: number[] = []
    const progress: string[] = []
    let active = 0
    const results = await runSequential(
      [1, 2, 3, 4],
      (n) => ({ key: n, label: `ZFB-${n}` }),
      async (n) => {
        active++
        expect(active).toBe(1)
        await new Promise((r) => setTimeout(r, 1))
        order.push(n)
        active--
        if (n % 2 === 0) throw new ApiError({ status: 409, code: 'invalid_transition', detail: '申请当前为“已答复”状态，不能执行该操作' })
      },
      (done, total) => progress.push(`${done}/${total}`),
    )
    expect(order).toEqual([1, 2, 3, 4])
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4'])
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false])
    expect(results[1]).toMatchObject({ key: 2, label: 'ZFB-2', code: 'invalid_transition' })
  })
})

describe('summarize', () => {
  it('counts successes and failures and groups failures by reason, most frequent first', () => {
    const s = summarize([
      { key: 1, label: 'A', ok: true },
      { key: 2, label: 'B', ok: false, message: '承办人须为本机关在职的工作人员' },
      { key: 3, label: 'C', ok: false, message: '申请刚刚有了变化' },
      { key: 4, label: 'D', ok: false, message: '承办人须为本机关在职的工作人员' },
      { key: 5, label: 'E', ok: true },
    ])
    expect(s).toMatchObject({ total: 5, succeeded: 2, failed: 3 })
    expect(s.failures.map((f) => f.key)).toEqual([2, 3, 4])
    expect(s.reasons).toEqual([
      { message: '承办人须为本机关在职的工作人员', count: 2, labels: ['B', 'D'] },
      { message: '申请刚刚有了变化', count: 1, labels: ['C'] },
    ])
  })

  it('is all success for an empty or clean run', () => {
    expect(summarize([])).toEqual({ total: 0, succeeded: 0, failed: 0, failures: [], reasons: [] })
    expect(summarize([{ key: 1, label: 'A', ok: true }]).failed).toBe(0)
  })
})
