package models

// Outcome is how a case ended: one leaf row of table 三 of the annual
// report (国办公开办函〔2021〕30号, regulation.md §3.1). The mapping from the
// articles of the regulation to rows is inferred and unverified against the
// official notes, so it is kept in this one table to be corrected in one
// place (decisions.md, "Outcomes and the annual report").
type Outcome struct {
	// Key is the outcome recorded on the case, e.g. "not_disclosed.third_party_rights".
	Key string
	// Row is the annual-report row the outcome counts under (usually Key).
	Row string
	// Group is the row group: disclosed, partially_disclosed, not_disclosed,
	// unable, not_processed, other.
	Group string
	// Label is the row label, verbatim from the 2021 format.
	Label string
	// Article is the legal basis the answer cites.
	Article string
	// Answer marks outcomes reached by an answer (draft-answer); the others
	// (group other) are closures.
	Answer bool
	// Notice is the template of the notice the outcome produces.
	Notice string
}

// Outcome groups in table order, with their labels.
var OutcomeGroups = []struct{ Key, Label string }{
	{"disclosed", "（一）予以公开"},
	{"partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
	{"not_disclosed", "（三）不予公开"},
	{"unable", "（四）无法提供"},
	{"not_processed", "（五）不予处理"},
	{"other", "（六）其他处理"},
}

// Outcomes lists every outcome in table order.
var Outcomes = []Outcome{
	{"disclosed", "disclosed", "disclosed", "（一）予以公开", "《条例》第三十六条第（一）（二）项", true, "answer"},
	{"partially_disclosed", "partially_disclosed", "partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "《条例》第三十七条", true, "answer"},
	{"not_disclosed.state_secret", "not_disclosed.state_secret", "not_disclosed", "1.属于国家秘密", "《条例》第十四条、第三十六条第（三）项", true, "answer"},
	{"not_disclosed.prohibited_by_law", "not_disclosed.prohibited_by_law", "not_disclosed", "2.其他法律行政法规禁止公开", "《条例》第十四条、第三十六条第（三）项", true, "answer"},
	{"not_disclosed.three_safeties", "not_disclosed.three_safeties", "not_disclosed", "3.危及“三安全一稳定”", "《条例》第十四条、第三十六条第（三）项", true, "answer"},
	{"not_disclosed.third_party_rights", "not_disclosed.third_party_rights", "not_disclosed", "4.保护第三方合法权益", "《条例》第十五条、第三十二条、第三十六条第（三）项", true, "answer"},
	{"not_disclosed.internal_affairs", "not_disclosed.internal_affairs", "not_disclosed", "5.属于三类内部事务信息", "《条例》第十六条第一款、第三十六条第（三）项", true, "answer"},
	{"not_disclosed.process_info", "not_disclosed.process_info", "not_disclosed", "6.属于四类过程性信息", "《条例》第十六条第二款、第三十六条第（三）项", true, "answer"},
	{"not_disclosed.enforcement_file", "not_disclosed.enforcement_file", "not_disclosed", "7.属于行政执法案卷", "《条例》第十六条第二款、第三十六条第（三）项", true, "answer"},
	// Art 36(7) special-procedure records (工商、不动产登记资料) count here,
	// "probably" per regulation.md §3.1.
	{"not_disclosed.administrative_query", "not_disclosed.administrative_query", "not_disclosed", "8.属于行政查询事项", "《条例》第三十六条第（七）项", true, "answer"},
	// Art 36(4) information does not exist and Art 36(5) not this agency's
	// (referral, with the right agency named) both count here.
	{"unable.not_held", "unable.not_held", "unable", "1.本机关不掌握相关政府信息", "《条例》第三十六条第（四）（五）项", true, "answer"},
	{"unable.needs_creation", "unable.needs_creation", "unable", "2.没有现成信息需要另行制作", "《条例》第三十八条", true, "answer"},
	{"unable.unclear_after_correction", "unable.unclear_after_correction", "unable", "3.补正后申请内容仍不明确", "《条例》第三十条", true, "answer"},
	{"not_processed.petition", "not_processed.petition", "not_processed", "1.信访举报投诉类申请", "《条例》第三十九条第一款", true, "not_processed"},
	{"not_processed.repeat", "not_processed.repeat", "not_processed", "2.重复申请", "《条例》第三十六条第（六）项", true, "not_processed"},
	{"not_processed.publication", "not_processed.publication", "not_processed", "3.要求提供公开出版物", "《条例》第三十九条第二款", true, "not_processed"},
	{"not_processed.excessive", "not_processed.excessive", "not_processed", "4.无正当理由大量反复申请", "《条例》第三十五条", true, "not_processed"},
	// Art 39 covers petitions (¶1) and publications (¶2) only; a request to
	// confirm or re-issue information already obtained is not a request for
	// recorded government information (Art 2). Inferred: regulation.md §3.1
	// maps no article to this row.
	{"not_processed.confirmation", "not_processed.confirmation", "not_processed", "5.要求行政机关确认或重新出具已获取信息", "《条例》第二条", true, "not_processed"},
	// Art 30: a lapsed correction period is deemed abandoned.
	{"other.correction_lapsed", "other.correction_lapsed", "other", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "《条例》第三十条", false, "closure"},
	// 国办函〔2020〕109号: no payment in 20 working days is deemed abandoned.
	{"other.fee_unpaid", "other.fee_unpaid", "other", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "《政府信息公开信息处理费管理办法》", false, "closure"},
	// decisions.md: withdrawn by the applicant before a response is row （六）3.
	{"other.withdrawn", "other.withdrawn", "other", "3.其他", "", false, "closure"},
	{"other.other", "other.withdrawn", "other", "3.其他", "", false, "closure"},
}

// FindOutcome looks an outcome up by key.
func FindOutcome(key string) (Outcome, bool) {
	for _, o := range Outcomes {
		if o.Key == key {
			return o, true
		}
	}
	return Outcome{}, false
}

// IsDisclosure reports whether the outcome released information in full or
// in part (Art 44 conversion, typical answers).
func (o Outcome) IsDisclosure() bool {
	return o.Group == "disclosed" || o.Group == "partially_disclosed"
}
