// Package migrations holds Gongkai's schema as an ordered, append-only list
// of Go migrations. Each migration uses frozen copies of the structs it
// touches (never the live models), runs in its own transaction, and is
// recorded in schema_migrations. Only main.go (and tests) import it.
package migrations

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Migration is one schema step. Up runs inside a transaction.
type Migration struct {
	Version int
	Name    string
	Up      func(tx *gorm.DB) error
}

// all is the ordered list. Append only: never edit or reorder a released
// migration; add a new one.
var all = []Migration{
	{1, "foundation: agencies, users, tokens, audit", up0001},
	{2, "cases: applications, timeline, notices, attachments, consultations, fees, remedies", up0002},
	{3, "jobs: notifications, outbox, reminder keys, job runs, conversion candidates", up0003},
	{4, "reports: answer times, report locks, typical cases, answer templates", up0004},
	{5, "indexes: HOT-friendly cases, covering indexes for the reports", up0005},
	{6, "settings: what administrators may change online", up0006},
	{7, "law: holiday-year confirmations, remedy bodies, first-receipt years, arrival clocks", up0007},
	{8, "case details: corrections and extensions in typed tables, case state schema version 2", up0008},
	{9, "delivery: users' language, outbox delivery leases, job run heartbeats", up0009},
	{10, "sessions: session generations, failed logins of unknown names, shared rate-limit buckets", up0010},
	{13, "register import: uploaded registers and their previews, the source of a case", up0013},
	{14, "documents: issued notice PDFs in versions, agency notice templates in versions, agency seals", up0014},
	{16, "an index of the imported cases (the annual report counts them)", up0016},
	{17, "autovacuum after 1 % of the cases change (PostgreSQL)", up0017},
}

// All returns the migrations in order.
func All() []Migration { return append([]Migration(nil), all...) }

type schemaMigration struct {
	Version   int    `gorm:"primaryKey;autoIncrement:false"`
	Name      string `gorm:"size:255;not null"`
	AppliedAt time.Time
}

func (schemaMigration) TableName() string { return "schema_migrations" }

// Status is one migration and whether it has run.
type Status struct {
	Version   int
	Name      string
	Applied   bool
	AppliedAt time.Time
}

// advisoryKey serialises migrators across replicas on PostgreSQL.
const advisoryKey = 7_160_231_001

// Up applies every pending migration, each in its own transaction. On
// PostgreSQL an advisory lock keeps two replicas from migrating at once.
func Up(ctx context.Context, db *gorm.DB) (applied []Migration, err error) {
	return UpTo(ctx, db, all[len(all)-1].Version)
}

// UpTo applies the pending migrations up to and including version (tests
// use it to write data the way an older release did before migrating it).
func UpTo(ctx context.Context, db *gorm.DB, version int) (applied []Migration, err error) {
	db = db.WithContext(ctx)
	if err := db.Migrator().AutoMigrate(&schemaMigration{}); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range all {
		if m.Version > version {
			break
		}
		ran := false
		err := db.Transaction(func(tx *gorm.DB) error {
			if tx.Dialector.Name() == "postgres" {
				if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", advisoryKey).Error; err != nil {
					return err
				}
			}
			var n int64
			if err := tx.Model(&schemaMigration{}).Where("version = ?", m.Version).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if err := m.Up(tx); err != nil {
				return err
			}
			ran = true
			return tx.Create(&schemaMigration{Version: m.Version, Name: m.Name, AppliedAt: time.Now().UTC()}).Error
		})
		if err != nil {
			return applied, fmt.Errorf("migration %04d %s: %w", m.Version, m.Name, err)
		}
		if ran {
			applied = append(applied, m)
		}
	}
	return applied, nil
}

// StatusOf lists every migration and whether it has been applied.
func StatusOf(ctx context.Context, db *gorm.DB) ([]Status, error) {
	db = db.WithContext(ctx)
	done := map[int]time.Time{}
	if db.Migrator().HasTable(&schemaMigration{}) {
		var rows []schemaMigration
		if err := db.Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			done[r.Version] = r.AppliedAt
		}
	}
	out := make([]Status, 0, len(all))
	for _, m := range all {
		at, ok := done[m.Version]
		out = append(out, Status{Version: m.Version, Name: m.Name, Applied: ok, AppliedAt: at})
	}
	return out, nil
}

// createTables creates each frozen struct's table with its indexes.
func createTables(tx *gorm.DB, tables ...any) error {
	for _, t := range tables {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return fmt.Errorf("create %T: %w", t, err)
		}
	}
	return nil
}
