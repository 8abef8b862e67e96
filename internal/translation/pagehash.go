package translation

// PageHash is SourceHash for a page without recommendation data, from its
// title, description and body (the Markdown after its front matter): the
// source_hash a tool that writes a translated page along with its source
// (guidegen new) stamps it with.
func PageHash(title, description string, body []byte) string {
	return sourceHash(title, description, nil, body)
}
