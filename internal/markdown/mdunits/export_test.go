package mdunits

// RefDigest is refDigest, for the oracle tests of package mdunits_test.
var RefDigest = refDigest
