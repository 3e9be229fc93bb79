package app

import (
	"context"
	"sync"
	"sync/atomic"

	"gongkai/models"
)

// RateLimiter counts requests per purpose and client key in one-minute
// windows and refuses those over a limit. On PostgreSQL the counts live in
// the database (rate_buckets, one atomic upsert per request), so that
// every replica behind a load balancer counts into the same buckets; on
// SQLite, a single process, they live in memory. Keys are stored hashed
// (they hold client addresses and typed usernames). Errors:
// KindRateLimited, KindUnavailable.
type RateLimiter struct {
	Deps
	shared bool

	mu        sync.Mutex
	memWindow int64
	mem       map[string]int

	// nextPrune is the first window in which old buckets are deleted again.
	nextPrune atomic.Int64
}

// NewRateLimiter builds the limiter: shared through the database on
// PostgreSQL, in memory on SQLite.
func NewRateLimiter(d Deps) *RateLimiter {
	return &RateLimiter{Deps: d, shared: models.DialectOf(d.DB) == models.Postgres, mem: map[string]int{}}
}

// Take counts one request of purpose from key and refuses it when it is
// more than perMinute in the current minute, saying when the next minute
// begins (Retry-After).
func (r *RateLimiter) Take(ctx context.Context, purpose, key string, perMinute int) error {
	now := r.Now().Unix()
	window := now / 60
	bucket := purpose + ":" + sha256Hex(key)[:40]
	n, err := r.hit(ctx, bucket, window)
	if err != nil {
		return err
	}
	if n <= perMinute {
		return nil
	}
	return &models.Error{Kind: models.KindRateLimited, Code: "rate_limited",
		Msg: models.M("请求过于频繁，请稍后再试", "too many requests; try again later"), RetryAfterSeconds: int(60 - now%60)}
}

func (r *RateLimiter) hit(ctx context.Context, bucket string, window int64) (int, error) {
	if !r.shared {
		r.mu.Lock()
		defer r.mu.Unlock()
		if window != r.memWindow {
			r.mem, r.memWindow = map[string]int{}, window
		}
		r.mem[bucket]++
		return r.mem[bucket], nil
	}
	if next := r.nextPrune.Load(); window >= next && r.nextPrune.CompareAndSwap(next, window+1) {
		if err := models.PruneRateBuckets(ctx, r.DB, window); err != nil {
			r.Log.WarnContext(ctx, "prune rate buckets", "err", err.Error())
		}
	}
	return models.HitRateBucket(ctx, r.DB, bucket, window)
}
