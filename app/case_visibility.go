package app

import "gongkai/models"

// Who sees and does what on a case: the applicant their own, the handling
// agency's staff everything, a district-wide supervisor every agency's
// cases (acting only on its own), an assisting agency its task.

// caseWhat names cases in errors.
var caseWhat = models.M("申请", "application")

// errNotVisible is the uniform answer for a case the actor may not see:
// existence does not leak.
var errNotVisible = models.NotFound(caseWhat)

// sees reports whether actor may see c, and whether only through an
// assistance task.
func sees(actor Actor, c *models.Case, st CaseState) (ok, viaAssistance bool) {
	switch actor.Role {
	case models.RoleApplicant:
		return c.ApplicantID != nil && *c.ApplicantID == actor.UserID, false
	case models.RoleSystem:
		return true, false
	case models.RoleOfficer, models.RoleSupervisor:
		if actor.SeesAgency(c.AgencyID) {
			return true, false
		}
		for _, a := range st.OpenAssistance {
			if a == actor.AgencyID {
				return true, true
			}
		}
	}
	return false, false
}

// handles reports whether actor is staff of the case's handling agency (or
// a district-wide supervisor): who may see it in full, identity numbers
// included.
func handles(actor Actor, c *models.Case) bool {
	return actor.Role == models.RoleSystem || (actor.IsStaff() && actor.SeesAgency(c.AgencyID))
}

// acts reports whether actor may take steps on the case: staff of its own
// agency. Art 33 has the extension approved by "政府信息公开工作机构负责人",
// the head of the handling agency's own disclosure office: a district-wide
// supervisor sees, urges (督办) and reports on every agency's cases but
// decides only its own agency's (decisions.md, "Who decides").
func acts(actor Actor, c *models.Case) bool {
	return actor.Role == models.RoleSystem || (actor.IsStaff() && actor.AgencyID == c.AgencyID)
}

// releasedToApplicant reports whether attachment id is the applicant's own
// or was released with the approved answer.
func (v *CaseView) releasedToApplicant(id uint) bool {
	for _, a := range v.State.Attachments {
		if a == id {
			return true
		}
	}
	if v.State.Answer != nil && v.State.Answer.Decision == models.DecisionApproved {
		for _, a := range v.State.Answer.Attachments {
			if a == id {
				return true
			}
		}
	}
	if v.State.Delivery != nil && v.State.Delivery.ProofAttachmentID == id {
		return true
	}
	return false
}

// full reports whether the viewer sees the case in full: the handling
// agency's staff (not through an assistance task).
func (v *CaseView) full() bool { return handles(v.actor, v.Case) && !v.ViaAssistance }

// showRelated keeps of the related rows what the viewer may see: the
// applicant their own attachments and those released with the answer, and
// no remedies; an assisting agency its own task, no fees or remedies.
func (v *CaseView) showRelated() {
	if v.actor.Role == models.RoleApplicant {
		var shown []*models.Attachment
		for _, a := range v.Attachments {
			if v.releasedToApplicant(a.ID) {
				shown = append(shown, a)
			}
		}
		v.Attachments, v.Remedies = shown, nil
	}
	if v.ViaAssistance {
		var mine []*models.Consultation
		for _, c := range v.Consultations {
			if c.Kind == models.ConsultAssistance && c.PartyAgencyID != nil && *c.PartyAgencyID == v.actor.AgencyID {
				mine = append(mine, c)
			}
		}
		v.Consultations, v.Fees, v.Remedies = mine, nil, nil
	}
}

// ApplicantView is the applicant's identity as the viewer may see it.
type ApplicantView struct {
	Type, Name, IDType, IDNumber, OrgCategory, CreditCode string
	LegalRep, ContactPerson, Phone, Email, Address        string
	AccountID                                             *uint
}

// Applicant returns the applicant's identity as the viewer may see it: an
// assisting agency sees the request, not the applicant's contacts;
// numbers are in full only for the handling agency's staff.
func (v *CaseView) Applicant() ApplicantView {
	c := v.Case
	if v.ViaAssistance {
		return ApplicantView{Type: string(c.ApplicantType), Name: c.ApplicantName}
	}
	return ApplicantView{Type: string(c.ApplicantType), Name: c.ApplicantName, IDType: string(c.IDType), IDNumber: v.IDNumber,
		OrgCategory: string(c.OrgCategory), CreditCode: v.CreditCode, LegalRep: c.LegalRep, ContactPerson: c.ContactPerson,
		Phone: c.Phone, Email: c.Email, Address: c.Address, AccountID: c.ApplicantID}
}
