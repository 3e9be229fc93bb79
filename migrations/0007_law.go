package migrations

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

type calendarYear0007 struct {
	Year         int    `gorm:"primaryKey;autoIncrement:false"`
	NoticeTitle  string `gorm:"size:255;not null"`
	NoticeNumber string `gorm:"size:64;not null"`
	NoticeDate   string `gorm:"size:10;not null"`
	ConfirmedBy  *uint
	ConfirmedAt  time.Time
}

func (calendarYear0007) TableName() string { return "calendar_years" }

type agency0007 struct {
	// ReconsiderationBody (复议机关) and Court name the bodies the answer
	// notice's remedy clause points to (行政复议法 2023).
	ReconsiderationBody string `gorm:"size:128;not null;default:''"`
	Court               string `gorm:"size:128;not null;default:''"`
}

func (agency0007) TableName() string { return "agencies" }

// clockEvent0007 is the part of a stored clock event this migration reads
// and writes (the clock package's Event, frozen).
type clockEvent0007 struct {
	Kind    string `json:"kind"`
	On      string `json:"on"`
	Channel string `json:"channel,omitempty"`
	Basis   string `json:"basis,omitempty"`
}

type case0007 struct {
	ID          uint
	Status      string
	Channel     string
	ArrivedAt   time.Time
	ReceiptYear int
	ClockEvents string
	State       string
}

func (case0007) TableName() string { return "cases" }

var shanghai0007 = time.FixedZone("Asia/Shanghai", 8*3600)

// up0007 adds what the law's corners need (issue 1/10): the confirmations of
// years' holiday schedules, the agencies' reconsideration body and court,
// and two data fixes. A case's receipt year becomes the year it was first
// received (a correction received in a later year no longer moves it into
// that year's 本年新收), and a case awaiting confirmation of receipt gets
// its clock from the arrival day.
func up0007(tx *gorm.DB) error {
	if err := createTables(tx, &calendarYear0007{}); err != nil {
		return err
	}
	for _, col := range []string{"ReconsiderationBody", "Court"} {
		if err := tx.Migrator().AddColumn(&agency0007{}, col); err != nil {
			return fmt.Errorf("add agencies.%s: %w", col, err)
		}
	}
	var cases []case0007
	err := tx.Select("id, status, channel, arrived_at, receipt_year, clock_events, state").
		Where("status = ? OR clock_events LIKE ? OR state LIKE ?", "submitted", `%"restart"%`, `%"consultations"%`).
		FindInBatches(&cases, 500, func(_ *gorm.DB, _ int) error {
			for _, c := range cases {
				if err := fix0007(tx, c); err != nil {
					return fmt.Errorf("case %d: %w", c.ID, err)
				}
			}
			return nil
		}).Error
	return err
}

func fix0007(tx *gorm.DB, c case0007) error {
	var evs []clockEvent0007
	if c.ClockEvents != "" {
		if err := json.Unmarshal([]byte(c.ClockEvents), &evs); err != nil {
			return err
		}
	}
	updates := clockFix0007(c, evs)
	if n, err := objections0007(tx, c); err != nil {
		return err
	} else if n > 0 {
		var st map[string]any
		if err := json.Unmarshal([]byte(c.State), &st); err != nil {
			return err
		}
		st["thirdPartyObjections"] = n
		b, _ := json.Marshal(st)
		updates["state"] = string(b)
	}
	if len(updates) == 0 {
		return nil
	}
	return tx.Table("cases").Where("id = ?", c.ID).Updates(updates).Error
}

// clockFix0007 gives a case awaiting confirmation its arrival clock (Art
// 31; the events are written raw so that every other field of a later
// clock.Event keeps its default) and a corrected case the receipt year of
// its first receipt.
func clockFix0007(c case0007, evs []clockEvent0007) map[string]any {
	updates := map[string]any{}
	awaiting := c.Channel == "ordinary_post" || c.Channel == "fax" || c.Channel == "email"
	switch {
	case c.Status == "submitted" && len(evs) == 0 && awaiting:
		on := c.ArrivedAt.In(shanghai0007).Format("2006-01-02")
		b, _ := json.Marshal([]clockEvent0007{{Kind: "receipt", On: on, Channel: c.Channel, Basis: "arrival"}})
		updates["clock_events"] = string(b)
	case len(evs) > 0 && evs[0].Kind == "receipt" && len(evs[0].On) == 10 && c.ReceiptYear != 0:
		if y, err := strconv.Atoi(evs[0].On[:4]); err == nil && y != c.ReceiptYear {
			updates["receipt_year"] = y
		}
	}
	return updates
}

// objections0007 counts a case's third-party consultations answered with an
// objection (Art 32: disclosing over one needs a written notice).
func objections0007(tx *gorm.DB, c case0007) (int64, error) {
	if c.State == "" {
		return 0, nil
	}
	var n int64
	err := tx.Table("consultations").Where("case_id = ? AND kind = ? AND reply IN ?", c.ID, "third_party", []string{"object", "partial"}).Count(&n).Error
	return n, err
}
