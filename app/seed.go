package app

import (
	"context"
	"fmt"
	"strings"

	"gongkai/models"
)

// DemoPassword is the password of every demo account (demo seed only).
const DemoPassword = "gongkai-demo"

// DemoAgencies are the district government office and the departments
// named in the district's 2023 work plan.
var DemoAgencies = []AgencyInput{
	{Name: "济南市莱芜区人民政府办公室", ShortName: "区政府办公室", Code: "ZFB", DocPrefix: "莱芜区政府办", Address: "济南市莱芜区鹏泉街道龙潭东大街1号", Phone: "0531-76211000", Email: "zfb@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区城乡交通运输局", ShortName: "区城乡交通运输局", Code: "JTJ", DocPrefix: "莱芜区交通", Phone: "0531-76211010", Email: "jtj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区城市规划协调服务中心", ShortName: "区城市规划协调服务中心", Code: "GHZX", DocPrefix: "莱芜区规划中心", Phone: "0531-76211020", Email: "ghzx@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区自然资源局", ShortName: "区自然资源局", Code: "ZRJ", DocPrefix: "莱芜区自然资源", Phone: "0531-76211030", Email: "zrj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区发展和改革局", ShortName: "区发展改革局", Code: "FGJ", DocPrefix: "莱芜区发改", Phone: "0531-76211040", Email: "fgj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区教育和体育局", ShortName: "区教育和体育局", Code: "JTYJ", DocPrefix: "莱芜区教体", Phone: "0531-76211050", Email: "jtyj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区住房和城乡建设局", ShortName: "区住房城乡建设局", Code: "ZJJ", DocPrefix: "莱芜区住建", Phone: "0531-76211060", Email: "zjj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区民政局", ShortName: "区民政局", Code: "MZJ", DocPrefix: "莱芜区民政", Phone: "0531-76211070", Email: "mzj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区人力资源和社会保障局", ShortName: "区人力资源社会保障局", Code: "RSJ", DocPrefix: "莱芜区人社", Phone: "0531-76211080", Email: "rsj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区市场监督管理局", ShortName: "区市场监管局", Code: "SJJ", DocPrefix: "莱芜区市监", Phone: "0531-76211090", Email: "sjj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区司法局", ShortName: "区司法局", Code: "SFJ", DocPrefix: "莱芜区司法", Phone: "0531-76211100", Email: "sfj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区卫生健康局", ShortName: "区卫生健康局", Code: "WJJ", DocPrefix: "莱芜区卫健", Phone: "0531-76211110", Email: "wjj@laiwu.example.gov.cn"},
	{Name: "济南市莱芜区水务局", ShortName: "区水务局", Code: "SWJ", DocPrefix: "莱芜区水务", Phone: "0531-76211120", Email: "swj@laiwu.example.gov.cn"},
}

// The remedy bodies of the demo agencies: the district government decides
// reconsiderations of its departments (行政复议法 2023 Art 24), and the
// district court hears the lawsuits.
const (
	demoReconsiderationBody = "济南市莱芜区人民政府"
	demoCourt               = "济南市莱芜区人民法院"
)

// demoSupervisorNames name each demo agency's own supervisor
// (demo-supervisor-<code>), in the order of DemoAgencies.
var demoSupervisorNames = []string{"孙立新", "周海波", "吴建华", "郑丽娟", "王德明", "冯晓东", "褚文静", "卫志强", "蒋红梅", "沈国庆", "韩雪松", "杨继伟", "朱玉兰"}

func isDemoAgency(code string) bool {
	for _, a := range DemoAgencies {
		if a.Code == code {
			return true
		}
	}
	return false
}

// SeedReport says what a seed run created.
type SeedReport struct {
	Agencies int
	Users    int
}

// SeedService loads demo data: the demo agencies and accounts, and bulk
// synthetic cases for load tests and benchmarks. It refuses nothing
// itself; main.go keeps it out of production. Errors: those of the
// agency and user services and of the database.
type SeedService struct {
	Deps
	sealer   *Sealer
	agencies *AgencyService
	users    *UserService
	cal      *CalendarService
}

// Demo loads the demo agencies and accounts. It is idempotent: what exists
// is left alone.
func (s *SeedService) Demo(ctx context.Context) (SeedReport, error) {
	var rep SeedReport
	actor, err := systemActor(ctx, s.DB)
	if err != nil {
		return rep, fmt.Errorf("seed: %w", err)
	}
	byCode, created, err := s.demoAgencies(ctx, actor)
	rep.Agencies = created
	if err != nil {
		return rep, err
	}
	rep.Users, err = s.demoUsers(ctx, actor, demoUserInputs(byCode))
	return rep, err
}

// demoAgencies creates the demo agencies that do not exist yet, and names
// the remedy bodies of those created before agencies had them. It returns
// every agency's id by code and how many it created.
func (s *SeedService) demoAgencies(ctx context.Context, actor Actor) (map[string]uint, int, error) {
	existing, err := models.FindAgencies(ctx, s.DB, false)
	if err != nil {
		return nil, 0, err
	}
	byCode := map[string]uint{}
	for _, a := range existing {
		byCode[a.Code] = a.ID
		if a.ReconsiderationBody == "" && a.Court == "" && isDemoAgency(a.Code) {
			// Demo data from before agencies named their remedy bodies.
			a.ReconsiderationBody, a.Court = demoReconsiderationBody, demoCourt
			if err := models.UpdateAgency(ctx, s.DB, a); err != nil {
				return nil, 0, fmt.Errorf("seed agency %s: %w", a.Code, err)
			}
		}
	}
	created := 0
	for _, in := range DemoAgencies {
		in.ReconsiderationBody, in.Court = demoReconsiderationBody, demoCourt
		if _, ok := byCode[in.Code]; ok {
			continue
		}
		a, err := s.agencies.Create(ctx, actor, in)
		if err != nil {
			return nil, created, fmt.Errorf("seed agency %s: %w", in.Code, err)
		}
		byCode[a.Code] = a.ID
		created++
	}
	return byCode, created, nil
}

// demoUserInputs are the demo accounts: two applicants, officers, the
// district-wide supervisor, an administrator and every agency's own
// supervisor.
func demoUserInputs(byCode map[string]uint) []UserInput {
	ptr := func(code string) *uint { id := byCode[code]; return &id }
	users := []UserInput{
		{Username: "demo-applicant", Role: "applicant", Identity: &IdentityInput{
			ApplicantType: "natural", Name: "张明", IDType: "resident_id", IDNumber: WithIDCheck("37120219850317203"),
			Phone: "13905310001", Email: "demo-applicant@example.com", Address: "济南市莱芜区凤城街道文化北路12号"}},
		{Username: "demo-org", Role: "applicant", Identity: &IdentityInput{
			ApplicantType: "organization", Name: "山东泰山明德律师事务所", OrgCategory: "legal_service",
			CreditCode: WithCreditCheck("31370000MD0123456"), LegalRepresentative: "李建国", ContactPerson: "王律师",
			Phone: "13905310002", Email: "demo-org@example.com", Address: "济南市莱芜区长勺北路8号"}},
		{Username: "demo-officer", Role: "officer", AgencyID: ptr("ZFB"), DisplayName: "刘晓燕", Phone: "13905310011", Email: "demo-officer@example.com"},
		{Username: "demo-officer2", Role: "officer", AgencyID: ptr("ZRJ"), DisplayName: "赵国强", Phone: "13905310012", Email: "demo-officer2@example.com"},
		{Username: "demo-supervisor", Role: "supervisor", AgencyID: ptr("ZFB"), DistrictWide: true, DisplayName: "陈志远", Phone: "13905310021", Email: "demo-supervisor@example.com"},
		{Username: "demo-admin", Role: "admin", DisplayName: "系统管理员", Email: "demo-admin@example.com"},
	}
	// Art 33: every agency's own head of its disclosure office approves its
	// extensions and answers.
	for i, a := range DemoAgencies {
		users = append(users, UserInput{Username: "demo-supervisor-" + strings.ToLower(a.Code), Role: "supervisor", AgencyID: ptr(a.Code),
			DisplayName: demoSupervisorNames[i%len(demoSupervisorNames)], Phone: fmt.Sprintf("139053101%02d", 30+i),
			Email: "demo-supervisor-" + strings.ToLower(a.Code) + "@example.com"})
	}
	return users
}

// demoUsers creates the accounts that do not exist yet, with the demo
// password, and returns how many it created.
func (s *SeedService) demoUsers(ctx context.Context, actor Actor, users []UserInput) (int, error) {
	created := 0
	for _, in := range users {
		if _, err := models.FindUserByUsername(ctx, s.DB, in.Username); err == nil {
			continue
		} else if models.ErrorKind(err) != models.KindNotFound {
			return created, err
		}
		in.Password = DemoPassword
		if _, err := s.users.Create(ctx, actor, in); err != nil {
			return created, fmt.Errorf("seed user %s: %w", in.Username, err)
		}
		created++
	}
	return created, nil
}
