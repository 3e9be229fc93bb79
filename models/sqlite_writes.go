package models

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"gorm.io/gorm"
)

// SQLite lets one transaction write at a time. Every Gongkai transaction
// starts IMMEDIATE (it takes the write lock at BEGIN), so concurrent
// requests on one file used to meet in SQLite's busy handler, which sleeps
// and polls: under 16 clients the unlucky waited close to two seconds
// while others overtook them. sqliteWriters queues the transactions of
// this process in the application instead, first come first served, and
// the busy timeout is left for other processes on the same file (a CLI
// job beside the server). Reads outside transactions still run beside the
// writer (WAL).

// sqliteWriteWait is how long a transaction waits for its turn before it
// fails as unavailable; it matches the busy timeout.
const sqliteWriteWait = 10 * time.Second

// sqliteWriters is a connection pool whose transactions take turns.
type sqliteWriters struct {
	*sql.DB
	turn chan struct{}
}

var _ gorm.ConnPoolBeginner = (*sqliteWriters)(nil)

func newSQLiteWriters(db *sql.DB) *sqliteWriters {
	return &sqliteWriters{DB: db, turn: make(chan struct{}, 1)}
}

// GetDBConn gives GORM the underlying pool (gorm.DB.DB, PrepareStmt).
func (p *sqliteWriters) GetDBConn() (*sql.DB, error) { return p.DB, nil }

// BeginTx waits for the turn, then begins; the turn passes on at commit
// or rollback.
func (p *sqliteWriters) BeginTx(ctx context.Context, opts *sql.TxOptions) (gorm.ConnPool, error) {
	wait := time.NewTimer(sqliteWriteWait)
	defer wait.Stop()
	select {
	case p.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-wait.C:
		return nil, Unavailable(errors.New("sqlite: no turn to write within the busy timeout"))
	}
	tx, err := p.DB.BeginTx(ctx, opts)
	if err != nil {
		<-p.turn
		return nil, err
	}
	return &sqliteTx{Tx: tx, done: func() { <-p.turn }}, nil
}

// sqliteTx is a transaction that hands on the turn when it ends.
type sqliteTx struct {
	*sql.Tx
	once sync.Once
	done func()
}

var _ gorm.Tx = (*sqliteTx)(nil)

func (t *sqliteTx) Commit() error {
	defer t.once.Do(t.done)
	return t.Tx.Commit()
}

func (t *sqliteTx) Rollback() error {
	defer t.once.Do(t.done)
	return t.Tx.Rollback()
}
