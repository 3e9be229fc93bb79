package migrations

import "gorm.io/gorm"

// up0017 tunes PostgreSQL's autovacuum for the two tables that grow into
// the millions. With the defaults a table is vacuumed after a fifth of its
// rows changed: 200,000 case updates on a million cases, and until then
// the reports' index-only scans fetch every changed row from the heap (the
// annual report 3–7× slower after a burst of actions). Vacuuming after 1 %
// keeps the visibility map fresh; the timeline, which only grows, is
// vacuumed for its inserts after 2 % so that its index-only reads stay
// so. SQLite has no autovacuum of this kind: nothing to do there.
func up0017(tx *gorm.DB) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	for _, s := range []string{
		"ALTER TABLE cases SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)",
		"ALTER TABLE case_events SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)",
	} {
		if err := tx.Exec(s).Error; err != nil {
			return err
		}
	}
	return nil
}
