package app

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"gongkai/app/i18n"
	"gongkai/models"
)

// CaseEvent implements Notifier: the applicant hears of every public step,
// staff of the tasks a step gives them.
func (n *NotificationService) CaseEvent(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent, notices []*models.Notice) error {
	if e.Public {
		if err := n.tellApplicant(ctx, tx, c, e, notices); err != nil {
			return err
		}
	}
	return n.giveTask(ctx, tx, c, e)
}

// tellApplicant tells the applicant of a public step, with the public
// notices it issued: in the app, or by e-mail to an application filed
// without an account.
func (n *NotificationService) tellApplicant(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent, notices []*models.Notice) error {
	m := n.stepMessage(c, e, notices)
	switch {
	case c.ApplicantID != nil:
		return n.send(ctx, tx, []uint{*c.ApplicantID}, m)
	case c.Email != "":
		m.link = ""
		return n.queueEmail(ctx, tx, c.Email, m)
	}
	return nil
}

// stepMessage is the applicant's message of a public step, naming the
// public notices it issued.
func (n *NotificationService) stepMessage(c *models.Case, e *models.CaseEvent, notices []*models.Notice) message {
	docs := []map[string]any{}
	for _, nt := range notices {
		if nt.Public {
			docs = append(docs, map[string]any{"Title": nt.Title, "DocNumber": nt.DocNumber})
		}
	}
	id := c.ID
	return message{kind: "case." + e.Action, text: "case.step", link: fmt.Sprintf("/my/applications/%d", c.ID), caseID: &id,
		data: map[string]any{"Tracking": c.TrackingNumber, "Title": c.Title, "Step": n.step(e.Action), "Notices": docs}}
}

// step names a step of a case as the applicant reads it; a step without a
// name of its own is news on the application.
func (n *NotificationService) step(action string) i18n.Text {
	if key := "action." + action; n.msgs.Has(key) {
		return i18n.T(key)
	}
	return i18n.T("action.other")
}

// staffFinder lists the staff a step gives a task; none means no task.
type staffFinder func(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent) ([]uint, error)

// taskRule says whom a step gives a task, and the catalogue id of what
// they are told.
type taskRule struct {
	to   staffFinder
	text string
}

// taskRules are the tasks each step gives staff.
var taskRules = map[string]taskRule{
	"submit":                    {unassignedOfficers, "task.new"},
	"register":                  {unassignedOfficers, "task.new"},
	"submit-correction":         {officersOf, "task.step"},
	"record-payment":            {officersOf, "task.step"},
	"withdraw":                  {officersOf, "task.step"},
	"request-extension":         {supervisorsOf, "task.extension"}, // Art 33: the head of office approves
	"draft-answer":              {supervisorsOf, "task.answer_review"},
	"refer":                     {supervisorsOf, "task.answer_review"},
	"urge":                      {officersAndSupervisors, "task.urge"},
	"decide-extension":          {officersOf, "task.decision"},
	"decide-answer":             {officersOf, "task.decision"},
	"request-assistance":        {assistingOfficers, "task.assistance"},
	"reply-assistance":          {officersOf, "task.assistance_reply"},
	"suggest-conversion":        {supervisorsOf, "task.conversion"}, // Art 44
	ActCalendarChange:           {officersOf, "task.calendar_change"},
	"close":                     {bySystem(officersOf), "task.auto_closed"},
	"record-consultation-reply": {bySystem(officersOf), "task.consultation_lapsed"}, // Arts 32, 34
}

// giveTask tells staff of the task a step gives them; the one who acted
// needs no message about it.
func (n *NotificationService) giveTask(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent) error {
	rule, ok := taskRules[e.Action]
	if !ok {
		return nil
	}
	ids, err := rule.to(ctx, tx, c, e)
	if err != nil {
		return err
	}
	var to []uint
	for _, x := range ids {
		if e.ActorID == nil || x != *e.ActorID {
			to = append(to, x)
		}
	}
	if len(to) == 0 {
		return nil
	}
	id := c.ID
	return n.send(ctx, tx, to, message{kind: "task." + e.Action, text: rule.text, data: n.taskData(c, e),
		link: fmt.Sprintf("/staff/cases/%d", c.ID), caseID: &id, staff: true})
}

// taskData is what a task's texts may name: the case, the step, the
// working days its clock had left, who acted and what they wrote, and a
// calendar change's dates.
func (n *NotificationService) taskData(c *models.Case, e *models.CaseEvent) map[string]any {
	var d eventData
	_ = decodeInto(e.Data, &d)
	return map[string]any{"Tracking": c.TrackingNumber, "Title": c.Title, "Step": n.step(e.Action), "DaysLeft": daysLeft(d),
		"Actor": e.ActorName, "Note": fmt.Sprint(d.Internal["text"]), "From": fmt.Sprint(d.Public["from"]), "To": fmt.Sprint(d.Public["to"])}
}

// daysLeft says how many working days the step's clock had left, from the
// event's internal data ("" when it does not say).
func daysLeft(d eventData) any {
	n, ok := d.Internal["remainingWorkingDays"].(float64)
	switch {
	case !ok:
		return ""
	case n < 0:
		return i18n.T("task.days_overdue", "Days", int(-n))
	}
	return i18n.T("task.days_left", "Days", int(n))
}

// caseOfficers is the assignee, or every officer of the agency when none.
func caseOfficers(ctx context.Context, db *gorm.DB, c *models.Case) ([]uint, error) {
	if c.AssigneeID != nil {
		return []uint{*c.AssigneeID}, nil
	}
	return agencyStaff(ctx, db, c.AgencyID, models.RoleOfficer)
}

func officersOf(ctx context.Context, tx *gorm.DB, c *models.Case, _ *models.CaseEvent) ([]uint, error) {
	return caseOfficers(ctx, tx, c)
}

// unassignedOfficers are the agency's officers while no one is assigned.
func unassignedOfficers(ctx context.Context, tx *gorm.DB, c *models.Case, _ *models.CaseEvent) ([]uint, error) {
	if c.AssigneeID != nil {
		return nil, nil
	}
	return agencyStaff(ctx, tx, c.AgencyID, models.RoleOfficer)
}

func supervisorsOf(ctx context.Context, tx *gorm.DB, c *models.Case, _ *models.CaseEvent) ([]uint, error) {
	return agencyStaff(ctx, tx, c.AgencyID, models.RoleSupervisor)
}

func officersAndSupervisors(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent) ([]uint, error) {
	officers, err := officersOf(ctx, tx, c, e)
	if err != nil {
		return nil, err
	}
	sups, err := supervisorsOf(ctx, tx, c, e)
	return append(officers, sups...), err
}

// assistingOfficers are the officers of the agency last asked to assist.
func assistingOfficers(ctx context.Context, tx *gorm.DB, c *models.Case, _ *models.CaseEvent) ([]uint, error) {
	var st CaseState
	_ = decodeInto(c.State, &st)
	if len(st.OpenAssistance) == 0 {
		return nil, nil
	}
	return agencyStaff(ctx, tx, st.OpenAssistance[len(st.OpenAssistance)-1], models.RoleOfficer)
}

// bySystem gives the task only when the system took the step (a lapsed
// period), not a person.
func bySystem(f staffFinder) staffFinder {
	return func(ctx context.Context, tx *gorm.DB, c *models.Case, e *models.CaseEvent) ([]uint, error) {
		if e.ActorRole != models.RoleSystem {
			return nil, nil
		}
		return f(ctx, tx, c, e)
	}
}
