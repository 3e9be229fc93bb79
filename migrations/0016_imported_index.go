package migrations

import "gorm.io/gorm"

// up0016 indexes the imported (legacy) cases apart: the annual report
// counts them for every year, and without an index of their own that count
// read the whole cases table (240–400 ms on a million cases). The index is
// partial, so it holds only the few imported rows; queries state its
// condition as a literal (models.importedCondition) for both planners.
func up0016(tx *gorm.DB) error {
	return tx.Exec("CREATE INDEX idx_cases_imported ON cases (receipt_year, concluded_year, agency_id) WHERE source = 'import'").Error
}
