package pdfdoc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseBody(t *testing.T) {
	text := func(s string) []span { return []span{{text: s}} }
	tests := []struct {
		name string
		html string
		want []block
	}{
		{"paragraph", "<p>本机关收到申请。</p>", []block{para{spans: text("本机关收到申请。"), indent: true}}},
		{"noindent", `<p class="noindent">张三：</p>`, []block{para{spans: text("张三：")}}},
		{"source line breaks inside Chinese vanish", "<p>政府\n    信息公开 申请</p>", []block{para{spans: text("政府信息公开申请"), indent: true}}},
		{"spaces around Latin stay", "<p>延长 20 个工作日</p>", []block{para{spans: text("延长 20 个工作日"), indent: true}}},
		{"entities", "<p>&lt;条例&gt; &amp; “规定”</p>", []block{para{spans: text("<条例> & “规定”"), indent: true}}},
		{"bold and break", "<p>因<strong>材料较多</strong>，<br>不能答复。</p>",
			[]block{para{spans: []span{{text: "因"}, {text: "材料较多", bold: true}, {text: "，\n不能答复。"}}, indent: true}}},
		{"pre keeps lines and spaces", "<div class=\"pre\">联系人：王五\n  电话：0634-1234567\n</div>",
			[]block{para{spans: text("联系人：王五\n  电话：0634-1234567"), pre: true}}},
		{"p.pre", "<p class=\"pre\">甲\n乙</p>", []block{para{spans: text("甲\n乙"), pre: true}}},
		{"ordered list", "<ol><li>第一项；</li><li>第二项。</li></ol>",
			[]block{para{spans: []span{{text: "1."}, {text: "第一项；"}}, indent: true}, para{spans: []span{{text: "2."}, {text: "第二项。"}}, indent: true}}},
		{"list start", "<ol start=\"3\"><li>丙</li></ol>", []block{para{spans: []span{{text: "3."}, {text: "丙"}}, indent: true}}},
		{"unordered list", "<ul><li>甲</li></ul>", []block{para{spans: []span{{text: "· "}, {text: "甲"}}, indent: true}}},
		{"loose text is a paragraph", "特此告知。", []block{para{spans: text("特此告知。"), indent: true}}},
		{"unknown tags render their text", "<section><h3>一、事项</h3><p>内容<em>强调</em></p></section>",
			[]block{para{spans: text("一、事项"), indent: true}, para{spans: text("内容强调"), indent: true}}},
		{"script is dropped", "<p>甲<script>alert(1)</script></p>", []block{para{spans: text("甲"), indent: true}}},
		{"table", "<table><tr><th>申请人</th><td>张三</td></tr><tr><td colspan=\"2\">合计</td></tr></table>",
			[]block{tableBlock{rows: [][]tableCell{
				{{spans: text("申请人"), header: true, colspan: 1}, {spans: text("张三"), colspan: 1}},
				{{spans: text("合计"), colspan: 2}},
			}}}},
		{"empty", "  ", nil},
	}
	opts := cmp.AllowUnexported(para{}, tableBlock{}, tableCell{}, span{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseBody(tt.html)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, opts); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
		})
	}
}
