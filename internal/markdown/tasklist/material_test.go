package tasklist_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestGolden renders testdata/*.md through the dialect: Material's task
// list markup (pymdownx.tasklist with custom_checkbox).
func TestGolden(t *testing.T) { mdtest.Golden(t, mdtest.New()) }

func TestMaterialMarkup(t *testing.T) {
	m := mdtest.New()
	for _, tt := range []struct{ src, want string }{
		{"- [x] done\n- [ ] to do\n", `<ul class="task-list">
<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> done</li>
<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled><span class="task-list-indicator"></span></label> to do</li>
</ul>
`},
		// Only the items with a checkbox are task list items.
		{"- plain\n- [X] checked\n", `<ul class="task-list">
<li>plain</li>
<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> checked</li>
</ul>
`},
		// An attribute list's class is kept beside Material's.
		{"- [x] a\n\n{ .custom }\n", `<ul class="task-list custom">
<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked><span class="task-list-indicator"></span></label> a</li>
</ul>
`},
		{"1. [ ] first\n", `<ol class="task-list">
<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled><span class="task-list-indicator"></span></label> first</li>
</ol>
`},
		{"- no [ ] box\n", "<ul>\n<li>no [ ] box</li>\n</ul>\n"},
	} {
		if got, _ := mdtest.Render(t, m, tt.src); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func FuzzMaterial(f *testing.F) {
	mdtest.Fuzz(f, "- [x] a\n- [ ] b\n", "- [x] a\n  - [ ] b\n", "> - [X]\n", "- [ ]\r\n- [x] b\r\n", "1. [x] one\n\n   two\n")
}
