import { describe, expect, it } from 'vitest'
import type { AnswerTemplate } from '@/api/templates'
import { distinct, groupTemplates } from './answer-templates'

const tpl = (id: number, topic: string, stage: string): AnswerTemplate => ({ id, topic, stage, outcome: 'disclosed', outcomeLabel: '予以公开', title: `模板${id}`, legalBasis: '依据', body: '正文', active: true, version: 1, updatedAt: '' })

describe('answer templates by topic and stage', () => {
  const list = [tpl(1, '土地征收', '征地批准文件'), tpl(2, '土地征收', '征地批准文件'), tpl(3, '土地征收', '补偿安置方案'), tpl(4, '城市建设', ''), tpl(5, '土地征收', '征地批准文件')]

  it('groups in the order topics and stages first appear', () => {
    const g = groupTemplates(list)
    expect(g.map((x) => [x.topic, x.count])).toEqual([
      ['土地征收', 4],
      ['城市建设', 1],
    ])
    expect(g[0].stages.map((s) => [s.stage, s.items.map((i) => i.id)])).toEqual([
      ['征地批准文件', [1, 2, 5]],
      ['补偿安置方案', [3]],
    ])
    expect(g[1].stages).toEqual([{ stage: '', items: [list[3]] }])
    expect(groupTemplates([])).toEqual([])
  })

  it('lists the topics and stages once each', () => {
    expect(distinct(list, 'topic')).toEqual(['城市建设', '土地征收'])
    expect(distinct(list, 'stage')).toHaveLength(2)
  })
})
