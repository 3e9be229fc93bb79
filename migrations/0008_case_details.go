package migrations

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
)

type case0008 struct {
	ID uint `gorm:"primaryKey"`
}

func (case0008) TableName() string { return "cases" }

type caseCorrection0008 struct {
	CaseID              uint     `gorm:"primaryKey;autoIncrement:false"`
	Case                case0008 `gorm:"foreignKey:CaseID;constraint:OnDelete:CASCADE"`
	Items               string   `gorm:"type:text;not null"`
	PeriodDays          int      `gorm:"not null;check:chk_case_corrections_period,period_days BETWEEN 1 AND 60"`
	NoticeOn            string   `gorm:"size:10;not null"`
	Delivery            string   `gorm:"size:16;not null;check:chk_case_corrections_delivery,delivery IN ('online','email','in_person','post')"`
	NoticeReceivedOn    string   `gorm:"size:10;not null;default:''"`
	PeriodEnds          string   `gorm:"size:10;not null;default:'';index"`
	Late                bool     `gorm:"not null;default:false"`
	SubmittedOn         string   `gorm:"size:10;not null;default:''"`
	OriginalDescription string   `gorm:"type:text;not null;default:''"`
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

func (caseCorrection0008) TableName() string { return "case_corrections" }

type caseExtension0008 struct {
	CaseID      uint     `gorm:"primaryKey;autoIncrement:false"`
	Case        case0008 `gorm:"foreignKey:CaseID;constraint:OnDelete:CASCADE"`
	Days        int      `gorm:"not null;check:chk_case_extensions_days,days BETWEEN 1 AND 20"`
	Reason      string   `gorm:"size:500;not null"`
	RequestedBy uint     `gorm:"not null"`
	RequestedOn string   `gorm:"size:10;not null"`
	Decision    string   `gorm:"size:16;not null;index;check:chk_case_extensions_decision,decision IN ('pending','approved','denied')"`
	DecidedBy   *uint
	DecidedOn   string `gorm:"size:10;not null;default:''"`
	Comment     string `gorm:"size:1000;not null;default:''"`
	NewDueDate  string `gorm:"size:10;not null;default:''"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (caseExtension0008) TableName() string { return "case_extensions" }

// state0007 is the part of the stored case state (schema version 1) this
// migration moves out: the correction request and the extension.
type correction0007 struct {
	Items               []string `json:"items"`
	PeriodDays          int      `json:"periodDays"`
	NoticeOn            string   `json:"noticeOn"`
	Delivery            string   `json:"delivery"`
	NoticeReceivedOn    string   `json:"noticeReceivedOn"`
	PeriodEnds          string   `json:"periodEnds"`
	Late                bool     `json:"late"`
	SubmittedOn         string   `json:"submittedOn"`
	OriginalDescription string   `json:"originalDescription"`
}

type extension0007 struct {
	Days        int    `json:"days"`
	Reason      string `json:"reason"`
	RequestedBy uint   `json:"requestedBy"`
	RequestedOn string `json:"requestedOn"`
	Decision    string `json:"decision"`
	DecidedBy   uint   `json:"decidedBy"`
	DecidedOn   string `json:"decidedOn"`
	Comment     string `json:"comment"`
	NewDueDate  string `json:"newDueDate"`
}

type caseState0008 struct {
	ID        uint
	State     string
	CreatedAt time.Time
}

func (caseState0008) TableName() string { return "cases" }

// up0008 moves each case's correction request (Art 30) and extension (Art
// 33) out of the JSON state into typed tables with constraints, which the
// expiry job and the reports query (issue 2/10), and marks the rewritten
// states as schema version 2.
func up0008(tx *gorm.DB) error {
	if err := createTables(tx, &caseCorrection0008{}, &caseExtension0008{}); err != nil {
		return err
	}
	var batch []caseState0008
	return tx.Select("id, state, created_at").Where("state LIKE ? OR state LIKE ?", `%"correction"%`, `%"extension"%`).
		FindInBatches(&batch, 500, func(_ *gorm.DB, _ int) error {
			for _, c := range batch {
				if err := move0008(tx, c); err != nil {
					return fmt.Errorf("case %d: %w", c.ID, err)
				}
			}
			return nil
		}).Error
}

func move0008(tx *gorm.DB, c caseState0008) error {
	var st map[string]json.RawMessage
	if err := json.Unmarshal([]byte(c.State), &st); err != nil {
		return err
	}
	if raw, ok := st["correction"]; ok {
		var k correction0007
		if err := json.Unmarshal(raw, &k); err != nil {
			return err
		}
		items, _ := json.Marshal(k.Items)
		row := caseCorrection0008{CaseID: c.ID, Items: string(items), PeriodDays: max(1, min(60, k.PeriodDays)), NoticeOn: k.NoticeOn,
			Delivery: k.Delivery, NoticeReceivedOn: k.NoticeReceivedOn, PeriodEnds: k.PeriodEnds, Late: k.Late,
			SubmittedOn: k.SubmittedOn, OriginalDescription: k.OriginalDescription, CreatedAt: c.CreatedAt, UpdatedAt: c.CreatedAt}
		if row.Delivery == "" {
			// Notices before issue 1/10 counted their period from the
			// issue day, as for an online delivery.
			row.Delivery, row.NoticeReceivedOn = "online", k.NoticeOn
		}
		if err := tx.Omit("Case").Create(&row).Error; err != nil {
			return err
		}
		delete(st, "correction")
	}
	if raw, ok := st["extension"]; ok {
		var e extension0007
		if err := json.Unmarshal(raw, &e); err != nil {
			return err
		}
		row := caseExtension0008{CaseID: c.ID, Days: max(1, min(20, e.Days)), Reason: e.Reason, RequestedBy: e.RequestedBy, RequestedOn: e.RequestedOn,
			Decision: e.Decision, DecidedOn: e.DecidedOn, Comment: e.Comment, NewDueDate: e.NewDueDate, CreatedAt: c.CreatedAt, UpdatedAt: c.CreatedAt}
		if e.DecidedBy != 0 {
			by := e.DecidedBy
			row.DecidedBy = &by
		}
		if err := tx.Omit("Case").Create(&row).Error; err != nil {
			return err
		}
		delete(st, "extension")
	}
	st["schemaVersion"] = json.RawMessage("2")
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return tx.Table("cases").Where("id = ?", c.ID).Update("state", string(b)).Error
}
