package models_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"gongkai/migrations/dbtest"
	"gongkai/models"
)

// captureSQL records the SELECT statements GORM sends, with their values,
// so that a test can ask the database how it plans exactly those.
type captureSQL struct {
	mu    sync.Mutex
	stmts []capturedStmt
}

type capturedStmt struct {
	sql  string
	vars []any
}

func (c *captureSQL) install(tb testing.TB, db *gorm.DB) {
	tb.Helper()
	capture := func(tx *gorm.DB) {
		if tx.DryRun {
			return // a subquery being built, not sent
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		c.stmts = append(c.stmts, capturedStmt{sql: tx.Statement.SQL.String(), vars: append([]any(nil), tx.Statement.Vars...)})
	}
	// Find goes through the query callbacks, Scan and Row through the row
	// ones.
	if err := db.Callback().Query().After("gorm:query").Register("test:capture", capture); err != nil {
		tb.Fatal(err)
	}
	if err := db.Callback().Row().After("gorm:row").Register("test:capture", capture); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_ = db.Callback().Query().Remove("test:capture")
		_ = db.Callback().Row().Remove("test:capture")
	})
}

// plan returns the database's plan for stmt as text: EXPLAIN QUERY PLAN on
// SQLite; on PostgreSQL the generic plan (the one a prepared statement
// settles on after five runs), which cannot use the values.
func plan(tb testing.TB, db *gorm.DB, stmt capturedStmt) string {
	tb.Helper()
	var lines []string
	err := db.Transaction(func(tx *gorm.DB) error {
		if db.Dialector.Name() == "postgres" {
			if err := tx.Exec("SET LOCAL plan_cache_mode = force_generic_plan").Error; err != nil {
				return err
			}
			// GORM's postgres dialector writes $n placeholders already.
			if err := tx.Exec("PREPARE gk_plan AS " + stmt.sql).Error; err != nil {
				return err
			}
			defer tx.Exec("DEALLOCATE gk_plan")
			args := make([]string, len(stmt.vars))
			for i := range args {
				args[i] = "NULL"
			}
			rows, err := tx.Raw("EXPLAIN EXECUTE gk_plan(" + strings.Join(args, ", ") + ")").Rows()
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var l string
				if err := rows.Scan(&l); err != nil {
					return err
				}
				lines = append(lines, l)
			}
			return rows.Err()
		}
		rows, err := tx.Raw("EXPLAIN QUERY PLAN "+stmt.sql, stmt.vars...).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				return err
			}
			lines = append(lines, detail)
		}
		return rows.Err()
	})
	if err != nil {
		tb.Fatalf("plan %s: %v", stmt.sql, err)
	}
	return strings.Join(lines, "\n")
}

// TestQueuePlansUseTheOpenIndex: the officer queue (open cases of one
// agency by due date) and its count are planned on the partial index of
// open cases on both databases, even as a generic plan on PostgreSQL and
// with bound statuses on SQLite, whose planner uses a partial index only
// when the query states the index's condition itself.
func TestQueuePlansUseTheOpenIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		agencyID, _ := mustAgencyAndCase(t, db)
		var c captureSQL
		c.install(t, db)
		// As the service asks: the count capped, then a page after a cursor.
		q := models.CaseQuery{Scope: models.CaseScope{AgencyID: agencyID}, Order: "due", Limit: 50, CountCap: 10000,
			Statuses: []models.Status{models.StatusRegistered, models.StatusCorrectionRequested, models.StatusHandling, models.StatusAnswerReview}}
		if _, err := models.FindCases(context.Background(), db, q); err != nil {
			t.Fatal(err)
		}
		q.After = &models.CaseCursor{Key: "2026-12-04", ID: 1}
		if _, err := models.FindCases(context.Background(), db, q); err != nil {
			t.Fatal(err)
		}
		var checked int
		for _, s := range c.stmts {
			if !strings.Contains(s.sql, `FROM "cases"`) && !strings.Contains(s.sql, "FROM `cases`") {
				continue
			}
			checked++
			p := plan(t, db, s)
			if !strings.Contains(p, "idx_cases_open_queue") {
				t.Errorf("%s is not planned on idx_cases_open_queue:\n%s", s.sql, p)
			}
		}
		if checked != 4 {
			t.Fatalf("want two counts and two pages, captured %d case statements: %v", checked, fmt.Sprint(c.stmts))
		}
	})
}

// TestImportedCountUsesItsIndex: the annual report's count of imported
// cases reads the partial index of imported cases, not the whole table.
func TestImportedCountUsesItsIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		var c captureSQL
		c.install(t, db)
		if _, err := models.CountImportedInYear(context.Background(), db, 2025, 0); err != nil {
			t.Fatal(err)
		}
		if len(c.stmts) != 1 {
			t.Fatalf("want one statement, captured %v", c.stmts)
		}
		if p := plan(t, db, c.stmts[0]); !strings.Contains(p, "idx_cases_imported") {
			t.Errorf("%s is not planned on idx_cases_imported:\n%s", c.stmts[0].sql, p)
		}
	})
}

// TestPeriodStatisticsArePlannedForTheirValues: the deadline report's
// period queries run with custom plans on PostgreSQL (a generic plan
// misjudged a year's concluded cases by a factor of 3,500 and sorted them
// on disk); on SQLite they run as they are.
func TestPeriodStatisticsArePlannedForTheirValues(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *gorm.DB) {
		var mode string
		err := models.WithCustomPlans(context.Background(), db, func(tx *gorm.DB) error {
			if db.Dialector.Name() != "postgres" {
				mode = "sqlite"
				return nil
			}
			return tx.Raw("SHOW plan_cache_mode").Scan(&mode).Error
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]string{"postgres": "force_custom_plan", "sqlite": "sqlite"}[db.Dialector.Name()]; mode != want {
			t.Fatalf("plan_cache_mode %q, want %q", mode, want)
		}
		p := models.ReportPeriod{From: "2026-01-01", To: "2026-12-06", FromYear: 2026, ToYear: 2026}
		if _, err := models.CountConcludedByMonth(context.Background(), db, 0, p); err != nil {
			t.Fatal(err)
		}
	})
}
