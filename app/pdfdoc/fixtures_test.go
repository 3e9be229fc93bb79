package pdfdoc

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"
)

// MustAnnualReport reads the annual report's two application tables (the
// 2021 national template: outcomes by applicant type, and reviews and
// suits) from testdata.
func MustAnnualReport(tb testing.TB) TableDocument {
	tb.Helper()
	data, err := os.ReadFile("testdata/annual_report.json")
	if err != nil {
		tb.Fatal(err)
	}
	var d TableDocument
	if err := json.Unmarshal(data, &d); err != nil {
		tb.Fatal(err)
	}
	d.Date = testDate
	return d
}

// The longest agency name in practice, with a bracketed second name.
const longAgency = "济南市莱芜区人民政府办公室（区政务公开办公室）"

// requestedTitle is a realistic 200-character title of requested
// information, quoted inside receipts and answers.
var requestedTitle = cut("关于济南市莱芜区2021年至2025年城市更新改造项目（含棚户区改造、老旧小区综合整治及配套基础设施建设）的立项审批文件、资金预算安排、政府采购与招标投标文件、施工合同及补充协议、工程款拨付凭证、竣工验收报告、绩效评价报告和审计结果，以及上述项目涉及的房屋征收补偿方案、补偿标准、评估报告、安置房分配结果、征收决定公告、补偿协议签订情况汇总表、被征收人听证会记录、社会稳定风险评估报告、专项债券资金使用台账、项目公司股权结构说明和信访处理意见等全部政府信息", 200)

const shortDescription = "申请人为上述项目涉及的被征收房屋所有权人，申请获取与本人房屋征收补偿相关的信息，用于核对补偿款计算依据。"

// longDescription is n characters of description made of numbered
// sentences, so that a test can find each of them in the output.
func longDescription(n int) string {
	var b strings.Builder
	for i := 1; len([]rune(b.String())) < n; i++ {
		fmt.Fprintf(&b, "第%d项，申请人要求公开“房屋征收补偿协议（编号LW-%04d）”的签订日期、补偿金额、评估价格和安置方式。", i, i)
	}
	return cut(b.String(), n-1) + "。"
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) < n {
		for len(r) < n {
			r = append(r, r...)
		}
	}
	return string(r[:n])
}

func receiptBody(desc string) string {
	rows := [][2]string{
		{"查询号", "LWZF-2026-00012"},
		{"申请人", "张三"},
		{"申请公开的信息", requestedTitle},
		{"信息描述", desc},
		{"提交方式", "网上申请（政府信息公开平台）"},
		{"收到申请之日", "2026年12月1日"},
	}
	var b strings.Builder
	b.WriteString("<p>本机关已收到您提交的政府信息公开申请，登记信息如下：</p>\n<table>\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "<tr><th>%s</th><td>%s</td></tr>\n", html.EscapeString(r[0]), html.EscapeString(r[1]))
	}
	b.WriteString("</table>\n<p>本机关将依照《中华人民共和国政府信息公开条例》的规定办理，并于2026年12月29日前（20 个工作日，《条例》第三十三条）作出答复。您可凭查询号和查询码在本平台查询办理进度。</p>\n")
	return b.String()
}

func receiptNotice(desc string, seal []byte) Notice {
	return Notice{
		Title:     "政府信息公开申请接收回执",
		DocNumber: "莱芜区政府办〔2026〕第12号",
		Recipient: "张三",
		BodyHTML:  receiptBody(desc),
		Agency:    longAgency,
		Date:      testDate,
		Seal:      seal,
		FootNote:  "查询号：LWZF-2026-00012",
	}
}

func extensionNotice() Notice {
	return Notice{
		Title:     "政府信息公开申请延期答复告知书",
		DocNumber: "莱政公开延字〔2026〕第7号",
		Recipient: "李四",
		BodyHTML: `<p>您于2026年11月2日（网上申请）向本机关提出的政府信息公开申请（查询号 LWZF-2026-00007，申请公开“2025年度区级财政预算执行情况”）收悉。因<strong>申请公开的信息涉及多个部门，需要调取、汇总的材料较多</strong>，不能在法定期限内作出答复。</p>
<p>根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长 20 个工作日，至2026年12月28日。</p>
<p class="noindent">需要说明的事项：</p>
<ol><li>延长期间，您可以通过平台查询办理进度；</li><li>如您补充提供有关线索，请注明查询号。</li></ol>
<div class="pre">联系人：王五
联系电话：0634-1234567
地址：济南市莱芜区鹏泉街道府前大街1号</div>
<p>特此告知。</p>`,
		Agency:   "济南市莱芜区人民政府办公室",
		Date:     testDate,
		FootNote: "查询号：LWZF-2026-00007",
	}
}
