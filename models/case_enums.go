package models

// The closed sets of a case's related rows (typed over stringly, STYLE.md).

// ConsultationKind is what a consultation row is: a third-party (Art 32)
// or inter-agency (Art 34) consultation, or an assistance task (协办).
type ConsultationKind string

// Consultation kinds.
const (
	ConsultThirdParty ConsultationKind = "third_party"
	ConsultAgency     ConsultationKind = "agency"
	ConsultAssistance ConsultationKind = "assistance"
)

// ConsultationStatus says whether a consultation awaits its reply.
type ConsultationStatus string

// Consultation statuses.
const (
	ConsultOpen    ConsultationStatus = "open"
	ConsultReplied ConsultationStatus = "replied"
	ConsultLapsed  ConsultationStatus = "lapsed"
)

// ConsultationReply is the answer recorded: staff record agree, object or
// partial; the jobs record consent_by_silence (Art 34) and lapsed (Art 32);
// an assistance task's reply is "replied".
type ConsultationReply string

// Consultation replies.
const (
	ReplyAgree            ConsultationReply = "agree"
	ReplyObject           ConsultationReply = "object"
	ReplyPartial          ConsultationReply = "partial"
	ReplyConsentBySilence ConsultationReply = "consent_by_silence"
	ReplyLapsed           ConsultationReply = "lapsed"
	ReplyAssistance       ConsultationReply = "replied"
)

// StaffReplies are the replies staff record.
var StaffReplies = []ConsultationReply{ReplyAgree, ReplyObject, ReplyPartial}

// ParseStaffReply validates a reply staff record.
func ParseStaffReply(s string) (ConsultationReply, bool) {
	for _, r := range StaffReplies {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}

// Objects reports whether a third party's reply objects to disclosure in
// whole or in part (Art 32).
func (r ConsultationReply) Objects() bool { return r == ReplyObject || r == ReplyPartial }

// FeeMethod is how a fee is computed (109号 Art 3: the agency picks one).
type FeeMethod string

// Fee methods.
const (
	FeePerApplication FeeMethod = "per_application"
	FeePerPage        FeeMethod = "per_page"
)

// ParseFeeMethod validates s.
func ParseFeeMethod(s string) (FeeMethod, bool) {
	switch m := FeeMethod(s); m {
	case FeePerApplication, FeePerPage:
		return m, true
	}
	return "", false
}

// FeeStatus is a fee notice's state; "" means no fee notice.
type FeeStatus string

// Fee statuses.
const (
	FeePending FeeStatus = "pending"
	FeePaid    FeeStatus = "paid"
	FeeLapsed  FeeStatus = "lapsed"
)

// RemedyKind is a reconsideration or a lawsuit (Art 51; table 四's
// columns).
type RemedyKind string

// Remedy kinds.
const (
	RemedyReconsideration                RemedyKind = "reconsideration"
	RemedyLitigationDirect               RemedyKind = "litigation_direct"
	RemedyLitigationAfterReconsideration RemedyKind = "litigation_after_reconsideration"
)

// RemedyKinds lists them in table order.
var RemedyKinds = []RemedyKind{RemedyReconsideration, RemedyLitigationDirect, RemedyLitigationAfterReconsideration}

// ParseRemedyKind validates s.
func ParseRemedyKind(s string) (RemedyKind, bool) {
	for _, k := range RemedyKinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// RemedyResult is how a remedy ended (table 四: 维持, 纠正, 其他, 尚未审结).
type RemedyResult string

// Remedy results.
const (
	ResultUpheld    RemedyResult = "upheld"
	ResultCorrected RemedyResult = "corrected"
	ResultOther     RemedyResult = "other"
	ResultPending   RemedyResult = "pending"
)

// RemedyResults lists them in table order.
var RemedyResults = []RemedyResult{ResultUpheld, ResultCorrected, ResultOther, ResultPending}

// ParseRemedyResult validates s.
func ParseRemedyResult(s string) (RemedyResult, bool) {
	for _, r := range RemedyResults {
		if string(r) == s {
			return r, true
		}
	}
	return "", false
}
