package render

// Reader is what the reader's aids of a page need: search, the link
// preview meta, previous/next, breadcrumbs, "edit this page" and "last
// updated". Every field may be empty.
type Reader struct {
	// SearchURL is the root-relative URL of the locale's search index;
	// SearchScript the URL of the script that uses it.
	SearchURL    string
	SearchScript string
	// Stylesheet is the URL of the stylesheet of these aids.
	Stylesheet string
	// Image is the absolute URL of the link preview image.
	Image string
	// OGLocale and OGAlternates are the page's locale and those of its
	// translations in OpenGraph form ("nl", "en_GB").
	OGLocale     string
	OGAlternates []string
	Prev, Next   *Link
	// Breadcrumbs are the pages above a nested page, from the home page
	// down; the page itself is not one.
	Breadcrumbs []Link
	EditURL     string
	// Updated is the date the page last changed ("2026-11-29").
	Updated string
	// Manifest is the URL of the web manifest; AppleTouchIcon of the
	// 180 px PNG icon.
	Manifest       string
	AppleTouchIcon string
	ThemeColor     string
}

// Link is a page linked from another one.
type Link struct {
	Title string
	URL   string
	// Lang is the language of Title.
	Lang string
}
