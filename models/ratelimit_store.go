package models

import (
	"context"

	"gorm.io/gorm"
)

// RateBucket is one rate-limit counter: a purpose and hashed client key in
// a one-minute window (Unix minutes), shared by every replica.
type RateBucket struct {
	BucketKey   string `gorm:"primaryKey;size:96"`
	WindowStart int64  `gorm:"primaryKey;autoIncrement:false"`
	Hits        int    `gorm:"not null"`
}

var bucketWhat = M("限流计数", "rate-limit bucket")

// HitRateBucket counts one request in a bucket and returns the count so
// far, in one atomic upsert: parallel requests on any replica each see a
// different count.
func HitRateBucket(ctx context.Context, db *gorm.DB, key string, window int64) (int, error) {
	var hits []int
	err := db.WithContext(ctx).Raw(`INSERT INTO rate_buckets (bucket_key, window_start, hits) VALUES (?, ?, 1)
		ON CONFLICT (bucket_key, window_start) DO UPDATE SET hits = rate_buckets.hits + 1 RETURNING hits`, key, window).Scan(&hits).Error
	if err != nil {
		return 0, translate(err, bucketWhat)
	}
	if len(hits) != 1 {
		return 0, translate(gorm.ErrRecordNotFound, bucketWhat)
	}
	return hits[0], nil
}

// PruneRateBuckets deletes the buckets of windows before window. One
// statement, so no transaction (see PruneLoginThrottles).
func PruneRateBuckets(ctx context.Context, db *gorm.DB, window int64) error {
	return translate(db.WithContext(ctx).Session(&gorm.Session{SkipDefaultTransaction: true}).
		Where("window_start < ?", window).Delete(&RateBucket{}).Error, bucketWhat)
}
