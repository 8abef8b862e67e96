package mdunits_test

// goldenDigests are the digests of the bundled pages by the old Digest.
var goldenDigests = map[string]string{
	"about/criteria.md":                       "78c44db925cc8f23e34d324ab743ae6e1ed6b9a9938ff359efaa0e19d65efc32",
	"about/index.md":                          "7b2e7b536774d87b8b1285c35b6b8616097357d1b3bcd8fa98f5b387ca233c0d",
	"about/threats.md":                        "02cc69fb9b771275d103fd863e8f852578a795be2e0432a8240eb843ba090c48",
	"advanced/communication-network-types.md": "46bd7d02f2fa013d7d51d4f8565f5fb3bc7de1078484fefb2d0741a2d673ede7",
	"alternatives.md":                         "6bf3a28fad2daf91a7da30796c914ebb2368128cf673b3f51106474c2470e04b",
	"index.md":                                "ae9935eb4d09cbdbe4f53e8c4dd2b197e34198de1e4a7b0d15abc86baf99b34b",
	"real-time-communication.md":              "d9ac093329142ade04f4f96ef783fcf8dc6be2ae3fb889f6c580ab9589d2c27b",
}
