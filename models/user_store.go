package models

import (
	"context"

	"gorm.io/gorm"
)

// FindUserDisplayNames maps user ids to their display names; unknown ids
// are absent.
func FindUserDisplayNames(ctx context.Context, db *gorm.DB, ids []uint) (map[uint]string, error) {
	names := map[uint]string{}
	if len(ids) == 0 {
		return names, nil
	}
	var rows []struct {
		ID          uint
		DisplayName string
	}
	if err := db.WithContext(ctx).Model(&User{}).Select("id, display_name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		names[r.ID] = r.DisplayName
	}
	return names, nil
}

// StaffRow is an agency's officer or supervisor, for assignment pickers.
type StaffRow struct {
	ID          uint
	DisplayName string
	Role        Role
}

// FindActiveAgencyStaff lists the active officers and supervisors of an
// agency, by role and id.
func FindActiveAgencyStaff(ctx context.Context, db *gorm.DB, agencyID uint) ([]StaffRow, error) {
	var rows []StaffRow
	err := db.WithContext(ctx).Model(&User{}).Select("id, display_name, role").
		Where("agency_id = ? AND active = ? AND role IN ?", agencyID, true, []Role{RoleOfficer, RoleSupervisor}).
		Order("role, id").Find(&rows).Error
	return rows, err
}
