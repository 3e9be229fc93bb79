import { describe, expect, it } from 'vitest'
import { placeholdersIn, splitPlaceholders } from './placeholders'

describe('template placeholders', () => {
  it('cuts the text into plain runs and highlighted placeholders', () => {
    expect(splitPlaceholders('经查，“{{项目名称}}”的批准文件为{{批准机关}}《{{批复名称}}》。')).toEqual([
      { text: '经查，“', placeholder: false },
      { text: '{{项目名称}}', placeholder: true, name: '项目名称' },
      { text: '”的批准文件为', placeholder: false },
      { text: '{{批准机关}}', placeholder: true, name: '批准机关' },
      { text: '《', placeholder: false },
      { text: '{{批复名称}}', placeholder: true, name: '批复名称' },
      { text: '》。', placeholder: false },
    ])
  })

  it('keeps text without placeholders whole, and single braces plain', () => {
    expect(splitPlaceholders('现予以公开。')).toEqual([{ text: '现予以公开。', placeholder: false }])
    expect(splitPlaceholders('{项目} {{}}')).toEqual([{ text: '{项目} {{}}', placeholder: false }])
    expect(splitPlaceholders('')).toEqual([])
    expect(splitPlaceholders(undefined)).toEqual([])
  })

  it('names each placeholder once, trimmed, in order', () => {
    expect(placeholdersIn('{{ 文号 }}与{{项目名称}}，再见{{文号}}')).toEqual(['文号', '项目名称'])
    expect(placeholdersIn('已全部填写')).toEqual([])
  })
})
