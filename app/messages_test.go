package app

import (
	"strings"
	"testing"

	"gongkai/app/calendar"
	"gongkai/app/clock"
	"gongkai/app/i18n"
	"gongkai/models"
)

// TestMessagesRender: every notification the services write, with the
// data they give it, renders in every language from the catalogue.
func TestMessagesRender(t *testing.T) {
	msgs, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	n := &NotificationService{msgs: msgs}
	c := &models.Case{ID: 7, AgencyID: 1, TrackingNumber: "ZFB-2026-00007", Title: "凤城街道征地补偿安置方案"}
	var all []message
	for action, rule := range taskRules {
		for _, data := range []string{`{}`, `{"internal":{"text":"请抓紧办理","remainingWorkingDays":-2},"public":{"from":"2026-10-30","to":"2026-11-02"}}`} {
			e := &models.CaseEvent{Action: action, ActorName: "陈志远", Data: data}
			all = append(all, message{kind: "task." + action, text: rule.text, data: n.taskData(c, e)})
		}
	}
	for _, action := range []string{"submit", "accept", "decide-answer", "not-a-step"} {
		all = append(all, n.stepMessage(c, &models.CaseEvent{Action: action}, []*models.Notice{{Title: "受理通知书", DocNumber: "〔2026〕1号", Public: true}}))
	}
	today := calendar.DateOf(2026, 10, 28)
	sw := &sweep{cal: calendar.New(nil, nil), today: today, rs: RuntimeSettings{ReminderThresholds: []int{5, 2, 1}}}
	for _, left := range []int{-3, 0, 2} {
		rem, ok := sw.deadlineReminder(c, clock.Clock{ReceiptDate: today.AddDays(-30), DueDate: today, RemainingWorkingDays: left})
		if !ok {
			t.Fatalf("no reminder at %d days left", left)
		}
		all = append(all, rem.message())
	}
	registered := &models.Case{ID: 8, AgencyID: 1, TrackingNumber: "ZFB-2026-00008", Title: "t", Status: models.StatusRegistered}
	rem, ok := sw.correctionWindowReminder(registered, clock.Clock{CorrectionNoticeDue: today})
	if !ok {
		t.Fatal("no correction window reminder")
	}
	all = append(all, rem.message())
	agency := uint(4)
	for _, k := range []models.ConsultationKind{models.ConsultThirdParty, models.ConsultAssistance} {
		all = append(all, consultationReminder(models.Consultation{ID: 1, Kind: k, PartyName: "某公司", PartyAgencyID: &agency, ReplyDue: "2026-10-30"}, c).message())
	}
	all = append(all, provisionalYearMessage(2027, 12))
	for _, m := range all {
		for _, lang := range i18n.Languages() {
			r, err := n.render(lang, m)
			if err != nil {
				t.Errorf("%s in %s: %v", m.kind, lang, err)
				continue
			}
			if r.title == "" || r.body == "" || strings.Contains(r.title+r.body, "<no value>") {
				t.Errorf("%s in %s: %+v", m.kind, lang, r)
			}
		}
	}
}
