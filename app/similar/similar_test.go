package similar

import "testing"

func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		match bool // at the default threshold 0.5
	}{
		{"same document, different wording",
			"申请公开莱芜区2025年凤城街道土地征收的征地补偿安置方案",
			"请公开2025年莱芜区凤城街道土地征收征地补偿安置方案全文", true},
		{"same project, punctuation and spaces",
			"莱芜区 鹏泉街道 棚户区改造项目 房屋征收决定",
			"莱芜区鹏泉街道棚户区改造项目的房屋征收决定。", true},
		{"full-width digits fold",
			"济政字〔２０２５〕１２号文件", "济政字〔2025〕12号文件", true},
		{"same topic, different information",
			"申请公开莱芜区2025年凤城街道土地征收的征地补偿安置方案",
			"申请公开莱芜区2025年教育经费预算执行情况", false},
		{"unrelated",
			"区水务局2024年河道采砂许可名单", "区卫生健康局医疗机构执业登记信息", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Score(tc.a, tc.b)
			if (s >= 0.5) != tc.match {
				t.Errorf("Score = %.3f, match %v", s, tc.match)
			}
			if Score(tc.b, tc.a) != s {
				t.Error("not symmetric")
			}
		})
	}
	if Score("", "") != 0 || Score("同", "同") != 1 {
		t.Fatal("edge cases")
	}
}
