#!/bin/sh
# Refresh the vendored axe-core used by the browser tests
# (internal/browsertest/testdata/axe/): the minified file and its licence,
# from the npm package at the pinned version. Tests never need npm.
#   scripts/update-axe.sh [VERSION]
set -eu
VERSION=${1:-4.14.1}
DEST=$(cd "$(dirname "$0")/.." && pwd)/internal/browsertest/testdata/axe
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "axe-core@$VERSION" >/dev/null && tar xzf axe-core-*.tgz)
mkdir -p "$DEST"
cp "$TMP/package/axe.min.js" "$DEST/axe.min.js"
cp "$TMP/package/LICENSE" "$DEST/LICENSE"
echo "$VERSION" > "$DEST/VERSION"
echo "axe-core $VERSION -> $DEST"
