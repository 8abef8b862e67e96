package content

// PoisonReleased makes Unit.Release overwrite the buffers of the pages
// it releases (or stop doing so); it returns the previous setting.
func PoisonReleased(on bool) (was bool) {
	was, poisonReleased = poisonReleased, on
	return was
}
