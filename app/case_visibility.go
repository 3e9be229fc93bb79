package app

import "gongkai/models"

// Who sees what of a case, in one place. Every reader of a case — its
// detail and list item, timeline, notices, attachment downloads, dossier
// and the public tracker — asks the viewer's Exposure, decided by its
// Audience in the exposures table below; nothing else decides it.

// caseWhat names cases in errors.
var caseWhat = models.M("申请", "application")

// errNotVisible is the uniform answer for a case the actor may not see:
// existence does not leak.
var errNotVisible = models.NotFound(caseWhat)

// Audience is a viewer's relation to a case.
type Audience string

// The audiences. A third party consulted under Art 32 has no account: it
// is written to (征求意见书, 告知书) and answers on paper, which staff
// record. Administrators run the platform and see no case.
const (
	// AudienceHandling is staff of the case's own agency (and the system).
	AudienceHandling Audience = "handling"
	// AudienceSupervision is a district-wide supervisor of another agency:
	// it sees, urges (督办) and reports, and decides nothing.
	AudienceSupervision Audience = "supervision"
	// AudienceApplicant is the case's own applicant.
	AudienceApplicant Audience = "applicant"
	// AudienceAssisting is staff of an agency asked for assistance (协办).
	AudienceAssisting Audience = "assisting"
	// AudiencePublic is the anonymous tracker holding the tracking number
	// and the query code.
	AudiencePublic Audience = "public"
)

// Scope says which of a case's rows of one kind a viewer sees.
type Scope string

// The scopes.
const (
	// ScopeNone: none.
	ScopeNone Scope = "none"
	// ScopeApplicant: what is addressed to the applicant — the public
	// timeline (its public part), the notices to the applicant, the
	// applicant's own files and those released with the approved answer
	// (and the proof of service).
	ScopeApplicant Scope = "applicant"
	// ScopeOwnTask: the viewer's agency's own assistance task and the
	// letter that asked for it.
	ScopeOwnTask Scope = "own_task"
	// ScopeAll: everything.
	ScopeAll Scope = "all"
)

// IdentityLevel says how much of the applicant's identity a viewer sees.
type IdentityLevel string

// The identity levels.
const (
	// IdentityNone: nothing (the public tracker).
	IdentityNone IdentityLevel = "none"
	// IdentityName: the applicant's type and name, no contacts, no
	// document (an assisting agency sees who asked, not how to reach them).
	IdentityName IdentityLevel = "name"
	// IdentityMasked: name, contacts and masked identity numbers.
	IdentityMasked IdentityLevel = "masked"
	// IdentityFull: identity numbers in full (个人信息保护法: only those who
	// handle the case).
	IdentityFull IdentityLevel = "full"
)

// Exposure is what one audience sees of a case.
type Exposure struct {
	Identity IdentityLevel
	// QueryCode: the 查询码 (the applicant's, and the handling agency's to
	// hand out again).
	QueryCode bool
	// Internal: the officers' working data — drafts and pending requests in
	// the state, the assignee, the timeline's internal part, actor names
	// and hashes, the chain verification.
	Internal bool
	// Request: the applicant's purpose, accessibility needs and delivery
	// wish, and the outcome (beyond the title, description, document number
	// and formats, which everyone who sees the case sees).
	Request bool
	// ClockTrace: the clock's step-by-step explanation and why it is paused.
	ClockTrace bool
	// Detail: the structured state — ScopeAll, ScopeApplicant (what was
	// decided and told to the applicant) or ScopeNone (the formats only).
	Detail        Scope
	Consultations Scope
	Fees          bool
	Remedies      bool
	Attachments   Scope
	Notices       Scope
	Events        Scope
	// ReviewHints: the possible-repeat and month-count hints at review.
	ReviewHints bool
	// Dossier: the case file for 行政复议 and litigation.
	Dossier bool
}

// exposures is the decision. The handling agency sees everything; a
// district-wide supervisor everything but full identity numbers, the
// review hints and the dossier (the handling agency answers for those);
// the applicant what is addressed to it; an assisting agency the request
// and its own task; the public tracker the public timeline and notices.
var exposures = map[Audience]Exposure{
	AudienceHandling: {Identity: IdentityFull, QueryCode: true, Internal: true, Request: true, ClockTrace: true, Detail: ScopeAll,
		Consultations: ScopeAll, Fees: true, Remedies: true, Attachments: ScopeAll, Notices: ScopeAll, Events: ScopeAll, ReviewHints: true, Dossier: true},
	AudienceSupervision: {Identity: IdentityMasked, QueryCode: true, Internal: true, Request: true, ClockTrace: true, Detail: ScopeAll,
		Consultations: ScopeAll, Fees: true, Remedies: true, Attachments: ScopeAll, Notices: ScopeAll, Events: ScopeAll},
	AudienceApplicant: {Identity: IdentityMasked, QueryCode: true, Request: true, ClockTrace: true, Detail: ScopeApplicant,
		Consultations: ScopeNone, Fees: true, Attachments: ScopeApplicant, Notices: ScopeApplicant, Events: ScopeApplicant},
	AudienceAssisting: {Identity: IdentityName, Detail: ScopeNone,
		Consultations: ScopeOwnTask, Attachments: ScopeNone, Notices: ScopeOwnTask, Events: ScopeApplicant},
	AudiencePublic: {Identity: IdentityNone, Detail: ScopeNone,
		Consultations: ScopeNone, Attachments: ScopeNone, Notices: ScopeApplicant, Events: ScopeApplicant},
}

// ExposureOf returns what audience a sees (nothing for an unknown one).
func ExposureOf(a Audience) Exposure {
	if x, ok := exposures[a]; ok {
		return x
	}
	return Exposure{Identity: IdentityNone, Detail: ScopeNone, Consultations: ScopeNone, Attachments: ScopeNone, Notices: ScopeNone, Events: ScopeNone}
}

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

// audienceOf places a viewer who may see c.
func audienceOf(actor Actor, c *models.Case, viaAssistance bool) Audience {
	switch {
	case actor.Role == models.RoleApplicant:
		return AudienceApplicant
	case viaAssistance:
		return AudienceAssisting
	case acts(actor, c):
		return AudienceHandling
	}
	return AudienceSupervision
}

// handles reports whether actor is staff of the case's handling agency or
// a district-wide supervisor: who may urge (督办) and quote fees.
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

// Audience is the viewer's relation to the case.
func (v *CaseView) Audience() Audience {
	if v.audience == "" {
		v.audience = audienceOf(v.actor, v.Case, v.ViaAssistance)
	}
	return v.audience
}

// Exposure is what the viewer sees of the case.
func (v *CaseView) Exposure() Exposure { return ExposureOf(v.Audience()) }

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

// seesAttachment reports whether the viewer may see attachment a of the
// case.
func (v *CaseView) seesAttachment(a *models.Attachment) bool {
	if a.CaseID == nil || *a.CaseID != v.Case.ID {
		return false
	}
	switch v.Exposure().Attachments {
	case ScopeAll:
		return true
	case ScopeApplicant:
		return v.releasedToApplicant(a.ID)
	}
	return false
}

// ownTask reports whether consultation c is an assistance task of the
// viewer's agency.
func (v *CaseView) ownTask(c *models.Consultation) bool {
	return c.Kind == models.ConsultAssistance && c.PartyAgencyID != nil && *c.PartyAgencyID == v.actor.AgencyID
}

// seesNotice reports whether the viewer may see notice n of the case;
// cons are the case's consultations (needed for ScopeOwnTask only). The
// letter asking for assistance is addressed to the agency by its name as
// the task records it.
func (v *CaseView) seesNotice(n *models.Notice, cons []*models.Consultation) bool {
	if n.CaseID != v.Case.ID {
		return false
	}
	switch v.Exposure().Notices {
	case ScopeAll:
		return true
	case ScopeApplicant:
		return n.Public
	case ScopeOwnTask:
		for _, c := range cons {
			if v.ownTask(c) && n.Kind == "assistance" && n.Recipient == c.PartyName {
				return true
			}
		}
	}
	return false
}

// showRelated keeps of the related rows what the viewer may see.
func (v *CaseView) showRelated() {
	x := v.Exposure()
	var atts []*models.Attachment
	for _, a := range v.Attachments {
		if v.seesAttachment(a) {
			// Names stored before they were cleaned at upload.
			a.Filename = cleanFilename(a.Filename)
			atts = append(atts, a)
		}
	}
	v.Attachments = atts
	switch x.Consultations {
	case ScopeOwnTask:
		var mine []*models.Consultation
		for _, c := range v.Consultations {
			if v.ownTask(c) {
				mine = append(mine, c)
			}
		}
		v.Consultations = mine
	case ScopeAll:
	default:
		v.Consultations = nil
	}
	if !x.Fees {
		v.Fees = nil
	}
	if !x.Remedies {
		v.Remedies = nil
	}
}

// redact hides from the view what the viewer may not see of the case row
// and the clock. The case is a copy: the view's own, never saved.
func (v *CaseView) redact() {
	x := v.Exposure()
	c := *v.Case
	if !x.Internal {
		c.Assignee, c.AssigneeID, c.ExtensionPending = nil, nil, false
	}
	if !x.Request {
		c.Purpose, c.AccessibilityNote, c.AccessibilityHelp, c.Delivery = "", "", false, ""
		c.Outcome, c.ConcludedOn, c.Delivered, c.ArchiveNumber = "", "", false, ""
	}
	if !x.ClockTrace {
		v.Clock.Trace = nil
		v.hidePauses = true
	}
	v.Case = &c
}

// ApplicantView is the applicant's identity as the viewer may see it.
type ApplicantView struct {
	Type, Name, IDType, IDNumber, OrgCategory, CreditCode string
	LegalRep, ContactPerson, Phone, Email, Address        string
	AccountID                                             *uint
}

// Applicant returns the applicant's identity as the viewer may see it;
// numbers are in full only for the handling agency's staff (openNumbers).
func (v *CaseView) Applicant() ApplicantView {
	c := v.Case
	switch v.Exposure().Identity {
	case IdentityNone:
		return ApplicantView{}
	case IdentityName:
		return ApplicantView{Type: string(c.ApplicantType), Name: c.ApplicantName}
	}
	return ApplicantView{Type: string(c.ApplicantType), Name: c.ApplicantName, IDType: string(c.IDType), IDNumber: v.IDNumber,
		OrgCategory: string(c.OrgCategory), CreditCode: v.CreditCode, LegalRep: c.LegalRep, ContactPerson: c.ContactPerson,
		Phone: c.Phone, Email: c.Email, Address: c.Address, AccountID: c.ApplicantID}
}
