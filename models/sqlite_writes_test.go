package models_test

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"gongkai/models"
)

// TestSQLiteTransactionsTakeTurns: on a SQLite file, concurrent
// read-modify-write transactions all succeed and none is lost (they queue
// in the process instead of meeting in the busy handler), a rolled-back
// transaction hands on its turn, and the pool is still GORM's to close.
func TestSQLiteTransactionsTakeTurns(t *testing.T) {
	db, err := models.Open("sqlite:"+filepath.Join(t.TempDir(), "turns.db"), models.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatalf("db.DB(): %v", err)
	}
	defer sqlDB.Close()
	if err := db.Exec("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("INSERT INTO counter (id, n) VALUES (1, 0)").Error; err != nil {
		t.Fatal(err)
	}
	errBoom := errors.New("boom")
	const workers, each = 16, 10
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				err := db.WithContext(context.Background()).Transaction(func(tx *gorm.DB) error {
					var n int
					if err := tx.Raw("SELECT n FROM counter WHERE id = 1").Scan(&n).Error; err != nil {
						return err
					}
					if err := tx.Exec("UPDATE counter SET n = ? WHERE id = 1", n+1).Error; err != nil {
						return err
					}
					if (w+i)%7 == 0 {
						return errBoom // rolled back: the turn must pass on
					}
					return nil
				})
				if err != nil && !errors.Is(err, errBoom) {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("transaction failed: %v", err)
	}
	want := 0
	for w := range workers {
		for i := range each {
			if (w+i)%7 != 0 {
				want++
			}
		}
	}
	var n int
	if err := db.Raw("SELECT n FROM counter WHERE id = 1").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("counter %d after %d committed increments", n, want)
	}
}

// TestSQLiteMemoryQueryBesideTransaction: on the one connection of an
// in-memory database, a query waiting for the connection while a
// transaction holds it must not stop the transaction from running the same
// statement (GORM's statement cache deadlocked here: go-gorm/gorm#7465).
func TestSQLiteMemoryQueryBesideTransaction(t *testing.T) {
	db, err := models.Open("sqlite::memory:", models.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatalf("db.DB(): %v", err)
	}
	defer sqlDB.Close()
	const query = "SELECT ? + 1"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outside := make(chan error, 1)
	done := make(chan error, 1)
	go func() {
		done <- db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			go func() {
				var n int
				outside <- db.WithContext(ctx).Raw(query, 1).Scan(&n).Error
			}()
			// Wait until the outside query waits for the connection.
			for sqlDB.Stats().WaitCount == 0 {
				select {
				case <-ctx.Done():
					return ctx.Err()
				default:
					runtime.Gosched()
				}
			}
			var n int
			return tx.Raw(query, 2).Scan(&n).Error
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("transaction: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the transaction and the query beside it deadlocked")
	}
	if err := <-outside; err != nil {
		t.Fatalf("query beside the transaction: %v", err)
	}
}
