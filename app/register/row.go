package register

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"gongkai/models"
)

// Row is one application of the register, typed. Dates are calendar dates
// "YYYY-MM-DD" (Asia/Shanghai, as models.Case.ReceiptDate), empty when not
// given.
type Row struct {
	// Number is the 1-based spreadsheet row the application was read from;
	// the Writer ignores it and numbers rows itself.
	Number int
	// RegisterNo is 登记编号: the agency's own number, or Gongkai's tracking
	// number for exported cases. Empty when the register has none.
	RegisterNo string
	// ReceivedOn is 收到申请日期, the first receipt of the application.
	ReceivedOn    string
	Channel       models.Channel
	ApplicantType models.ApplicantType
	// OrgCategory is set for organisations and empty for natural persons.
	OrgCategory   models.OrgCategory
	ApplicantName string
	// IDNumber is 证件号码 as normalised by Options.ValidateID.
	IDNumber string
	Contact  string
	Content  string
	// Corrected is 是否补正: a correction notice was issued (Art 30).
	Corrected bool
	// CorrectedOn is 补正后收到日期, the receipt of the corrected application.
	CorrectedOn string
	// Extended is 是否延期 (Art 33).
	Extended bool
	// AnsweredOn is 答复日期: the answer or closure. Empty while open.
	AnsweredOn string
	// Outcome is the models.Outcome Key, empty while the case is open (it
	// then counts as 结转下年度).
	Outcome string
	// FeeFen is 收费金额 in fen (分, 1/100 yuan), so sums are exact.
	FeeFen int64
	// Remedies are the reconsiderations (行政复议 column) followed by the
	// lawsuits (行政诉讼 column), each in cell order; nil when none.
	Remedies []Remedy
	Note     string
	// Raw holds the trimmed cell texts as read, in template column order.
	// XLSX cells are read unformatted, so a date cell holds its serial.
	Raw [NumColumns]string
}

// Open reports whether the case was still being handled: no outcome, no
// answer date.
func (r Row) Open() bool { return r.Outcome == "" }

// Key identifies the application across imports, for idempotency and
// replacement: the 登记编号 when there is one, else "h:" and a SHA-256
// (first 128 bits, hex) of the receipt date, the applicant's name and the
// content, each folded (NFKC, no white space, lower case) so that a retyped
// row keeps its key.
func (r Row) Key() string {
	if r.RegisterNo != "" {
		return r.RegisterNo
	}
	h := sha256.New()
	io.WriteString(h, r.ReceivedOn)
	h.Write([]byte{0})
	io.WriteString(h, foldKeyText(r.ApplicantName))
	h.Write([]byte{0})
	io.WriteString(h, foldKeyText(r.Content))
	return "h:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// hasKey reports whether the fields Key reads are usable.
func (r Row) hasKey() bool {
	return r.RegisterNo != "" || (r.ReceivedOn != "" && r.ApplicantName != "" && r.Content != "")
}

func foldKeyText(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if isSpace(r) || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// RemedyKind is the kind of legal remedy against the agency's handling,
// one column group of annual-report table 四.
type RemedyKind string

// Remedy kinds.
const (
	RemedyReconsideration                RemedyKind = "reconsideration"
	RemedyLitigationDirect               RemedyKind = "litigation_direct"
	RemedyLitigationAfterReconsideration RemedyKind = "litigation_after_reconsideration"
)

// RemedyResult is how a remedy ended, one column of table 四.
type RemedyResult string

// Remedy results: 结果维持, 结果纠正, 其他结果, 尚未审结.
const (
	ResultUpheld    RemedyResult = "upheld"
	ResultCorrected RemedyResult = "corrected"
	ResultOther     RemedyResult = "other"
	ResultPending   RemedyResult = "pending"
)

// Remedy is one reconsideration or lawsuit and its result.
type Remedy struct {
	Kind   RemedyKind
	Result RemedyResult
}
