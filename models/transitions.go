package models

// Action is a step on a case, posted to /applications/{id}/actions/{action}.
type Action string

// Actions.
const (
	ActConfirmReceipt    Action = "confirm-receipt"
	ActAccept            Action = "accept"
	ActRequestCorrection Action = "request-correction"
	// ActRecordCorrectionDelivery records when a posted correction notice
	// reached the applicant (Art 30: the period runs from it).
	ActRecordCorrectionDelivery Action = "record-correction-delivery"
	ActSubmitCorrection         Action = "submit-correction"
	ActAssign                   Action = "assign"
	ActRefer                    Action = "refer"
	ActStartConsultation        Action = "start-consultation"
	ActRecordConsultation       Action = "record-consultation-reply"
	ActRequestAssistance        Action = "request-assistance"
	ActReplyAssistance          Action = "reply-assistance"
	ActRequestExtension         Action = "request-extension"
	ActDecideExtension          Action = "decide-extension"
	ActIssueFeeNotice           Action = "issue-fee-notice"
	ActRecordPayment            Action = "record-payment"
	ActSetCustomDeadline        Action = "set-custom-deadline"
	ActDraftAnswer              Action = "draft-answer"
	ActDecideAnswer             Action = "decide-answer"
	ActRecordDelivery           Action = "record-delivery"
	ActArchive                  Action = "archive"
	ActWithdraw                 Action = "withdraw"
	ActClose                    Action = "close"
	ActSuggestConversion        Action = "suggest-conversion"
	ActRecordRemedy             Action = "record-remedy"
	// ActUrge is a supervisor's 督办 on an open case (the district-wide
	// supervisor's way to act on another agency's case).
	ActUrge Action = "urge"
	// ActNotifyThirdParty issues the Art 32 notice to objecting third
	// parties on an answer that discloses over their objection.
	ActNotifyThirdParty Action = "notify-third-party"
)

// Transition says from which statuses an action may be taken, which
// statuses it may lead to (empty: the status does not change), and which
// roles may take it. Agency, ownership and the rules of each action are
// checked by the case service on top of this table.
type Transition struct {
	From  []Status
	To    []Status
	Roles []Role
}

var (
	staff       = []Role{RoleOfficer, RoleSupervisor}
	staffSystem = []Role{RoleOfficer, RoleSupervisor, RoleSystem}
	open        = []Status{StatusSubmitted, StatusRegistered, StatusCorrectionRequested, StatusHandling, StatusAnswerReview}
)

// Transitions is the case status transition table.
var Transitions = map[Action]Transition{
	ActConfirmReceipt:           {From: []Status{StatusSubmitted}, To: []Status{StatusRegistered}, Roles: staff},
	ActAccept:                   {From: []Status{StatusRegistered}, To: []Status{StatusHandling}, Roles: staff},
	ActRequestCorrection:        {From: []Status{StatusRegistered}, To: []Status{StatusCorrectionRequested}, Roles: staff},
	ActSubmitCorrection:         {From: []Status{StatusCorrectionRequested}, To: []Status{StatusRegistered}, Roles: []Role{RoleApplicant, RoleOfficer, RoleSupervisor}},
	ActRecordCorrectionDelivery: {From: []Status{StatusCorrectionRequested}, Roles: staff},
	ActAssign:                   {From: open, Roles: staff},
	ActRefer:                    {From: []Status{StatusRegistered, StatusHandling}, To: []Status{StatusAnswerReview}, Roles: staff},
	ActStartConsultation:        {From: []Status{StatusHandling}, Roles: staff},
	ActRecordConsultation:       {From: []Status{StatusHandling, StatusAnswerReview}, Roles: staffSystem},
	ActRequestAssistance:        {From: []Status{StatusHandling}, Roles: staff},
	ActReplyAssistance:          {From: []Status{StatusHandling, StatusAnswerReview}, Roles: staff},
	ActRequestExtension:         {From: []Status{StatusHandling, StatusAnswerReview}, Roles: staff},
	ActDecideExtension:          {From: []Status{StatusHandling, StatusAnswerReview}, Roles: []Role{RoleSupervisor}},
	ActIssueFeeNotice:           {From: []Status{StatusHandling}, Roles: staff},
	ActRecordPayment:            {From: []Status{StatusHandling}, Roles: []Role{RoleApplicant, RoleOfficer, RoleSupervisor}},
	ActSetCustomDeadline:        {From: []Status{StatusRegistered, StatusHandling}, Roles: []Role{RoleSupervisor}},
	ActDraftAnswer:              {From: []Status{StatusHandling}, To: []Status{StatusAnswerReview}, Roles: staff},
	ActDecideAnswer:             {From: []Status{StatusAnswerReview}, To: []Status{StatusAnswered, StatusHandling}, Roles: []Role{RoleSupervisor}},
	ActRecordDelivery:           {From: []Status{StatusAnswered}, Roles: staff},
	ActArchive:                  {From: []Status{StatusAnswered, StatusClosed}, To: []Status{StatusArchived}, Roles: staff},
	ActWithdraw:                 {From: open, To: []Status{StatusClosed}, Roles: []Role{RoleApplicant}},
	ActClose:                    {From: open, To: []Status{StatusClosed}, Roles: staffSystem},
	ActSuggestConversion:        {From: []Status{StatusRegistered, StatusHandling, StatusAnswerReview, StatusAnswered, StatusClosed, StatusArchived}, Roles: []Role{RoleApplicant}},
	// Art 51: a remedy may be sought on any case, answered or not (a
	// failure to answer in time is itself reviewable), often after
	// archiving: recording one is a change an archived case accepts.
	ActRecordRemedy:     {From: Statuses, Roles: staff},
	ActUrge:             {From: open, Roles: []Role{RoleSupervisor}},
	ActNotifyThirdParty: {From: []Status{StatusAnswered}, Roles: staff},
}

// Actions lists every action in a stable order (the UI's order).
var Actions = []Action{ActConfirmReceipt, ActAccept, ActRequestCorrection, ActRecordCorrectionDelivery, ActSubmitCorrection, ActAssign, ActRefer,
	ActStartConsultation, ActRecordConsultation, ActRequestAssistance, ActReplyAssistance, ActRequestExtension,
	ActDecideExtension, ActIssueFeeNotice, ActRecordPayment, ActSetCustomDeadline, ActDraftAnswer, ActDecideAnswer,
	ActRecordDelivery, ActArchive, ActWithdraw, ActClose, ActSuggestConversion, ActRecordRemedy, ActUrge, ActNotifyThirdParty}

// ParseAction validates s.
func ParseAction(s string) (Action, bool) {
	_, ok := Transitions[Action(s)]
	return Action(s), ok
}

// Allows reports whether action may be taken from status by role, by the
// table alone.
func (t Transition) Allows(from Status, role Role) bool {
	return containsStatus(t.From, from) && containsRole(t.Roles, role)
}

// Leads reports whether the action may move a case from from to to.
func (t Transition) Leads(from, to Status) bool {
	if !containsStatus(t.From, from) {
		return false
	}
	if len(t.To) == 0 {
		return to == from
	}
	return containsStatus(t.To, to)
}

func containsStatus(ss []Status, s Status) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func containsRole(rs []Role, r Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
