package build

import "sync"

// workers runs tasks on n long-lived goroutines, started by newWorkers
// and ended by wait. A page's work needs a deep stack (goldmark's block
// and inline recursion, the templates); a goroutine per page would start
// small and grow, copying its stack, for every page, where a worker
// grows it once. Go blocks while all n are busy, as an errgroup.Group
// with a limit of n does.
type workers struct {
	tasks chan func()
	done  sync.WaitGroup
}

// newWorkers starts n (at least one) workers.
func newWorkers(n int) *workers {
	w := &workers{tasks: make(chan func())}
	for range max(n, 1) {
		w.done.Go(func() {
			for task := range w.tasks {
				task()
			}
		})
	}
	return w
}

// Go runs task on a worker, waiting for one to be free.
func (w *workers) Go(task func()) {
	w.tasks <- task
}

// wait waits for the tasks given to Go to finish and ends the workers;
// Go must not be called after it.
func (w *workers) wait() {
	close(w.tasks)
	w.done.Wait()
}
