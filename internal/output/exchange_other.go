//go:build !linux

package output

// exchange swaps two directories; without renameat2 it takes three renames.
func exchange(a, b string) error {
	return swapByRename(a, b)
}
