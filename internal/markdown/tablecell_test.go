package markdown

import (
	"fmt"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
)

// oracleRenderTableCell is renderTableCell as it was before it wrote the
// usual start tags at once.
func oracleRenderTableCell(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag, scope := "td", ""
	switch {
	case n.Parent().Kind() == east.KindTableHeader:
		tag = "th"
	case isRowHeader(n):
		tag, scope = "th", ` scope="row"`
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	_, _ = w.WriteString(scope)
	// The class: the cell's own, then its alignment, written without
	// building the string (util.EscapeHTML leaves alignment names as
	// they are).
	var class []byte
	if v, ok := n.AttributeString("class"); ok {
		if b, ok := v.([]byte); ok {
			class = b
		}
	}
	if len(class) > 0 || n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` class="`)
		_, _ = w.Write(util.EscapeHTML(class))
		if n.Alignment != east.AlignNone {
			if len(class) > 0 {
				_ = w.WriteByte(' ')
			}
			_, _ = w.WriteString("align-")
			_, _ = w.WriteString(n.Alignment.String())
		}
		_ = w.WriteByte('"')
	}
	for _, a := range n.Attributes() {
		if string(a.Name) == "class" {
			continue
		}
		filter := extension.TableTdCellAttributeFilter
		if tag == "th" {
			filter = extension.TableThCellAttributeFilter
		}
		if !filter.Contains(a.Name) {
			continue
		}
		switch v := a.Value.(type) {
		case []byte:
			htmlpolicy.WriteAttr(w, a.Name, v)
		case string:
			htmlpolicy.WriteAttr(w, a.Name, []byte(v))
		}
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// TestRenderTableCellOracle: renderTableCell writes what
// oracleRenderTableCell writes for cells of the header and of body rows
// (first or not, in a table with row-headers or not), with every
// alignment (and an unknown one), with and without a class and other
// attributes.
func TestRenderTableCellOracle(t *testing.T) {
	attrSets := [][][2]any{
		nil,
		{{"class", []byte("c&d")}},
		{{"class", []byte("")}},
		{{"class", "s"}},
		{{"lang", []byte("en")}},
		{{"lang", []byte("en")}, {"class", []byte("x")}, {"colspan", []byte("2")}, {"onclick", []byte("x()")}, {"scope", "col"}},
	}
	n := 0
	for _, header := range []bool{false, true} {
		for _, rowHeaders := range []bool{false, true} {
			for _, first := range []bool{false, true} {
				for align := east.Alignment(0); align <= east.AlignNone+1; align++ {
					for ai, attrs := range attrSets {
						table := east.NewTable()
						if rowHeaders {
							table.SetAttributeString("row-headers", []byte("1"))
						}
						var row ast.Node = east.NewTableRow(nil)
						if header {
							row = east.NewTableHeader(east.NewTableRow(nil))
						}
						table.AppendChild(table, row)
						if !first {
							row.AppendChild(row, east.NewTableCell())
						}
						cell := east.NewTableCell()
						cell.Alignment = align
						for _, a := range attrs {
							cell.SetAttributeString(a[0].(string), a[1])
						}
						row.AppendChild(row, cell)
						var got, want Buffer
						for _, entering := range []bool{true, false} {
							_, _ = renderTableCell(&got, nil, cell, entering)
							_, _ = oracleRenderTableCell(&want, nil, cell, entering)
						}
						if got.String() != want.String() {
							t.Errorf("%s: %q, want %q", fmt.Sprint("header ", header, " row-headers ", rowHeaders, " first ", first, " align ", align, " attrs ", ai), got.String(), want.String())
						}
						n++
					}
				}
			}
		}
	}
	if n != 2*2*2*6*len(attrSets) {
		t.Fatalf("%d cases", n)
	}
}

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
