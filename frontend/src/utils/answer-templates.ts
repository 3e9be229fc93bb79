// The answer standards page lists templates by topic, then by stage (the
// order the server sorts them in: topic, stage, id).
import type { AnswerTemplate } from '@/api/templates'

export interface StageGroup {
  stage: string
  items: AnswerTemplate[]
}

export interface TopicGroup {
  topic: string
  count: number
  stages: StageGroup[]
}

/** groupTemplates groups templates by topic and stage, keeping the order
 * in which each topic and stage first appears. */
export function groupTemplates(list: AnswerTemplate[]): TopicGroup[] {
  const topics: TopicGroup[] = []
  for (const tpl of list) {
    let g = topics.find((x) => x.topic === tpl.topic)
    if (!g) topics.push((g = { topic: tpl.topic, count: 0, stages: [] }))
    let s = g.stages.find((x) => x.stage === (tpl.stage ?? ''))
    if (!s) g.stages.push((s = { stage: tpl.stage ?? '', items: [] }))
    s.items.push(tpl)
    g.count++
  }
  return topics
}

/** distinct lists the different non-empty values of a field, sorted. */
export function distinct(list: AnswerTemplate[], field: 'topic' | 'stage'): string[] {
  return [...new Set(list.map((x) => x[field]).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
}
