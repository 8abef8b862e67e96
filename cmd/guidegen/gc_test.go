package main

import "testing"

// TestGCSettings: the collector is off under the soft limit unless the
// environment sets GOGC or GOMEMLIMIT; with GOMEMLIMIT alone it is 300.
func TestGCSettings(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want gc
	}{
		{"neither", nil, gc{limit: gcLimit, setLimit: true, percent: -1, setPercent: true}},
		{"GOGC", map[string]string{"GOGC": "200"}, gc{limit: gcLimit, setLimit: true}},
		{"GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "1GiB"}, gc{percent: 300, setPercent: true}},
		{"both", map[string]string{"GOGC": "off", "GOMEMLIMIT": "1GiB"}, gc{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gcSettings(func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("gcSettings = %+v, want %+v", got, tt.want)
			}
		})
	}
	if gcLimit > 104<<20 {
		t.Errorf("gcLimit is %d MiB: a build's peak RSS is some 15-18 MiB more, which must stay within 128 MiB", gcLimit>>20)
	}
}
