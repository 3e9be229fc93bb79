import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '@/locales'
import '@/locales/staff'
import type { Case } from '@/api/cases'
import { OUTCOME_RESPONSE, OUTCOME_TABLE } from '@/utils/testdata/outcomes'
import AnswerForm from './AnswerForm.vue'
import OutcomePicker from './OutcomePicker.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('OutcomePicker', () => {
  it('shows the groups of the table as fieldsets with their rows, answers only', () => {
    const w = mount(OutcomePicker, { props: { table: OUTCOME_TABLE, corrected: false, modelValue: '' }, global: { plugins: [i18n] } })
    const legends = w.findAll('legend').map((l) => l.text())
    expect(legends).toEqual(['（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（三）不予公开', '（四）无法提供', '（五）不予处理'])
    expect(w.findAll('input[type=radio]')).toHaveLength(18)
    expect(w.find('[data-testid="outcome-other.withdrawn"]').exists()).toBe(false)
    expect(w.get('[data-group="not_disclosed"]').text()).toContain('4.保护第三方合法权益')
    expect(w.get('[data-group="not_disclosed"]').text()).toContain('《条例》第十五条、第三十二条、第三十六条第（三）项')
  })

  it('words every option as a statement with its article, the groups that are their own row too', () => {
    const w = mount(OutcomePicker, { props: { table: OUTCOME_TABLE, corrected: false, modelValue: '' }, global: { plugins: [i18n] } })
    const options = w.findAll('label.el-radio').map((l) => l.text())
    expect(options).toHaveLength(18)
    for (const o of options) {
      expect(o).not.toMatch(/^本项/)
      expect(o).toMatch(/《[^》]+》第/)
    }
    expect(w.get('[data-testid="outcome-disclosed"]').text()).toContain('予以公开：申请公开的政府信息全部予以公开')
    expect(w.get('[data-testid="outcome-partially_disclosed"]').text()).toContain('部分公开：可以公开的部分予以公开')
  })

  it('picks a row and keeps "补正后仍不明确" closed to uncorrected applications', async () => {
    const w = mount(OutcomePicker, { props: { table: OUTCOME_TABLE, corrected: false, modelValue: '', 'onUpdate:modelValue': (v: string) => w.setProps({ modelValue: v }) }, global: { plugins: [i18n] } })
    await w.get('[data-testid="outcome-not_disclosed.third_party_rights"] input').setValue(true)
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual(['not_disclosed.third_party_rights'])
    const unclear = w.get('[data-testid="outcome-unable.unclear_after_correction"] input')
    expect((unclear.element as HTMLInputElement).disabled).toBe(true)
    expect(w.text()).toContain('仅适用于补正后仍不明确的申请')
    await w.setProps({ corrected: true })
    expect((w.get('[data-testid="outcome-unable.unclear_after_correction"] input').element as HTMLInputElement).disabled).toBe(false)
  })
})

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } })
}

const cs = { id: 7, agency: { id: 1, name: '区政府办公室', shortName: '区政府办' }, attachments: [], state: {}, allowedActions: ['draft-answer'] } as unknown as Case

describe('AnswerForm', () => {
  it('requires the withheld reasons for a refusal, fills in the legal basis and sends the draft', async () => {
    const fetchMock = vi.fn((input: RequestInfo | URL) => {
      if (String(input).includes('/answer-templates')) return Promise.resolve(json(404, { status: 404, code: 'not_found', detail: '接口不存在' }))
      return Promise.resolve(json(200, OUTCOME_RESPONSE))
    })
    vi.stubGlobal('fetch', fetchMock)
    const perform = vi.fn(async () => true)
    const w = mount(AnswerForm, { props: { cs, table: OUTCOME_TABLE, agencies: [], perform }, global: { plugins: [i18n] }, attachTo: document.body })

    expect(w.find('[data-testid="draft-withheld"]').exists()).toBe(false)
    await w.get('[data-testid="outcome-not_disclosed.third_party_rights"] input').setValue(true)
    await flushPromises()
    expect(w.find('[data-testid="draft-withheld"]').exists()).toBe(true)
    expect((w.get('[data-testid="draft-legal-basis"]').element as HTMLInputElement).value).toBe('《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项')
    // The templates endpoint answered 404: no template slot.
    expect(w.find('[data-testid="template-slot"]').exists()).toBe(false)

    await w.get('[data-testid="draft-text-input"]').setValue('经征求第三方意见，第三方不同意公开，现决定不予公开。')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(perform).not.toHaveBeenCalled()
    // Only the withheld reasons are missing.
    expect(w.findAll('.el-form-item.is-error').map((e) => e.get('label').text())).toEqual(['不予公开的理由'])

    await w.get('[data-testid="draft-withheld"]').setValue('涉及第三方商业秘密，第三方不同意公开。')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(perform).toHaveBeenCalledTimes(1)
    expect(perform.mock.calls[0]).toEqual([
      expect.objectContaining({
        outcome: 'not_disclosed.third_party_rights',
        legalBasis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项',
        withheldReasons: '涉及第三方商业秘密，第三方不同意公开。',
      }),
    ])
    w.unmount()
  })

  it('does not ask for withheld reasons when everything is disclosed, and offers templates when there are some', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json(200, { items: [{ id: 3, topic: '征地', stage: 'answer', outcome: 'disclosed', title: '予以公开（征地）', legalBasis: '依据', body: '经审查，现予以公开。', active: true, version: 1, updatedAt: '' }], total: 1 }))),
    )
    const perform = vi.fn(async () => true)
    const w = mount(AnswerForm, { props: { cs, table: OUTCOME_TABLE, agencies: [], perform }, global: { plugins: [i18n] }, attachTo: document.body })
    await w.get('[data-testid="outcome-disclosed"] input').setValue(true)
    await flushPromises()
    expect(w.find('[data-testid="draft-withheld"]').exists()).toBe(false)
    expect(w.find('[data-testid="template-slot"]').exists()).toBe(true)
    w.unmount()
  })

  it('puts the chosen template’s legal basis and body in the draft and asks for its placeholders to be filled in', async () => {
    const tpl = { id: 6, topic: '土地征收', stage: '征地批准文件', outcome: 'disclosed', title: '征地批准文件——予以公开', legalBasis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项', body: '经查，“{{项目名称}}”征收土地的批准文件为{{批准机关}}的批复，现提供给您。', active: true, version: 1, updatedAt: '' }
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(json(200, { items: [tpl], total: 1 }))))
    const perform = vi.fn(async () => true)
    const w = mount(AnswerForm, { props: { cs, table: OUTCOME_TABLE, agencies: [], perform }, global: { plugins: [i18n] }, attachTo: document.body })
    await w.get('[data-testid="outcome-disclosed"] input').setValue(true)
    await flushPromises()
    const select = w.findAllComponents({ name: 'ElSelect' }).find((c) => c.attributes('data-testid') === 'draft-template')!
    select.vm.$emit('update:modelValue', 6)
    select.vm.$emit('change', 6)
    await flushPromises()
    expect((w.get('[data-testid="draft-legal-basis"]').element as HTMLInputElement).value).toBe(tpl.legalBasis)
    expect((w.get('[data-testid="draft-text-input"]').element as HTMLTextAreaElement).value).toBe(tpl.body)
    expect(w.get('[data-testid="draft-placeholders"]').text()).toContain('项目名称、批准机关')

    // Not sent while placeholders are left.
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(perform).not.toHaveBeenCalled()
    expect(w.findAll('.el-form-item.is-error').map((e) => e.get('label').text())).toEqual(['答复内容'])
    await w.get('[data-testid="draft-text-input"]').setValue('经查，“龙潭片区”征收土地的批准文件为省人民政府的批复，现提供给您。')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(perform).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'disclosed', legalBasis: tpl.legalBasis, templateId: 6 }))
    w.unmount()
  })
})
