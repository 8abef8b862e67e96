package content

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
)

// pageDataByMap is how prepassAll made each locale's data before it
// walked the sorted paths: in a map by path, the source pages' first,
// then the translations', its keys sorted. The oracle of
// TestPrepassPageData.
func pageDataByMap(cfg *config.Config, jobs []job, fronts []*frontData, drafts bool) map[string][]directive.PageData {
	def := cfg.DefaultLocale
	srcs := map[string]*frontData{}
	byLocale := map[string]map[string]*frontData{}
	for i, j := range jobs {
		if j.locale == def {
			srcs[j.path] = fronts[i]
		} else {
			if byLocale[j.locale] == nil {
				byLocale[j.locale] = map[string]*frontData{}
			}
			byLocale[j.locale][j.path] = fronts[i]
		}
	}
	out := map[string][]directive.PageData{}
	for _, l := range cfg.Locales {
		m := map[string]*guidedata.Data{}
		for p, s := range srcs {
			if s.ok && (!s.draft || drafts) {
				m[p] = s.data
			}
		}
		if l.Code != def {
			for p, t := range byLocale[l.Code] {
				s := srcs[p]
				if !t.ok || (s != nil && !s.ok) || (t.draft && !drafts) {
					continue
				}
				d := t.data
				if s != nil {
					d, _ = guidedata.Inherit(s.data, t.data, t.at)
				}
				m[p] = d
			}
		}
		var list []directive.PageData
		for _, p := range slices.Sorted(maps.Keys(m)) {
			if d := m[p]; d != nil && !d.Empty() {
				list = append(list, directive.PageData{Path: p, Data: d})
			}
		}
		out[l.Code] = list
	}
	return out
}

// TestPrepassPageData: the data of each locale that the pre-pass keeps
// is the oracle's, for pages with and without translations, source pages
// missing, drafts (left out or not), front matter that did not decode,
// pages with data and without.
func TestPrepassPageData(t *testing.T) {
	cfg := &config.Config{DefaultLocale: "en", Locales: []config.Locale{{Code: "en"}, {Code: "nl"}, {Code: "de"}}}
	at := func(path ...string) diag.Pos { return diag.Pos{File: "x.md"} }
	data := func(r *rand.Rand, id string) *guidedata.Data {
		switch r.IntN(3) {
		case 0:
			return &guidedata.Data{} // as readFront keeps it: never nil
		case 1:
			return &guidedata.Data{Threats: []string{"t-" + id}}
		}
		return &guidedata.Data{Recommendations: map[string]*guidedata.Recommendation{id: {Name: id}}}
	}
	for seed := range uint64(40) {
		for _, drafts := range []bool{false, true} {
			t.Run(fmt.Sprint(seed, drafts), func(t *testing.T) {
				r := rand.New(rand.NewPCG(seed, 7))
				var jobs []job
				var fronts []*frontData
				for i := range 30 {
					p := fmt.Sprintf("p%02d.md", r.IntN(40))
					for _, l := range cfg.Locales {
						if slices.Contains(jobs, job{l.Code, p}) || r.IntN(3) == 0 {
							continue
						}
						jobs = append(jobs, job{l.Code, p})
						f := &frontData{ok: r.IntN(5) != 0, draft: r.IntN(4) == 0, at: at}
						if f.ok { // else readFront keeps no data
							f.data = data(r, fmt.Sprint(i, l.Code))
						}
						fronts = append(fronts, f)
					}
				}
				// As NewLoader and Scan make them: the paths sorted, and
				// the jobs' order.
				ld := &Loader{cfg: cfg, Files: &FileList{jobs: jobs}}
				ld.ld.opts.Drafts = drafts
				for i, j := range jobs {
					ld.Files.sorted = append(ld.Files.sorted, int32(i))
					ld.paths = append(ld.paths, j.path)
				}
				slices.SortFunc(ld.Files.sorted, func(a, b int32) int { return jobs[a].compare(jobs[b]) })
				slices.Sort(ld.paths)
				ld.paths = slices.Compact(ld.paths)
				ld.prepassAll(jobs, fronts)
				want := pageDataByMap(cfg, jobs, fronts, drafts)
				for _, l := range cfg.Locales {
					if got := ld.pageData[l.Code]; !reflect.DeepEqual(got, want[l.Code]) {
						t.Errorf("%s: got\n%v\nwant\n%v", l.Code, got, want[l.Code])
					}
				}
			})
		}
	}
}
