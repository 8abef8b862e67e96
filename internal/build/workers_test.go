package build

import (
	"sync/atomic"
	"testing"

	"golang.org/x/sync/errgroup"
)

// TestWorkers: every task runs before wait returns, and while all n
// workers are busy no task is taken (Go would block).
func TestWorkers(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		limit := max(n, 1)
		w := newWorkers(n)
		var ran atomic.Int64
		started := make(chan struct{})
		release := make(chan struct{})
		for range limit {
			w.Go(func() {
				started <- struct{}{}
				<-release
				ran.Add(1)
			})
		}
		for range limit {
			<-started
		}
		select {
		case w.tasks <- func() { ran.Add(1) }:
			t.Errorf("n=%d: a task was taken while all %d workers were busy", n, limit)
		default:
		}
		close(release)
		const more = 50
		for range more {
			w.Go(func() { ran.Add(1) })
		}
		w.wait()
		if got, want := ran.Load(), int64(limit+more); got != want {
			t.Errorf("n=%d: %d tasks ran before wait returned, want %d", n, got, want)
		}
	}
}

// deep recurses d frames of about 1 KiB each, as a page's parse and
// templates do.
//
//go:noinline
func deep(d int) int {
	var pad [128]int
	pad[d%128] = d
	if d == 0 {
		return pad[0]
	}
	return deep(d-1) + pad[d%128]
}

// BenchmarkDeepTasks compares a goroutine per task (errgroup with a
// limit) with workers, for tasks that need a 64 KiB stack: the first
// grows and copies a new stack for every task.
func BenchmarkDeepTasks(b *testing.B) {
	const tasks = 1000
	b.Run("errgroup", func(b *testing.B) {
		for b.Loop() {
			var g errgroup.Group
			g.SetLimit(3)
			for range tasks {
				g.Go(func() error { deep(64); return nil })
			}
			_ = g.Wait()
		}
	})
	b.Run("workers", func(b *testing.B) {
		for b.Loop() {
			w := newWorkers(3)
			for range tasks {
				w.Go(func() { deep(64) })
			}
			w.wait()
		}
	})
}
