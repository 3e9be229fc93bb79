// The outcome table as /api/v1/outcomes returns it (models/outcome.go),
// for tests.
import type { OutcomeTable } from '@/api/outcomes'

export const OUTCOME_RESPONSE = {
  "groups": [
    {
      "key": "disclosed",
      "label": "（一）予以公开"
    },
    {
      "key": "partially_disclosed",
      "label": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    },
    {
      "key": "not_disclosed",
      "label": "（三）不予公开"
    },
    {
      "key": "unable",
      "label": "（四）无法提供"
    },
    {
      "key": "not_processed",
      "label": "（五）不予处理"
    },
    {
      "key": "other",
      "label": "（六）其他处理"
    }
  ],
  "items": [
    {
      "key": "disclosed",
      "row": "disclosed",
      "group": "disclosed",
      "label": "（一）予以公开",
      "article": "《条例》第三十六条第（一）（二）项",
      "answer": true
    },
    {
      "key": "partially_disclosed",
      "row": "partially_disclosed",
      "group": "partially_disclosed",
      "label": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "article": "《条例》第三十七条",
      "answer": true
    },
    {
      "key": "not_disclosed.state_secret",
      "row": "not_disclosed.state_secret",
      "group": "not_disclosed",
      "label": "1.属于国家秘密",
      "article": "《条例》第十四条、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.prohibited_by_law",
      "row": "not_disclosed.prohibited_by_law",
      "group": "not_disclosed",
      "label": "2.其他法律行政法规禁止公开",
      "article": "《条例》第十四条、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.three_safeties",
      "row": "not_disclosed.three_safeties",
      "group": "not_disclosed",
      "label": "3.危及“三安全一稳定”",
      "article": "《条例》第十四条、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.third_party_rights",
      "row": "not_disclosed.third_party_rights",
      "group": "not_disclosed",
      "label": "4.保护第三方合法权益",
      "article": "《条例》第十五条、第三十二条、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.internal_affairs",
      "row": "not_disclosed.internal_affairs",
      "group": "not_disclosed",
      "label": "5.属于三类内部事务信息",
      "article": "《条例》第十六条第一款、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.process_info",
      "row": "not_disclosed.process_info",
      "group": "not_disclosed",
      "label": "6.属于四类过程性信息",
      "article": "《条例》第十六条第二款、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.enforcement_file",
      "row": "not_disclosed.enforcement_file",
      "group": "not_disclosed",
      "label": "7.属于行政执法案卷",
      "article": "《条例》第十六条第二款、第三十六条第（三）项",
      "answer": true
    },
    {
      "key": "not_disclosed.administrative_query",
      "row": "not_disclosed.administrative_query",
      "group": "not_disclosed",
      "label": "8.属于行政查询事项",
      "article": "《条例》第三十六条第（七）项",
      "answer": true
    },
    {
      "key": "unable.not_held",
      "row": "unable.not_held",
      "group": "unable",
      "label": "1.本机关不掌握相关政府信息",
      "article": "《条例》第三十六条第（四）（五）项",
      "answer": true
    },
    {
      "key": "unable.needs_creation",
      "row": "unable.needs_creation",
      "group": "unable",
      "label": "2.没有现成信息需要另行制作",
      "article": "《条例》第三十八条",
      "answer": true
    },
    {
      "key": "unable.unclear_after_correction",
      "row": "unable.unclear_after_correction",
      "group": "unable",
      "label": "3.补正后申请内容仍不明确",
      "article": "《条例》第三十条",
      "answer": true
    },
    {
      "key": "not_processed.petition",
      "row": "not_processed.petition",
      "group": "not_processed",
      "label": "1.信访举报投诉类申请",
      "article": "《条例》第三十九条第一款",
      "answer": true
    },
    {
      "key": "not_processed.repeat",
      "row": "not_processed.repeat",
      "group": "not_processed",
      "label": "2.重复申请",
      "article": "《条例》第三十六条第（六）项",
      "answer": true
    },
    {
      "key": "not_processed.publication",
      "row": "not_processed.publication",
      "group": "not_processed",
      "label": "3.要求提供公开出版物",
      "article": "《条例》第三十九条第二款",
      "answer": true
    },
    {
      "key": "not_processed.excessive",
      "row": "not_processed.excessive",
      "group": "not_processed",
      "label": "4.无正当理由大量反复申请",
      "article": "《条例》第三十五条",
      "answer": true
    },
    {
      "key": "not_processed.confirmation",
      "row": "not_processed.confirmation",
      "group": "not_processed",
      "label": "5.要求行政机关确认或重新出具已获取信息",
      "article": "《条例》第三十九条",
      "answer": true
    },
    {
      "key": "other.correction_lapsed",
      "row": "other.correction_lapsed",
      "group": "other",
      "label": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
      "article": "《条例》第三十条",
      "answer": false
    },
    {
      "key": "other.fee_unpaid",
      "row": "other.fee_unpaid",
      "group": "other",
      "label": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
      "article": "《政府信息公开信息处理费管理办法》",
      "answer": false
    },
    {
      "key": "other.withdrawn",
      "row": "other.withdrawn",
      "group": "other",
      "label": "3.其他",
      "article": "",
      "answer": false
    },
    {
      "key": "other.other",
      "row": "other.withdrawn",
      "group": "other",
      "label": "3.其他",
      "article": "",
      "answer": false
    }
  ]
} satisfies OutcomeTable

export const OUTCOME_TABLE: OutcomeTable = OUTCOME_RESPONSE
