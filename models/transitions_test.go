package models

import "testing"

// TestTransitionTable checks every action from every status to every
// status against the intended lifecycle, written out independently here.
func TestTransitionTable(t *testing.T) {
	S := func(ss ...Status) map[Status]bool {
		m := map[Status]bool{}
		for _, s := range ss {
			m[s] = true
		}
		return m
	}
	openAll := S(StatusSubmitted, StatusRegistered, StatusCorrectionRequested, StatusHandling, StatusAnswerReview)
	// want[action][from] = the statuses the action may lead to ("same"
	// marks an action that keeps the status).
	type edge map[Status]map[Status]bool
	same := func(froms map[Status]bool) edge {
		e := edge{}
		for f := range froms {
			e[f] = S(f)
		}
		return e
	}
	to := func(froms map[Status]bool, tos ...Status) edge {
		e := edge{}
		for f := range froms {
			e[f] = S(tos...)
		}
		return e
	}
	want := map[Action]edge{
		ActConfirmReceipt:     to(S(StatusSubmitted), StatusRegistered),
		ActAccept:             to(S(StatusRegistered), StatusHandling),
		ActRequestCorrection:  to(S(StatusRegistered), StatusCorrectionRequested),
		ActSubmitCorrection:   to(S(StatusCorrectionRequested), StatusRegistered),
		ActAssign:             same(openAll),
		ActRefer:              to(S(StatusRegistered, StatusHandling), StatusAnswerReview),
		ActStartConsultation:  same(S(StatusHandling)),
		ActRecordConsultation: same(S(StatusHandling, StatusAnswerReview)),
		ActRequestAssistance:  same(S(StatusHandling)),
		ActReplyAssistance:    same(S(StatusHandling, StatusAnswerReview)),
		ActRequestExtension:   same(S(StatusHandling, StatusAnswerReview)),
		ActDecideExtension:    same(S(StatusHandling, StatusAnswerReview)),
		ActIssueFeeNotice:     same(S(StatusHandling)),
		ActRecordPayment:      same(S(StatusHandling)),
		ActSetCustomDeadline:  same(S(StatusRegistered, StatusHandling)),
		ActDraftAnswer:        to(S(StatusHandling), StatusAnswerReview),
		ActDecideAnswer:       to(S(StatusAnswerReview), StatusAnswered, StatusHandling),
		ActRecordDelivery:     same(S(StatusAnswered)),
		ActArchive:            to(S(StatusAnswered, StatusClosed), StatusArchived),
		ActWithdraw:           to(openAll, StatusClosed),
		ActClose:              to(openAll, StatusClosed),
		ActSuggestConversion:  same(S(StatusRegistered, StatusHandling, StatusAnswerReview, StatusAnswered, StatusClosed, StatusArchived)),
		// Art 51: a remedy may be recorded on any case, answered or not.
		ActRecordRemedy:             same(S(Statuses...)),
		ActRecordCorrectionDelivery: same(S(StatusCorrectionRequested)),
		ActUrge:                     same(openAll),
		ActNotifyThirdParty:         same(S(StatusAnswered)),
	}
	if len(want) != len(Transitions) || len(Actions) != len(Transitions) {
		t.Fatalf("the table has %d actions, the list %d, this test %d", len(Transitions), len(Actions), len(want))
	}
	for _, a := range Actions {
		tr, ok := Transitions[a]
		if !ok {
			t.Fatalf("action %s not in the table", a)
		}
		for _, from := range Statuses {
			for _, toS := range Statuses {
				exp := want[a][from][toS]
				if got := tr.Leads(from, toS); got != exp {
					t.Errorf("%s: %s → %s allowed=%v, want %v", a, from, toS, got, exp)
				}
			}
		}
	}
	// Archived cases are read-only but for remedies and suggestions.
	for _, a := range Actions {
		if Transitions[a].Allows(StatusArchived, RoleOfficer) && a != ActRecordRemedy {
			t.Errorf("%s allowed on an archived case", a)
		}
	}
}

func TestRoles(t *testing.T) {
	approvals := []Action{ActDecideExtension, ActDecideAnswer, ActSetCustomDeadline}
	for _, a := range approvals {
		if containsRole(Transitions[a].Roles, RoleOfficer) {
			t.Errorf("officers may %s", a)
		}
	}
	for _, a := range Actions {
		if containsRole(Transitions[a].Roles, RoleAdmin) {
			t.Errorf("admins may %s: case work is for agency staff", a)
		}
	}
	for _, a := range []Action{ActWithdraw, ActSuggestConversion} {
		if !containsRole(Transitions[a].Roles, RoleApplicant) || containsRole(Transitions[a].Roles, RoleOfficer) {
			t.Errorf("%s is the applicant's", a)
		}
	}
}

func TestOutcomes(t *testing.T) {
	rows := map[string]bool{}
	for _, o := range Outcomes {
		rows[o.Row] = true
		if _, ok := FindOutcome(o.Key); !ok {
			t.Errorf("%s not found", o.Key)
		}
	}
	// 21 leaf rows of table 三 (（一）…（六）3).
	if len(rows) != 21 {
		t.Fatalf("%d distinct rows, want 21", len(rows))
	}
}
