package app

import (
	"strings"

	"gongkai/models"
)

// Assignment and supervision: who handles a case, and a supervisor's 督办.

// AssignInput assigns an officer.
type AssignInput struct {
	VersionInput
	AssigneeID uint `json:"assigneeId"`
}

// UrgeInput is a supervisor's 督办: a note to the handling officers.
type UrgeInput struct {
	VersionInput
	Text string `json:"text" doc:"what to do by when" minLength:"5" maxLength:"500"`
}

func applyAssign(a *actx, raw Versioned) error {
	in := raw.(*AssignInput)
	u, err := models.FindStaffUser(a.ctx, a.tx, in.AssigneeID)
	if err := unexpected(err); err != nil {
		return err
	}
	if err != nil || !u.Active || !u.Role.IsStaff() || u.AgencyID == nil || *u.AgencyID != a.c().AgencyID {
		return models.InvalidField("assigneeId", models.M("承办人须为本机关在职的工作人员", "the assignee must be active staff of the handling agency"))
	}
	id := u.ID
	a.c().AssigneeID, a.c().Assignee = &id, u
	a.priv["assigneeId"], a.priv["assignee"] = u.ID, u.DisplayName
	return nil
}

func applyUrge(a *actx, raw Versioned) error {
	in := raw.(*UrgeInput)
	var f models.Fields
	text := strings.TrimSpace(in.Text)
	checkLen(&f, "text", text, limitOf[UrgeInput]("text"), "督办意见", "text")
	if err := f.Err(); err != nil {
		return err
	}
	clk := a.currentClock()
	a.priv["text"], a.priv["dueDate"], a.priv["remainingWorkingDays"] = text, clk.DueDate, clk.RemainingWorkingDays
	return nil
}
