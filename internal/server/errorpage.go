package server

import (
	"bytes"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// errorPage is what every HTML request gets while the site does not build.
// It is the server's own page, not the site's: its CSP (sent as a header)
// allows its inline style and the reload script, nothing else.
var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · guidegen serve</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; background: #fff; }
h1 { color: #b00020; font-size: 1.5rem; }
ol { padding-left: 1.5rem; }
li { margin-bottom: 1.25rem; }
.pos { font-family: ui-monospace, monospace; font-weight: bold; }
pre { background: #f6f6f6; border-left: 3px solid #b00020; padding: .5rem .75rem; overflow-x: auto; margin: .25rem 0 0; }
.hint { color: #555; }
@media (prefers-color-scheme: dark) {
  body { color: #ddd; background: #181818; }
  h1 { color: #ff6b81; }
  pre { background: #262626; border-color: #ff6b81; }
  .hint { color: #aaa; }
}
</style>
</head>
<body>
<h1>The site does not build: {{len .Problems}} {{if eq (len .Problems) 1}}problem{{else}}problems{{end}}</h1>
<p class="hint">Fix {{if eq (len .Problems) 1}}it{{else}}them{{end}} and save: this page reloads by itself when the site builds again. Styles and images are still served from the last good build.</p>
<ol>
{{- range .Problems}}
<li><span class="pos">{{.Pos}}</span>{{if .Pos.File}}: {{end}}{{.Msg}}
{{- if .Line}}
<pre><code>{{printf "%5d | " .Pos.Line}}{{.Line}}
{{- if .HasCol}}
      | {{.Caret}}^{{end}}</code></pre>
{{- end}}
</li>
{{- end}}
</ol>
{{.Script}}
</body>
</html>
`))

// errorCSP is the Content-Security-Policy of the error page.
const errorCSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"

func (s *Server) serveErrorPage(w http.ResponseWriter, r *http.Request, st *state) {
	// Line is the source line a problem is on ("" when unknown), Caret
	// the spaces before its column when it has one.
	type problem struct {
		Pos         diag.Pos
		Msg         string
		Line, Caret string
		HasCol      bool
	}
	var data struct {
		Problems []problem
		Script   template.HTML
	}
	files := map[string][]string{}
	for _, p := range st.problems {
		line, caret := s.sourceLine(files, p.Pos)
		data.Problems = append(data.Problems, problem{Pos: p.Pos, Msg: p.Msg, Line: line, Caret: caret, HasCol: p.Pos.Col > 0})
	}
	data.Script = template.HTML(injectScript(nil, st.version(s.id)))
	var buf bytes.Buffer
	if err := errorPage.Execute(&buf, &data); err != nil {
		http.Error(w, "rendering the error page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", errorCSP)
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// sourceLine returns the line of the site's source at pos, read through the
// site (so never from outside it), with tabs shown as spaces, and the
// spaces that put a caret under pos's column; "" when pos has no line or
// the file cannot be read. files caches the lines of each file read.
func (s *Server) sourceLine(files map[string][]string, pos diag.Pos) (line, caret string) {
	if pos.Line <= 0 || pos.File == "" || !fs.ValidPath(pos.File) || s.src == nil {
		return "", ""
	}
	lines, ok := files[pos.File]
	if !ok {
		// The build read the site's file, or the bundled theme's where
		// the site has none (templates/, assets/, locales/).
		fsys := sitefs.Layered{s.src.FS}
		if s.src.Theme != nil {
			fsys = append(fsys, s.src.Theme)
		}
		src, err := limits.ReadFile(fsys, pos.File, limits.PageSize)
		if err == nil {
			lines = strings.Split(string(src), "\n")
		}
		files[pos.File] = lines
	}
	if pos.Line > len(lines) {
		return "", ""
	}
	raw := strings.TrimSuffix(lines[pos.Line-1], "\r")
	if !utf8.ValidString(raw) {
		raw = strings.ToValidUTF8(raw, "\uFFFD")
	}
	// Columns count runes; a tab is shown as four spaces, so the caret
	// counts them so too.
	var b, c strings.Builder
	col := 1
	for _, r := range raw {
		w := " "
		if r == '\t' {
			w = "    "
			b.WriteString(w)
		} else {
			b.WriteRune(r)
		}
		if col < pos.Col {
			c.WriteString(w)
		}
		col++
	}
	if pos.Col <= 0 {
		return b.String(), ""
	}
	return b.String(), c.String()
}
