// Package jobs holds Gongkai's scheduled jobs (robfig/cron v3, Asia/Shanghai):
// one file per job, each a thin function that calls app. Nothing imports jobs
// but main.go.
package jobs
