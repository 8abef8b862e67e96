package guidedata

import (
	"slices"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestNotApplicableAndNetworks(t *testing.T) {
	var r Recommendation
	src := `
network: [p2p, anonymous-routing]
properties:
  open_source_servers: n/a
  audited: {value: partial, note: The protocol only.}
  forward_secrecy: true
  decentralized: false
`
	if err := yaml.Unmarshal([]byte(src), &r); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Network, Networks{"p2p", "anonymous-routing"}) {
		t.Errorf("network = %v", r.Network)
	}
	if r.Meets("open_source_servers") || !r.Satisfies("open_source_servers") {
		t.Error("n/a must satisfy a criterion for the checks but earn no badge")
	}
	ids := []string{"open_source_servers", "audited", "forward_secrecy", "decentralized", "all_platforms"}
	if got := r.Missing(ids); !slices.Equal(got, []string{"audited", "decentralized", "all_platforms"}) {
		t.Errorf("Missing = %v", got)
	}
	if got := r.Lacks(ids); !slices.Equal(got, []string{"decentralized", "all_platforms"}) {
		t.Errorf("Lacks = %v", got)
	}
	var one Recommendation
	if err := yaml.Unmarshal([]byte("network: relay\n"), &one); err != nil || !slices.Equal(one.Network, Networks{"relay"}) {
		t.Errorf("network = %v, %v", one.Network, err)
	}
	if err := yaml.Unmarshal([]byte("properties: {audited: maybe}\n"), &one); err == nil {
		t.Error("a value other than true, false, partial or n/a was accepted")
	}
}
