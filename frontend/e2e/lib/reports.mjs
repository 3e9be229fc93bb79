// Data for the report specs, made through the API: answered (one of them
// marked typical later), refused, withdrawn by an applicant who filed
// online, closed, an organisation's application, a remedy, and an
// overdue case received long ago. Titles carry seq so specs can find them.
import { act, addDays, api, beijingToday, creditCode, days, registerCase, residentID, token, PASSWORD } from './staff.mjs'

const LAW = '《中华人民共和国政府信息公开条例》'

/** workdaysAgo is the date n working days before today (server calendar). */
export async function workdaysAgo(baseURL, n) {
  const today = beijingToday()
  const ds = await days(baseURL, addDays(today, -Math.ceil(n * 1.6) - 20), addDays(today, -1))
  return ds.filter((d) => d.workday).map((d) => d.date).reverse()[n - 1]
}

/** answer drafts an answer as the officer and has the supervisor approve it. */
export async function answer(baseURL, officer, supervisor, id, body) {
  await act(baseURL, officer, id, 'draft-answer', body)
  return act(baseURL, supervisor, id, 'decide-answer', { approve: true })
}

/** seedReportCases sets up cases of agency 1 in this year. */
export async function seedReportCases(baseURL, seq) {
  const today = beijingToday()
  const officer = await token(baseURL, 'demo-officer')
  const supervisor = await token(baseURL, 'demo-supervisor')

  // Answered in full: a land-acquisition request (the typical case).
  const land = await registerCase(baseURL, officer, {
    title: `龙潭村集体土地征收批准文件 ${seq}`,
    arrivedOn: today,
    description: '请公开龙潭村集体土地征收的批准文件、征地补偿安置方案及公告。',
  })
  await act(baseURL, officer, land.id, 'accept')
  await answer(baseURL, officer, supervisor, land.id, {
    outcome: 'disclosed',
    legalBasis: `${LAW}第三十六条第（二）项`,
    text: '经查，龙潭村集体土地征收的批准文件为省人民政府《关于莱芜区2026年度第3批次城镇建设用地的批复》，现将该批准文件提供给您（见附件）。',
  })

  // Refused (third party), for an organisation.
  const org = await registerCase(baseURL, officer, {
    title: `城区供热企业成本监审报告 ${seq}`,
    arrivedOn: today,
    applicant: { applicantType: 'organization', name: '莱芜区供热用户协会', orgCategory: 'public_welfare', creditCode: creditCode('51370100MJ0000001'), legalRepresentative: '高峰', contactPerson: '李红', phone: '13905310199' },
  })
  await act(baseURL, officer, org.id, 'accept')
  await answer(baseURL, officer, supervisor, org.id, {
    outcome: 'not_disclosed.third_party_rights',
    legalBasis: `${LAW}第十五条、第三十六条第（三）项`,
    text: '经征求第三方意见，第三方不同意公开其成本数据，公开后会损害其合法权益，现决定不予公开。',
    withheldReasons: '涉及供热企业的商业秘密，第三方不同意公开。',
  })
  // The association asks for 行政复议.
  await act(baseURL, officer, org.id, 'record-remedy', { kind: 'reconsideration', filedOn: today, result: 'pending' })

  // Closed by staff: the applicant no longer needs the information.
  const closed = await registerCase(baseURL, officer, { title: `城区公厕保洁服务合同 ${seq}`, arrivedOn: today })
  await act(baseURL, supervisor, closed.id, 'close', { outcome: 'other.other', reason: '申请人电话告知不再需要该信息' })

  // Withdrawn by an applicant who filed online.
  const username = `rep-${seq}`.toLowerCase()
  await api(baseURL, null, 'POST', '/auth/register', { username, password: PASSWORD, applicantType: 'natural', name: '赵磊', idType: 'resident_id', idNumber: residentID(Number.parseInt(seq, 36) % 100000), phone: '13905310177' })
  const applicant = await token(baseURL, username)
  const online = await api(baseURL, applicant, 'POST', '/applications', {
    agencyId: 1,
    title: `2026年度区级预算公开说明 ${seq}`,
    description: '请公开2026年度区级部门预算的编制说明和三公经费明细。',
    formats: ['electronic'],
    delivery: 'online',
  })
  await act(baseURL, applicant, online.id, 'withdraw', { reason: '已在政府网站查到所需信息。' })

  // Overdue: received 30 working days ago, accepted, never answered.
  const overdue = await registerCase(baseURL, officer, { title: `老旧小区改造资金拨付明细 ${seq}`, arrivedOn: await workdaysAgo(baseURL, 30) })
  await act(baseURL, officer, overdue.id, 'accept')

  return { officer, supervisor, land, org, closed, online, overdue }
}
