package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// TestRenderTableCell renders cells of a body row and of the header with
// and without a class and an alignment.
func TestRenderTableCell(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header bool
		class  any // nil: none
		align  east.Alignment
		want   string
	}{
		{"plain", false, nil, east.AlignNone, "<td></td>\n"},
		{"aligned", false, nil, east.AlignRight, `<td class="align-right"></td>` + "\n"},
		{"class", false, []byte("a&b"), east.AlignNone, `<td class="a&amp;b"></td>` + "\n"},
		{"both", true, []byte("x"), east.AlignCenter, `<th class="x align-center"></th>` + "\n"},
		{"empty class", false, []byte(""), east.AlignLeft, `<td class="align-left"></td>` + "\n"},
		{"string class", false, "s", east.AlignNone, "<td></td>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			table := east.NewTable()
			var row ast.Node = east.NewTableRow(nil)
			if tc.header {
				row = east.NewTableHeader(east.NewTableRow(nil))
			}
			table.AppendChild(table, row)
			cell := east.NewTableCell()
			cell.Alignment = tc.align
			if tc.class != nil {
				cell.SetAttributeString("class", tc.class)
			}
			row.AppendChild(row, cell)
			var b Buffer
			_, _ = renderTableCell(&b, nil, cell, true)
			_, _ = renderTableCell(&b, nil, cell, false)
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}
