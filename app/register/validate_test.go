package register

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type wantErr struct {
	col  Column
	code msgKey
}

func TestRowErrors(t *testing.T) {
	badID := validResidentID("11010519491231002")
	badID = badID[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", badID[17])+1)%11])
	tests := []struct {
		name   string
		cells  map[Column]string
		want   []wantErr
		wantZH string // the first error's message, when given
	}{
		{"valid", goodCells(), nil, ""},
		{"open case", with(map[Column]string{ColOutcome: "", ColAnsweredOn: ""}), nil, ""},
		{"open case awaiting correction", with(map[Column]string{ColOutcome: "", ColAnsweredOn: "", ColCorrected: "是"}), nil, ""},
		{"lapsed correction has no corrected date", with(map[Column]string{ColOutcome: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ColCorrected: "是"}), nil, ""},
		{"withdrawn while correcting", with(map[Column]string{ColOutcome: "撤回", ColCorrected: "是"}), nil, ""},
		{"corrected and answered", with(map[Column]string{ColCorrected: "是", ColCorrectedOn: "2026/1/12"}), nil, ""},

		{"no receipt date", with(map[Column]string{ColReceivedOn: ""}), []wantErr{{ColReceivedOn, msgRequired}}, "第2行「收到申请日期」：必须填写"},
		{"no channel", with(map[Column]string{ColChannel: ""}), []wantErr{{ColChannel, msgRequired}}, ""},
		{"no applicant type", with(map[Column]string{ColApplicantType: ""}), []wantErr{{ColApplicantType, msgRequired}}, ""},
		{"no applicant", with(map[Column]string{ColApplicantName: ""}), []wantErr{{ColApplicantName, msgRequired}}, ""},
		{"no content", with(map[Column]string{ColContent: ""}), []wantErr{{ColContent, msgRequired}}, ""},

		{"date not a date", with(map[Column]string{ColReceivedOn: "一月五日"}), []wantErr{{ColReceivedOn, msgDateFormat}},
			`第2行「收到申请日期」：无法识别日期"一月五日"，请写作 2026-01-05 这样的格式`},
		{"two-digit year", with(map[Column]string{ColReceivedOn: "26/1/5"}), []wantErr{{ColReceivedOn, msgDateFormat}}, ""},
		{"impossible date", with(map[Column]string{ColAnsweredOn: "2026-02-30"}), []wantErr{{ColAnsweredOn, msgDateImpossible}},
			`第2行「答复日期」："2026-02-30"不是有效的日期`},
		{"impossible month", with(map[Column]string{ColReceivedOn: "2026.13.1"}), []wantErr{{ColReceivedOn, msgDateImpossible}}, ""},
		{"future date", with(map[Column]string{ColAnsweredOn: "2026年7月1日"}), []wantErr{{ColAnsweredOn, msgDateFuture}},
			`第2行「答复日期」：日期"2026-07-01"晚于今天（2026-06-30）`},
		{"before the Regulation", with(map[Column]string{ColReceivedOn: "20071231"}), []wantErr{{ColReceivedOn, msgDateTooEarly}}, ""},
		{"bad corrected date", with(map[Column]string{ColCorrected: "是", ColCorrectedOn: "next week"}), []wantErr{{ColCorrectedOn, msgDateFormat}}, ""},

		{"unknown channel", with(map[Column]string{ColChannel: "飞鸽传书"}), []wantErr{{ColChannel, msgChannelUnknown}},
			`第2行「渠道」：无法识别渠道"飞鸽传书"，请填写：当面、挂号信或EMS、平信、传真、电子邮件、网上申请`},
		{"unknown applicant", with(map[Column]string{ColApplicantType: "外国人"}), []wantErr{{ColApplicantType, msgApplicantUnknown}}, ""},
		{"organisation without category", with(map[Column]string{ColApplicantType: "法人或其他组织", ColIDNumber: ""}), []wantErr{{ColApplicantType, msgApplicantUnspecified}},
			`第2行「申请人类型」："法人或其他组织"未写明组织类别，请填写：商业企业、科研机构、社会公益组织、法律服务机构、其他`},
		{"bad 是否补正", with(map[Column]string{ColCorrected: "也许"}), []wantErr{{ColCorrected, msgYesNo}}, ""},
		{"bad 是否延期", with(map[Column]string{ColExtended: "延了"}), []wantErr{{ColExtended, msgYesNo}}, `第2行「是否延期」：无法识别"延了"，请填写"是"或"否"`},

		{"unknown outcome", with(map[Column]string{ColOutcome: "不公开"}), []wantErr{{ColOutcome, msgOutcomeUnknown}},
			`第2行「办理结果」：无法识别"不公开"，请使用年度报告的行名`},
		{"outcome is a group", with(map[Column]string{ColOutcome: "（四）无法提供"}), []wantErr{{ColOutcome, msgOutcomeGroup}},
			`第2行「办理结果」："（四）无法提供"是年度报告的分组而非具体的行，请填写其下的一行：` +
				`（四）无法提供 1.本机关不掌握相关政府信息；（四）无法提供 2.没有现成信息需要另行制作；（四）无法提供 3.补正后申请内容仍不明确`},
		{"outcome near miss", with(map[Column]string{ColOutcome: "（三）不予公开 4.保护第三人合法权益"}), []wantErr{{ColOutcome, msgOutcomeSuggest}},
			`第2行「办理结果」：无法识别"（三）不予公开 4.保护第三人合法权益"，请使用年度报告的行名；是否应为"（三）不予公开 4.保护第三方合法权益"？`},

		{"fee in words", with(map[Column]string{ColFee: "十元"}), []wantErr{{ColFee, msgFeeFormat}}, ""},
		{"fee negative", with(map[Column]string{ColFee: "-5"}), []wantErr{{ColFee, msgFeeNegative}}, ""},
		{"fee three decimals", with(map[Column]string{ColFee: "1.234"}), []wantErr{{ColFee, msgFeeFormat}}, ""},

		{"unknown reconsideration", with(map[Column]string{ColReconsideration: "胜诉"}), []wantErr{{ColReconsideration, msgReconUnknown}}, ""},
		{"none with a result", with(map[Column]string{ColReconsideration: "无；维持"}), []wantErr{{ColReconsideration, msgRemedyNoneMixed}}, ""},
		{"lawsuit without kind", with(map[Column]string{ColLitigation: "维持"}), []wantErr{{ColLitigation, msgLitigationKind}},
			`第2行「行政诉讼」："维持"未写明起诉方式，请写作"直接起诉-维持"或"复议后起诉-维持"`},
		{"unknown lawsuit", with(map[Column]string{ColLitigation: "上诉-维持"}), []wantErr{{ColLitigation, msgLitigationUnknown}}, ""},

		{"bad resident ID", with(map[Column]string{ColIDNumber: badID}), []wantErr{{ColIDNumber, msgIDInvalid}}, "第2行「证件号码」：证件号码校验未通过，请核对"},
		{"credit code for a person", with(map[Column]string{ColApplicantType: "商业企业"}), []wantErr{{ColIDNumber, msgIDInvalid}}, ""},

		{"answered before received", with(map[Column]string{ColAnsweredOn: "2026-01-04"}), []wantErr{{ColAnsweredOn, msgAnsweredBeforeRecv}},
			"第2行「答复日期」：答复日期（2026-01-04）早于收到申请日期（2026-01-05）"},
		{"corrected before received", with(map[Column]string{ColCorrected: "是", ColCorrectedOn: "2026-01-01"}), []wantErr{{ColCorrectedOn, msgCorrectedBeforeRecv}}, ""},
		{"answered before corrected", with(map[Column]string{ColCorrected: "是", ColCorrectedOn: "2026-01-25"}), []wantErr{{ColAnsweredOn, msgAnsweredBeforeCorr}}, ""},
		{"correction without its date", with(map[Column]string{ColCorrected: "是"}), []wantErr{{ColCorrectedOn, msgCorrectedOnRequired}}, ""},
		{"corrected date without correction", with(map[Column]string{ColCorrectedOn: "2026-01-10"}), []wantErr{{ColCorrectedOn, msgCorrectedOnUnexpected}}, ""},
		{"lapsed correction never asked", with(map[Column]string{ColOutcome: "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}),
			[]wantErr{{ColCorrected, msgOutcomeNeedsCorr}}, ""},
		{"unclear after correction never asked", with(map[Column]string{ColOutcome: "（四）3"}), []wantErr{{ColCorrected, msgOutcomeNeedsCorr}}, ""},
		{"outcome without answer date", with(map[Column]string{ColAnsweredOn: ""}), []wantErr{{ColAnsweredOn, msgOutcomeNeedsAnswer}}, ""},
		{"answer date without outcome", with(map[Column]string{ColOutcome: ""}), []wantErr{{ColOutcome, msgAnswerNeedsOutcome}}, ""},
		{"content too long", with(map[Column]string{ColContent: strings.Repeat("政", 32768)}), []wantErr{{ColContent, msgTooLong}}, ""},
		{"fee on an open case", with(map[Column]string{ColOutcome: "", ColAnsweredOn: "", ColFee: "10"}), []wantErr{{ColFee, msgFeeOpen}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := MustCSV(t, [][]string{allHeaders(), cellsRow(tt.cells)})
			res := MustReadAll(t, data, FormatCSV, testOptions())
			var got []wantErr
			for _, e := range res.Errors {
				col, _ := findColumn(e.Column)
				got = append(got, wantErr{col, msgKey(strings.TrimPrefix(e.Code, "register."))})
				if e.Row != 2 || e.Value != tt.cells[col] {
					t.Errorf("error %+v: want row 2 and value %q", e, tt.cells[col])
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(wantErr{})); diff != "" {
				t.Errorf("errors (-want +got):\n%s\n%v", diff, res.Errors)
			}
			if tt.wantZH != "" && len(res.Errors) > 0 && res.Errors[0].ZH != tt.wantZH {
				t.Errorf("ZH = %q\nwant %q", res.Errors[0].ZH, tt.wantZH)
			}
			if len(tt.want) == 0 && res.Total != len(res.Rows) {
				t.Errorf("rows %d of %d", len(res.Rows), res.Total)
			}
		})
	}
}

// TestUnknownOutcomeMessage checks the wording the brief fixes, on row 17
// of a workbook with blank rows before it.
func TestUnknownOutcomeMessage(t *testing.T) {
	rows := make([][]any, 17)
	h := make([]any, NumColumns)
	for c := range NumColumns {
		h[c] = c.Header()
	}
	rows[0] = h
	bad := with(map[Column]string{ColOutcome: "不公开"})
	rows[16] = make([]any, NumColumns)
	for c, v := range bad {
		rows[16][c] = v
	}
	res := MustReadAll(t, MustXLSX(t, "台账", rows), FormatXLSX, testOptions())
	want := []FieldError{{
		Row: 17, Column: "办理结果", Value: "不公开", Code: "register.outcome_unknown",
		ZH: `第17行「办理结果」：无法识别"不公开"，请使用年度报告的行名`,
		EN: `row 17, 办理结果: "不公开" is not a row of the annual report; use the row's official wording`,
	}}
	if diff := cmp.Diff(want, res.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestDuplicateKeys(t *testing.T) {
	noNumber := func(over map[Column]string) []string {
		m := with(over)
		m[ColRegisterNo] = ""
		return cellsRow(m)
	}
	data := MustCSV(t, [][]string{
		allHeaders(),
		cellsRow(goodCells()), // row 2
		cellsRow(with(map[Column]string{ColContent: "另一件申请"})), // row 3: same 登记编号
		noNumber(nil), // row 4
		noNumber(map[Column]string{ColApplicantName: " 张 三 ", ColReceivedOn: "2026/1/5"}), // row 5: same as 4 once folded
		noNumber(map[Column]string{ColContent: "2025年老旧小区改造项目清单（续）"}),                     // row 6: different
		cellsRow(with(map[Column]string{ColRegisterNo: "２０２６－００１", ColContent: "全角编号"})),  // row 7: NFKC of row 2's
	})
	res := MustReadAll(t, data, FormatCSV, testOptions())
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.ZH)
	}
	want := []string{
		`第3行「登记编号」：登记编号"2026-001"与第2行重复`,
		`第5行「申请内容」：与第4行重复：收到申请日期、申请人和申请内容都相同`,
		`第7行「登记编号」：登记编号"2026-001"与第2行重复`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestRowKey(t *testing.T) {
	a := Row{ReceivedOn: "2026-01-05", ApplicantName: "ＡＢＣ 公司", Content: "文件  清单"}
	b := Row{ReceivedOn: "2026-01-05", ApplicantName: "abc公司", Content: "文件清单"}
	c := Row{ReceivedOn: "2026-01-06", ApplicantName: "abc公司", Content: "文件清单"}
	if a.Key() != b.Key() || a.Key() == c.Key() || !strings.HasPrefix(a.Key(), "h:") || len(a.Key()) != 34 {
		t.Errorf("keys %q %q %q", a.Key(), b.Key(), c.Key())
	}
	// The key is part of the stored data: it must not change by accident.
	if got := b.Key(); got != "h:"+mustHashKey("2026-01-05", "abc公司", "文件清单") {
		t.Errorf("Key = %q", got)
	}
	if got := (Row{RegisterNo: "GK-1", ReceivedOn: "2026-01-05"}).Key(); got != "GK-1" {
		t.Errorf("Key with 登记编号 = %q", got)
	}
}
