package api

import (
	"reflect"

	"gongkai/app"
	"gongkai/app/clock"
	"gongkai/models"
)

// The closed sets of the API document. A Go string type listed here is an
// enum wherever a field has that type; a plain string field names its set
// with an `enum:"Name"` tag. TestEnumsListEveryConstant checks each list
// against the constants its package declares, so a new status or action
// cannot be left out of the document.

type enumDef struct {
	name   string
	values []string
}

func strs[T ~string](xs ...T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

var enumTypes = map[reflect.Type]enumDef{
	reflect.TypeFor[models.Status]():             {"CaseStatus", strs(models.Statuses...)},
	reflect.TypeFor[models.Channel]():            {"Channel", strs(models.Channels...)},
	reflect.TypeFor[clock.Channel]():             {"Channel", strs(models.Channels...)},
	reflect.TypeFor[models.Action]():             {"Action", strs(models.Actions...)},
	reflect.TypeFor[models.Role]():               {"Role", strs(models.RoleApplicant, models.RoleOfficer, models.RoleSupervisor, models.RoleAdmin, models.RoleSystem)},
	reflect.TypeFor[models.ApplicantType]():      {"ApplicantType", strs(models.ApplicantNatural, models.ApplicantOrganization)},
	reflect.TypeFor[models.IDType]():             {"IDType", strs(models.IDResident, models.IDPassport, models.IDOther)},
	reflect.TypeFor[models.OrgCategory]():        {"OrgCategory", strs(models.OrgCommercial, models.OrgResearch, models.OrgPublicWelfare, models.OrgLegalService, models.OrgOther)},
	reflect.TypeFor[models.Language]():           {"Language", strs(models.LanguageZH, models.LanguageEN)},
	reflect.TypeFor[models.ConsultationKind]():   {"ConsultationKind", strs(models.ConsultThirdParty, models.ConsultAgency, models.ConsultAssistance)},
	reflect.TypeFor[models.ConsultationStatus](): {"ConsultationStatus", strs(models.ConsultOpen, models.ConsultReplied, models.ConsultLapsed)},
	reflect.TypeFor[models.ConsultationReply]():  {"ConsultationReply", strs(models.ReplyAgree, models.ReplyObject, models.ReplyPartial, models.ReplyConsentBySilence, models.ReplyLapsed, models.ReplyAssistance)},
	reflect.TypeFor[models.CorrectionDelivery](): {"CorrectionDelivery", strs(models.CorrectionDeliveries...)},
	reflect.TypeFor[models.Decision]():           {"Decision", strs(models.DecisionPending, models.DecisionApproved, models.DecisionDenied, models.DecisionReturned)},
	reflect.TypeFor[models.FeeMethod]():          {"FeeMethod", strs(models.FeePerApplication, models.FeePerPage)},
	reflect.TypeFor[models.FeeStatus]():          {"FeeStatus", strs(models.FeePending, models.FeePaid, models.FeeLapsed)},
	reflect.TypeFor[models.RemedyKind]():         {"RemedyKind", strs(models.RemedyKinds...)},
	reflect.TypeFor[models.RemedyResult]():       {"RemedyResult", strs(models.RemedyResults...)},
	reflect.TypeFor[models.ImportStatus]():       {"ImportStatus", strs(models.ImportValidating, models.ImportReady, models.ImportInvalid, models.ImportImporting, models.ImportImported, models.ImportFailed)},
	reflect.TypeFor[models.ImportMode]():         {"ImportMode", strs(models.ImportValidRows, models.ImportAllOrNothing)},
	reflect.TypeFor[models.RowAction]():          {"RowAction", strs(models.RowNew, models.RowReplace, models.RowUnchanged, models.RowNative, models.RowInvalid)},
	reflect.TypeFor[models.ClockState]():         {"ClockState", strs(models.ClockNotStarted, models.ClockRunning, models.ClockPaused, models.ClockAwaitingCorrection, models.ClockStopped)},
	reflect.TypeFor[models.CaseSource]():         {"CaseSource", strs(models.SourceNative, models.SourceImport)},
	reflect.TypeFor[models.CandidateStatus]():    {"CandidateStatus", strs(models.CandidateOpen, models.CandidateConverted, models.CandidateDeclined)},
	reflect.TypeFor[models.CandidateKind]():      {"CandidateKind", strs(models.CandidateGroup, models.CandidateSuggestion, models.CandidateDisclosed)},
	reflect.TypeFor[clock.EventKind]():           {"ClockEventKind", strs(clock.EventReceipt, clock.EventConfirmed, clock.EventRestart, clock.EventPauseStart, clock.EventPauseEnd, clock.EventExtension, clock.EventCustomDue, clock.EventCorrectionNotice, clock.EventAccepted, clock.EventConcluded)},
	reflect.TypeFor[clock.Level]():               {"ClockLevel", strs(clock.LevelNormal, clock.LevelWarning, clock.LevelUrgent, clock.LevelOverdue)},
	reflect.TypeFor[clock.PauseKind]():           {"PauseKind", strs(clock.PauseThirdParty, clock.PauseAgencyConsultation, clock.PauseFee)},
	reflect.TypeFor[app.Audience]():              {"Audience", strs(app.AudienceHandling, app.AudienceSupervision, app.AudienceApplicant, app.AudienceAssisting, app.AudiencePublic)},
	reflect.TypeFor[app.Scope]():                 {"Scope", strs(app.ScopeNone, app.ScopeApplicant, app.ScopeOwnTask, app.ScopeAll)},
	reflect.TypeFor[app.IdentityLevel]():         {"IdentityLevel", strs(app.IdentityNone, app.IdentityName, app.IdentityMasked, app.IdentityFull)},
	reflect.TypeFor[app.ConversionDecision]():    {"ConversionDecision", strs(app.ConversionConvert, app.ConversionDecline)},
}

// enumSets are the sets fields name with an `enum` tag: every typed set
// above by its name, and the sets that are plain string lists.
var enumSets = func() map[string][]string {
	m := map[string][]string{
		"Format":         app.Formats,
		"Delivery":       app.Deliveries,
		"DeliveryMethod": app.DeliveryMethods,
		"Outcome":        outcomeKeys(),
		"UploadPurpose":  app.UploadPurposes,
		"JobName":        app.JobNames,
		"JobRunStatus":   app.JobRunStatuses,
		"CaseOrder":      models.CaseOrders,
		"NoticeKind":     app.NoticeKinds(),
		"TemplateSource": {app.TemplateBuiltin, app.TemplateInstallation, app.TemplateAgency},
	}
	for _, e := range enumTypes {
		m[e.name] = e.values
	}
	return m
}()

func outcomeKeys() []string {
	out := make([]string, len(models.Outcomes))
	for i, o := range models.Outcomes {
		out[i] = o.Key
	}
	return out
}

func enumOfType(t reflect.Type) (string, []string, bool) {
	e, ok := enumTypes[t]
	return e.name, e.values, ok
}
