package migrations

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// case0013 is what migration 13 adds to cases: where a case came from.
// Source is "native" for a case handled in Gongkai and "import" for a
// legacy case imported from an agency's register (台账); ImportKey is the
// register row's key (app/register Row.Key), unique per agency among
// imported cases (NULL for native ones, and NULLs never collide), and
// ImportHash fingerprints the imported row so that a re-import can tell
// an unchanged row from a corrected one.
type case0013 struct {
	Source     string `gorm:"size:8;not null;default:native"`
	ImportID   *uint
	ImportKey  *string `gorm:"size:80"`
	ImportHash string  `gorm:"size:64;not null;default:''"`
}

func (case0013) TableName() string { return "cases" }

// registerImport0013 is one uploaded register: the file (its bytes in the
// blob store), the preview's counts and, once confirmed, the result.
type registerImport0013 struct {
	ID         uint   `gorm:"primaryKey"`
	AgencyID   uint   `gorm:"not null;index:idx_register_imports_agency,priority:1"`
	UploadedBy uint   `gorm:"not null"`
	FileName   string `gorm:"size:255;not null"`
	Format     string `gorm:"size:8;not null"`
	SHA256     string `gorm:"size:64;not null;index:idx_register_imports_agency,priority:2"`
	Size       int64  `gorm:"not null"`
	BlobKey    string `gorm:"size:80;not null"`
	Status     string `gorm:"size:16;not null;check:chk_register_imports_status,status IN ('validating','ready','invalid','importing','imported','failed')"`
	Mode       string `gorm:"size:16;not null;default:''"`
	HeaderRow  int    `gorm:"not null;default:0"`
	// Preview counts: the non-empty data rows, those with errors, the
	// errors, and what confirming would do with the valid rows.
	Total      int `gorm:"not null;default:0"`
	Invalid    int `gorm:"not null;default:0"`
	ErrorCount int `gorm:"not null;default:0"`
	New        int `gorm:"not null;default:0"`
	Replace    int `gorm:"not null;default:0"`
	Unchanged  int `gorm:"not null;default:0"`
	Native     int `gorm:"not null;default:0"`
	// Result counts, once imported.
	Inserted int `gorm:"not null;default:0"`
	Replaced int `gorm:"not null;default:0"`
	Kept     int `gorm:"not null;default:0"`
	Skipped  int `gorm:"not null;default:0"`
	// Warnings (JSON) are the file's ignored columns; Problem (JSON) is the
	// file-level error of an invalid file or the failure of an import.
	Warnings    string `gorm:"type:text;not null;default:''"`
	Problem     string `gorm:"type:text;not null;default:''"`
	ConfirmedBy *uint
	ConfirmedAt *time.Time
	FinishedAt  *time.Time
	Version     int `gorm:"not null;default:1"`
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (registerImport0013) TableName() string { return "register_imports" }

// registerImportRow0013 is one data row of an upload as the preview shows
// it: a few of its cells and what confirming would do with it.
type registerImportRow0013 struct {
	ID            uint               `gorm:"primaryKey"`
	ImportID      uint               `gorm:"not null;uniqueIndex:idx_register_import_rows_row,priority:1"`
	Import        registerImport0013 `gorm:"foreignKey:ImportID;constraint:OnDelete:CASCADE"`
	RowNo         int                `gorm:"not null;uniqueIndex:idx_register_import_rows_row,priority:2"`
	Action        string             `gorm:"size:16;not null;check:chk_register_import_rows_action,action IN ('new','replace','unchanged','native','invalid')"`
	RowKey        string             `gorm:"size:80;not null;default:''"`
	CaseID        *uint
	RegisterNo    string `gorm:"size:64;not null;default:''"`
	ReceivedOn    string `gorm:"size:10;not null;default:''"`
	ApplicantName string `gorm:"size:128;not null;default:''"`
	Content       string `gorm:"size:255;not null;default:''"`
	AnsweredOn    string `gorm:"size:10;not null;default:''"`
	Outcome       string `gorm:"size:64;not null;default:''"`
	Errors        int    `gorm:"not null;default:0"`
}

func (registerImportRow0013) TableName() string { return "register_import_rows" }

// registerImportError0013 is one problem of one row: the column at fault
// and the message in both languages (never the cell's value, which may be
// an identity number).
type registerImportError0013 struct {
	ID         uint               `gorm:"primaryKey"`
	ImportID   uint               `gorm:"not null;index:idx_register_import_errors_row,priority:1"`
	Import     registerImport0013 `gorm:"foreignKey:ImportID;constraint:OnDelete:CASCADE"`
	RowNo      int                `gorm:"not null;index:idx_register_import_errors_row,priority:2"`
	ColumnName string             `gorm:"size:32;not null"`
	Code       string             `gorm:"size:64;not null"`
	ZH         string             `gorm:"type:text;not null"`
	EN         string             `gorm:"type:text;not null"`
}

func (registerImportError0013) TableName() string { return "register_import_errors" }

// up0013 lets an agency bring its existing register in (issue 10/10): the
// uploads with their previews, and the case columns that mark a legacy
// case and find it again when the same or a corrected register comes back.
func up0013(tx *gorm.DB) error {
	for _, col := range []string{"Source", "ImportID", "ImportKey", "ImportHash"} {
		if err := tx.Migrator().AddColumn(&case0013{}, col); err != nil {
			return fmt.Errorf("add cases.%s: %w", col, err)
		}
	}
	// The key leads so that no query on agency_id alone (the queue, the
	// reports) picks this index over the ones made for it.
	if err := tx.Exec("CREATE UNIQUE INDEX idx_cases_import_key ON cases (import_key, agency_id)").Error; err != nil {
		return err
	}
	return createTables(tx, &registerImport0013{}, &registerImportRow0013{}, &registerImportError0013{})
}
