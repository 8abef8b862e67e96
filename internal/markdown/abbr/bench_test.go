package abbr_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/abbr"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// section is one part of a realistic English guide page: prose with the
// glossary's terms at the density the guide uses, headings, lists, a
// table, links, code and an admonition.
const section = `## Messenger %[1]d

Messenger %[1]d encrypts every chat end to end (E2EE) and offers PFS, so a
key that leaks tomorrow does not expose the messages of today. Its servers
see your IP address, but you can hide it behind a VPN or [Tor](https://www.torproject.org/).
Registration needs no phone number and no SMS code: you get a random ID
and share it as a QR code or a link. Turn on 2FA with a PIN so that nobody
can register your account on another device.

Group chats use MLS, the IETF standard, and calls use VoIP with the same
keys as the chat. The apps are FOSS and the protocol is documented in an
open API, so other clients can interoperate.

### Protocol details %[1]d

- Key agreement follows the *Double Ratchet*, which gives both PFS and PCS.
- Bridges to XMPP (with OMEMO) and to IRC are available but lose E2EE.
- Contacts are found through a DHT instead of a central directory, as in
  SSB and other P2P networks.
- Older clients still speak OTR; email users can verify keys with PGP.
- Calls fall back to SIP when both sides allow it, over Wi-Fi or mobile data.

| Property       | Messenger %[1]d | Email with PGP | SMS |
| :------------- | :-------------: | :------------: | :-: |
| E2EE           | yes             | partly         | no  |
| PFS            | yes             | no             | no  |
| Metadata       | minimal         | exposed        | exposed |

The project is based in the EU, falls under the GDPR and received NGI
funding for its audit. A MITM attack on the first connection is detected
when you compare safety numbers; the app warns you when they change. DNS
requests go through the system resolver, so use encrypted DNS if you can.

!!! warning "Metadata"

    Even with E2EE, the server learns when you are online and how much you
    send. Read the [threat model](threat-model.md#metadata) before you rely
    on it, and check the ` + "`" + `verify` + "`" + ` command in the settings.

`

func benchPage() string {
	var b strings.Builder
	b.WriteString("---\ntitle: Real-time communication\n---\n\n# Real-time communication\n\n")
	for i := 1; b.Len() < 50_000; i++ {
		fmt.Fprintf(&b, section, i)
	}
	return b.String()
}

// BenchmarkTransform renders a 50 KB page with the guide's English
// glossary, against the same pipeline without the extension.
func BenchmarkTransform(b *testing.B) {
	src, err := os.ReadFile("../../../locales/glossary.en.txt")
	if err != nil {
		b.Fatal(err)
	}
	g, err := abbr.ParseGlossary("glossary.en.txt", src)
	if err != nil {
		b.Fatal(err)
	}
	page := []byte(benchPage())
	for _, bc := range []struct {
		name string
		ext  []func(*markdown.Options)
	}{
		{"without", nil},
		{"glossary", []func(*markdown.Options){func(o *markdown.Options) {
			o.Glossary = g
		}}},
		{"glossary+page", []func(*markdown.Options){func(o *markdown.Options) {
			o.Glossary = g
		}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m := mdtest.New(bc.ext...)
			src := page
			if bc.name == "glossary+page" {
				src = append(append([]byte{}, page...), "\n*[MLS]: Messaging Layer Security (RFC 9420)\n*[SSB]:\n"...)
			}
			var buf markdown.Buffer
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				d := m.Parse("page.md", "", src)
				buf.Reset()
				if err := m.Render(&buf, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
