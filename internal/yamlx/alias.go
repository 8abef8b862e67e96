package yamlx

import (
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
)

// An alias (*name) stands for all the values of its anchor (&name), so a
// few lines of YAML can stand for billions of values ("billion laughs"):
// 28 KB of front matter took 6.6 s and 413 MB to decode. yaml.v3 refuses
// such documents when it decodes them itself, but yamlx walks the nodes.
// A text may therefore stand for at most AliasFactor times the values
// written in it, or MinAliasBudget values if that is more; and an alias
// may not stand for a value that contains it.
const (
	AliasFactor    = 10
	MinAliasBudget = 10000
)

// checkAliases reports the first alias, in document order, at which the
// values that root stands for (every alias counting as all the values of
// its anchor, as a decoder visits them) pass the budget, and an alias
// inside the value it refers to. Its work is linear in the size of root.
func (s Source) checkAliases(root *yaml.Node) *diag.Problem {
	written, aliases := 0, false
	var count func(n *yaml.Node)
	count = func(n *yaml.Node) {
		written++
		aliases = aliases || n.Kind == yaml.AliasNode
		for _, c := range n.Content {
			count(c)
		}
	}
	count(root)
	if !aliases {
		return nil
	}
	limit := max(MinAliasBudget, AliasFactor*written)
	c := aliasCounter{limit: limit, sizes: map[*yaml.Node]int{}}
	total := 0
	var walk func(n *yaml.Node) *diag.Problem
	walk = func(n *yaml.Node) *diag.Problem {
		if n.Kind != yaml.AliasNode {
			total++
			for _, ch := range n.Content {
				if p := walk(ch); p != nil {
					return p
				}
			}
			return nil
		}
		size, cyclic := c.size(n.Alias)
		if cyclic != nil {
			return diag.Errorf(s.Pos(cyclic), "YAML alias *%s stands for a value that contains it", cyclic.Value)
		}
		if total += size; total > limit {
			return diag.Errorf(s.Pos(n), "YAML aliases stand for too many values: with *%s, more than %d (%d times the %d written, at least %d); write fewer aliases",
				n.Value, limit, AliasFactor, written, MinAliasBudget)
		}
		return nil
	}
	return walk(root)
}

// aliasCounter counts the values that nodes stand for, aliases followed.
type aliasCounter struct {
	limit int
	// sizes holds the counts found, at most limit+1; -1 while a node is
	// being counted.
	sizes map[*yaml.Node]int
}

// size returns the number of values n stands for, or more than limit when
// that is more; cyclic is an alias found inside the value it refers to.
func (c *aliasCounter) size(n *yaml.Node) (size int, cyclic *yaml.Node) {
	if n == nil {
		return 0, nil
	}
	if v, ok := c.sizes[n]; ok {
		return v, nil
	}
	c.sizes[n] = -1
	size = 1
	for _, ch := range n.Content {
		target := ch
		if ch.Kind == yaml.AliasNode {
			target = ch.Alias
			if c.sizes[target] == -1 {
				return 0, ch
			}
		}
		v, cyc := c.size(target)
		if cyc != nil {
			return 0, cyc
		}
		size = min(size+v, c.limit+1)
	}
	c.sizes[n] = size
	return size, nil
}
