package register

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Column is one column of the register template, in template order.
type Column int

// Columns of the template, in order. NumColumns is their count.
const (
	ColRegisterNo      Column = iota // 登记编号
	ColReceivedOn                    // 收到申请日期
	ColChannel                       // 渠道
	ColApplicantType                 // 申请人类型
	ColApplicantName                 // 申请人姓名或名称
	ColIDNumber                      // 证件号码
	ColContact                       // 联系方式
	ColContent                       // 申请内容
	ColCorrected                     // 是否补正
	ColCorrectedOn                   // 补正后收到日期
	ColExtended                      // 是否延期
	ColAnsweredOn                    // 答复日期
	ColOutcome                       // 办理结果
	ColFee                           // 收费金额
	ColReconsideration               // 行政复议
	ColLitigation                    // 行政诉讼
	ColNote                          // 备注
	NumColumns
)

// Header returns the column's Chinese header as written in the template.
func (c Column) Header() string {
	if c < 0 || c >= NumColumns {
		return ""
	}
	return columns[c].header
}

// cellKind decides how a column is written and which number format it has.
type cellKind int

const (
	kindText cellKind = iota
	kindDate
	kindFee
	kindList
)

// columnSpec describes one template column: how it is recognised in an
// uploaded header row and how the explanation sheet describes it.
type columnSpec struct {
	header string
	// aliases are other header texts agencies use for the column.
	aliases []string
	// mustExist marks columns whose absence is a file-level error: without
	// them a row cannot be counted in the annual report.
	mustExist bool
	// need is the 是否必填 cell of the explanation sheet.
	need string
	// format is the 格式与说明 cell of the explanation sheet.
	format string
	width  float64
	kind   cellKind
}

const (
	needRequired    = "必填"
	needOptional    = "选填"
	needConditional = "条件必填"
)

var columns = [NumColumns]columnSpec{
	ColRegisterNo: {header: "登记编号", width: 18, kind: kindText, need: needOptional,
		aliases: []string{"编号", "登记号", "申请编号", "受理编号", "流水号", "跟踪号", "查询码"},
		format:  "本机关自编的登记编号；从本平台导出的申请为平台的查询号。填写后作为该行的唯一标识，同一文件内不得重复。"},
	ColReceivedOn: {header: "收到申请日期", width: 14, kind: kindDate, need: needRequired, mustExist: true,
		aliases: []string{"收到日期", "申请日期", "接收日期", "收件日期", "收到申请时间"},
		format:  "日期，可写作 2026-01-05、2026/1/5、2026.1.5、2026年1月5日 或 20260105；不得晚于当天。"},
	ColChannel: {header: "渠道", width: 14, kind: kindList, need: needRequired, mustExist: true,
		aliases: []string{"申请渠道", "申请方式", "提交方式", "收到方式"},
		format:  "申请的提交渠道，从下拉列表中选择。"},
	ColApplicantType: {header: "申请人类型", width: 14, kind: kindList, need: needRequired, mustExist: true,
		aliases: []string{"申请人类别", "申请主体类型", "申请人性质"},
		format:  "年度报告的申请人列：自然人，或法人或其他组织的五个类别之一。"},
	ColApplicantName: {header: "申请人姓名或名称", width: 20, kind: kindText, need: needRequired, mustExist: true,
		aliases: []string{"申请人", "申请人姓名", "申请人名称", "姓名或名称", "申请人姓名/名称"},
		format:  "自然人的姓名，或法人、其他组织的名称。"},
	ColIDNumber: {header: "证件号码", width: 22, kind: kindText, need: needOptional,
		aliases: []string{"证件号", "身份证号", "身份证号码", "统一社会信用代码", "证件号码/统一社会信用代码"},
		format:  "自然人的居民身份证号码，或组织的统一社会信用代码；填写时校验其校验位。请设置为文本格式，以免 Excel 改写长数字。"},
	ColContact: {header: "联系方式", width: 18, kind: kindText, need: needOptional,
		aliases: []string{"联系电话", "电话", "联系地址", "通讯地址"},
		format:  "电话、电子邮箱或通讯地址。"},
	ColContent: {header: "申请内容", width: 40, kind: kindText, need: needRequired, mustExist: true,
		aliases: []string{"申请公开内容", "申请信息内容", "所需信息内容", "所需政府信息", "内容描述"},
		format:  "申请获取的政府信息的名称、文号或便于查询的特征性描述。"},
	ColCorrected: {header: "是否补正", width: 10, kind: kindList, need: needOptional,
		aliases: []string{"补正"},
		format:  "是否向申请人发出补正告知（《条例》第三十条）：是 或 否；不填视为否。"},
	ColCorrectedOn: {header: "补正后收到日期", width: 14, kind: kindDate, need: needConditional,
		aliases: []string{"补正日期", "补正收到日期", "收到补正日期"},
		format:  "收到补正后申请的日期。是否补正为“是”且已答复时必填（逾期不补正的除外）；为“否”时不填；不得早于收到申请日期。"},
	ColExtended: {header: "是否延期", width: 10, kind: kindList, need: needOptional,
		aliases: []string{"延期"},
		format:  "是否延期答复（《条例》第三十三条）：是 或 否；不填视为否。"},
	ColAnsweredOn: {header: "答复日期", width: 14, kind: kindDate, need: needConditional, mustExist: true,
		aliases: []string{"答复时间", "办结日期", "办结时间"},
		format:  "答复或终止处理的日期；不得早于收到申请日期和补正后收到日期。尚未办结的申请与办理结果一并不填。"},
	ColOutcome: {header: "办理结果", width: 46, kind: kindList, need: needConditional, mustExist: true,
		aliases: []string{"答复结果", "处理结果", "答复类型", "办理结果类型"},
		format: "年度报告“三、本年度办理结果”的行名，从下拉列表中选择（完整列表见本页右侧）。" +
			"尚未办结的申请与答复日期一并不填，计入结转下年度。“（六）其他处理 3.其他（申请人撤回）”与“3.其他”同计入（六）3。"},
	ColFee: {header: "收费金额", width: 12, kind: kindFee, need: needOptional,
		aliases: []string{"收费", "信息处理费", "收费金额元", "信息处理费金额"},
		format:  "收取的信息处理费，单位：元；国办函〔2020〕109号的收费标准均为整元，导入时只接受整元；不得为负；未办结的申请不填。"},
	ColReconsideration: {header: "行政复议", width: 12, kind: kindList, need: needOptional,
		aliases: []string{"复议", "行政复议情况", "行政复议结果"},
		format:  "就本申请提起的行政复议及其结果；不填视为无。多项用“；”分隔。"},
	ColLitigation: {header: "行政诉讼", width: 20, kind: kindList, need: needOptional,
		aliases: []string{"诉讼", "行政诉讼情况", "行政诉讼结果"},
		format:  "就本申请提起的行政诉讼：起诉方式-结果，如“直接起诉-维持”“复议后起诉-纠正”；不填视为无。多项用“；”分隔。"},
	ColNote: {header: "备注", width: 30, kind: kindText, need: needOptional,
		aliases: []string{"说明", "其他说明"},
		format:  "其他需要说明的情况。"},
}

// errorColumnHeader is the column AnnotateErrors adds; a re-uploaded
// annotated file carries it, and the reader ignores it without a warning.
const errorColumnHeader = "错误说明"

// headerIndex maps a normalised header text to its column.
var headerIndex = func() map[string]Column {
	m := make(map[string]Column)
	for c := range NumColumns {
		m[normHeader(columns[c].header)] = c
		for _, a := range columns[c].aliases {
			m[normHeader(a)] = c
		}
	}
	return m
}()

// normHeader folds the ways agencies write a header: full-width forms,
// spaces and line breaks inside the cell, required-field stars, and a
// trailing note in parentheses such as "收费金额（元）" or "是否补正（是/否）".
func normHeader(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if isSpace(r) || r == '*' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return s
}

// findColumn recognises a header cell.
func findColumn(cell string) (Column, bool) {
	c, ok := headerIndex[normHeader(cell)]
	return c, ok
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x3000, 0x200B:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}
