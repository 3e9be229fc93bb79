package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Frozen copies of the columns migration 9 adds.

// user0009 is the reader's language of notifications and e-mail.
type user0009 struct {
	ID       uint   `gorm:"primaryKey"`
	Language string `gorm:"size:8;not null;default:'zh-CN'"` // zh-CN, en
}

func (user0009) TableName() string { return "users" }

// outbox0009 is the delivery lease of an outbox row: a deliverer claims
// rows until ClaimedUntil, under the token ClaimedBy.
type outbox0009 struct {
	ID           uint `gorm:"primaryKey"`
	ClaimedUntil *time.Time
	ClaimedBy    string `gorm:"size:64;not null;default:''"`
}

func (outbox0009) TableName() string { return "outbox" }

// jobRun0009 is the heartbeat of a running job: a run whose lease ran out
// belongs to a process that died.
type jobRun0009 struct {
	ID         uint `gorm:"primaryKey"`
	LeaseUntil *time.Time
}

func (jobRun0009) TableName() string { return "job_runs" }

// up0009 adds the recipients' language, the outbox delivery leases and the
// job runs' heartbeats. Existing users read Chinese. No CHECK constraint
// guards the language: SQLite cannot add one to an existing table, and the
// two databases keep one schema; the service validates it.
func up0009(tx *gorm.DB) error {
	for _, c := range []struct {
		table any
		col   string
	}{{&user0009{}, "Language"}, {&outbox0009{}, "ClaimedUntil"}, {&outbox0009{}, "ClaimedBy"}, {&jobRun0009{}, "LeaseUntil"}} {
		if err := tx.Migrator().AddColumn(c.table, c.col); err != nil {
			return fmt.Errorf("add %T.%s: %w", c.table, c.col, err)
		}
	}
	return nil
}
