package migrations

import (
	"time"

	"gorm.io/gorm"
)

// Frozen copies as of migration 4: answer-time columns on cases, report
// locks, typical cases and answer templates (with the land-acquisition
// answer standards the district's 2023 plan asks for, item 30).

type case0004 struct {
	ElapsedWorkdays int
	OnTime          bool
}

func (case0004) TableName() string { return "cases" }

type reportLock0004 struct {
	Year      int  `gorm:"primaryKey;autoIncrement:false"`
	AgencyID  uint `gorm:"primaryKey;autoIncrement:false"` // 0: the whole government
	LockedBy  uint
	LockedAt  time.Time
	Snapshot  string `gorm:"type:text;not null"`
	CreatedAt time.Time
}

func (reportLock0004) TableName() string { return "report_locks" }

type typicalCase0004 struct {
	ID        uint      `gorm:"primaryKey"`
	CaseID    uint      `gorm:"not null;uniqueIndex"`
	Case      *case0002 `gorm:"foreignKey:CaseID"`
	Tags      string    `gorm:"size:500"`
	Analysis  string    `gorm:"type:text;not null"`
	MarkedBy  uint
	Version   int `gorm:"not null;default:1"`
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (typicalCase0004) TableName() string { return "typical_cases" }

type answerTemplate0004 struct {
	ID           uint   `gorm:"primaryKey"`
	Topic        string `gorm:"size:64;not null;index"`
	Stage        string `gorm:"size:64"`
	Outcome      string `gorm:"size:64;not null;index"`
	Title        string `gorm:"size:255;not null"`
	LegalBasis   string `gorm:"size:500;not null"`
	Body         string `gorm:"type:text;not null"`
	SourceCaseID *uint
	CreatedBy    *uint
	Active       bool `gorm:"not null"`
	Version      int  `gorm:"not null;default:1"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (answerTemplate0004) TableName() string { return "answer_templates" }

func up0004(tx *gorm.DB) error {
	m := tx.Migrator()
	for _, col := range []string{"ElapsedWorkdays", "OnTime"} {
		if err := m.AddColumn(&case0004{}, col); err != nil {
			return err
		}
	}
	if err := createTables(tx, &reportLock0004{}, &typicalCase0004{}, &answerTemplate0004{}); err != nil {
		return err
	}
	now := time.Now().UTC()
	for _, t := range landAcquisitionTemplates {
		t.Active, t.Version, t.CreatedAt, t.UpdatedAt = true, 1, now, now
		if err := tx.Create(&t).Error; err != nil {
			return err
		}
	}
	return nil
}

// landAcquisitionTemplates are the answer standards for land acquisition
// (土地征收): what is disclosed at each stage of the procedure (土地管理法
// Art 47 and 实施条例 Arts 26–31) and the usual grounds for withholding or
// referring. Agencies maintain them online afterwards.
var landAcquisitionTemplates = []answerTemplate0004{
	{Topic: "土地征收", Stage: "征收土地预公告", Outcome: "disclosed", Title: "征收土地预公告——予以公开",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（二）项；《中华人民共和国土地管理法实施条例》第二十六条",
		Body:       "经查，您申请公开的“{{项目名称}}”征收土地预公告，已由{{发布机关}}于{{发布日期}}在拟征收土地所在的乡（镇）和村、村民小组范围内发布，内容包括征收范围、征收目的、开展土地现状调查的安排等。现将该预公告提供给您（见附件）。"},
	{Topic: "土地征收", Stage: "征收土地预公告", Outcome: "disclosed", Title: "征收土地预公告——已主动公开，告知获取途径",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
		Body:       "经查，您申请公开的“{{项目名称}}”征收土地预公告属于已主动公开的政府信息，您可以通过{{公开途径（网址或公告栏地点）}}查阅、获取。"},
	{Topic: "土地征收", Stage: "土地现状调查结果", Outcome: "disclosed", Title: "土地现状调查结果——予以公开（涉及个人信息的区分处理）",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（二）项、第三十七条；《中华人民共和国土地管理法实施条例》第二十六条",
		Body:       "经查，“{{项目名称}}”土地现状调查结果（土地的权属、地类、面积以及农村村民住宅、其他地上附着物和青苗等的权属、种类、数量）现提供给您。其中涉及其他权利人姓名、身份证号码等个人信息的部分已作区分处理。"},
	{Topic: "土地征收", Stage: "征地补偿安置方案", Outcome: "disclosed", Title: "征地补偿安置方案——予以公开",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（二）项；《中华人民共和国土地管理法》第四十七条；《中华人民共和国土地管理法实施条例》第二十七条",
		Body:       "经查，“{{项目名称}}”征地补偿安置方案已于{{公告日期}}在拟征收土地所在的乡（镇）和村、村民小组范围内公告，公告时间不少于三十日，内容包括征收范围、土地现状、征收目的、补偿方式和标准、安置对象、安置方式、社会保障等。现将该方案提供给您（见附件）。"},
	{Topic: "土地征收", Stage: "征收土地公告", Outcome: "disclosed", Title: "征收土地公告——予以公开",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（二）项；《中华人民共和国土地管理法实施条例》第三十一条",
		Body:       "经查，“{{项目名称}}”征收土地申请经依法批准后，{{县级人民政府}}已于{{公告日期}}发布征收土地公告，公布征收范围、征收时间等具体工作安排以及对个别未达成补偿协议的作出征地补偿安置决定的情况。现将该公告提供给您。"},
	{Topic: "土地征收", Stage: "征地批准文件", Outcome: "disclosed", Title: "征地批准文件——予以公开",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
		Body:       "经查，“{{项目名称}}”征收土地的批准文件为{{批准机关}}《{{批复名称}}》（{{文号}}）。现将该批准文件提供给您（见附件）。"},
	{Topic: "土地征收", Stage: "征地批准文件", Outcome: "unable.not_held", Title: "征地批准文件——非本机关制作，告知负责机关",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
		Body:       "经查，您申请公开的“{{项目名称}}”征地批准文件由{{批准机关}}制作并保存，不属于本机关负责公开的政府信息。您可以向{{负责公开的机关}}（联系方式：{{联系方式}}）申请获取。"},
	{Topic: "土地征收", Stage: "补偿协议", Outcome: "partially_disclosed", Title: "征地补偿协议——区分处理后部分公开",
		LegalBasis: "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十七条",
		Body:       "经查，您申请公开的征地补偿协议中，涉及您本人的协议已提供给您；涉及其他被征收人的协议含有其个人信息，经书面征求第三方意见，第三方不同意公开，本机关对其中的个人信息作区分处理后，将补偿标准和金额部分提供给您。"},
	{Topic: "土地征收", Stage: "过程性信息", Outcome: "not_disclosed.process_info", Title: "征收过程中的内部讨论、请示材料——不予公开",
		LegalBasis: "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
		Body:       "经审查，您申请公开的{{信息名称}}属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、请示报告等过程性信息，根据《条例》第十六条第二款的规定，本机关不予公开。"},
	{Topic: "土地征收", Stage: "信息不存在", Outcome: "unable.not_held", Title: "所申请的征收材料经检索不存在",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
		Body:       "经本机关在{{检索范围（档案室、业务系统等）}}进行检索，未查找到您申请公开的{{信息名称}}，该政府信息不存在。"},
	{Topic: "土地征收", Stage: "信访举报", Outcome: "not_processed.petition", Title: "以申请形式反映征地补偿诉求——不作为信息公开申请处理",
		LegalBasis: "《中华人民共和国政府信息公开条例》第三十九条第一款",
		Body:       "您提交的申请实质是对征地补偿标准提出异议、要求重新核算补偿款，不属于政府信息公开申请。根据《条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理。您可以通过信访、行政复议等渠道反映诉求。"},
}
