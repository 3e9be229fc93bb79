// The applicant columns of table 三 exactly as GET /reports/annual returns
// them (app/annual.go), for tests.
import type { ReportColumn } from '@/api/reports'

export const ANNUAL_COLUMNS: ReportColumn[] = [
  { key: 'natural', label: '自然人' },
  { key: 'commercial', label: '商业企业', group: '法人或其他组织' },
  { key: 'research', label: '科研机构', group: '法人或其他组织' },
  { key: 'public_welfare', label: '社会公益组织', group: '法人或其他组织' },
  { key: 'legal_service', label: '法律服务机构', group: '法人或其他组织' },
  { key: 'other_org', label: '其他', group: '法人或其他组织' },
  { key: 'total', label: '总计' },
]
