//go:build !unix

package output

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return -1 }
