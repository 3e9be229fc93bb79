package app

import (
	"time"

	"gongkai/app/calendar"
	"gongkai/models"
)

// sampleExtras are realistic step contents by notice kind, of the types
// the steps give their notices (action_*.go): an edited template is
// rendered with them before it is saved, and previews show them.
func sampleExtras(kind string) map[string]any {
	d := func(s string) calendar.Date {
		x, err := calendar.ParseDate(s)
		if err != nil {
			panic(err)
		}
		return x
	}
	switch kind {
	case "receipt":
		return map[string]any{"dueDate": d("2026-12-29")}
	case "correction":
		return map[string]any{"items": []string{"请写明所需信息的文号或形成时间", "请说明所需信息涉及的地块位置"}, "periodDays": 10, "periodEnds": d("2026-12-15")}
	case "extension":
		return map[string]any{"days": 20, "reason": "申请公开的信息涉及多个部门，需要调取、汇总的材料较多", "newDue": d("2027-01-27")}
	case "consultation_third_party", "consultation_agency", "assistance":
		return map[string]any{"question": "是否同意公开贵方提交的补偿协议？", "replyDue": d("2026-12-22")}
	case "consultation_applicant":
		return map[string]any{"partyKind": "第三方", "sentOn": d("2026-12-01")}
	case "fee":
		return map[string]any{"method": string(models.FeePerPage), "pages": 240, "monthCount": 0, "amount": 100, "dueOn": d("2026-12-30")}
	case "custom_deadline":
		return map[string]any{"due": d("2027-02-26"), "reason": "申请公开的政府信息数量明显超过合理范围"}
	case "answer":
		return map[string]any{"text": "经审查，现提供2025年凤城街道土地征收补偿安置方案（见附件）。", "legalBasis": "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
			"withheld": "", "released": []string{"凤城街道土地征收补偿安置方案.pdf"}, "referral": "", "referralContact": "", "outcome": "予以公开", "remedy": "standard"}
	case "not_processed":
		return map[string]any{"text": "该申请属于信访事项，不属于政府信息公开申请。", "legalBasis": "《中华人民共和国政府信息公开条例》第三十九条第一款", "remedy": "standard"}
	case "referral":
		return map[string]any{"text": "所申请公开的信息由济南市莱芜区自然资源局制作并保存。", "referral": "济南市莱芜区自然资源局", "referralContact": "0531-76211030", "remedy": "standard"}
	case "closure":
		return map[string]any{"outcome": "other.other", "reason": "申请人已通过其他途径获取所需信息", "remedy": "standard"}
	case "third_party_disclosure":
		return map[string]any{"reasons": "该信息涉及征地补偿的公共利益，不公开可能对公共利益造成重大影响。", "disclosureDate": d("2027-01-05"),
			"released": []string{"补偿协议.pdf"}, "remedy": "standard"}
	}
	return map[string]any{}
}

// sampleNotice is the template input of a sample notice of kind from the
// agency: a case of a natural person received online.
func sampleNotice(kind string, a *models.Agency, cal *calendar.Calendar) NoticeData {
	receipt, _ := calendar.ParseDate("2026-12-01")
	prefix := a.DocPrefix
	if prefix == "" {
		prefix = a.ShortName
	}
	c := NoticeCase{TrackingNumber: a.Code + "-2026-00012", Title: "2025年凤城街道土地征收补偿安置方案及批准文件",
		Description: "申请公开莱芜区凤城街道2025年土地征收项目的征地补偿安置方案及批准文件。", ApplicantName: "张明",
		ApplicantType: string(models.ApplicantNatural), ArrivedAt: time.Date(2026, 12, 1, 9, 30, 0, 0, calendar.Location())}
	title := noticeTitles[kind]
	extra := sampleExtras(kind)
	recipient := c.ApplicantName
	switch kind {
	case "consultation_third_party", "third_party_disclosure":
		recipient = "济南某房地产开发有限公司"
	case "consultation_agency", "assistance":
		recipient = "济南市莱芜区自然资源局"
	}
	d := NoticeData{Kind: kind, Title: title, DocNumber: prefix + "〔2026〕第12号", Agency: noticeAgencyOf(a), Case: c, Recipient: recipient,
		Date: receipt, Receipt: receipt, ReceiptChannel: channelLabels[models.ChannelOnline], QueryCode: "ABCD2345", Extra: extra,
		You: youOf(models.ApplicantNatural), DocWord: docWord(title), ProvisionalYears: provisionalYears(cal, receipt, extra)}
	if r, ok := extra["remedy"].(string); ok {
		d.Remedy = r
	}
	if thirdPartyNotices[kind] {
		d.You = "您（单位）"
	}
	return d
}
