#!/bin/sh
# check-docs.sh BUILD_DIR - the user-visible docs match the program:
# docs/DETECTORS.md is what `rules --format markdown` prints, and every
# long option of every command appears in the man page.
set -u
RM=${1:-build}/rookmelder
top=$(cd "$(dirname "$0")/.." && pwd)
fail=0

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$RM" rules --format markdown > "$tmp"
if ! cmp -s "$tmp" "$top/docs/DETECTORS.md"; then
	echo "docs: docs/DETECTORS.md is stale; run 'make docs'"
	fail=1
fi
for cmd in scan rules yara; do
	for opt in $("$RM" "$cmd" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		if ! grep -q -- "$esc" "$top/docs/rookmelder.8"; then
			echo "docs: $cmd option $opt is missing from docs/rookmelder.8"
			fail=1
		fi
	done
done
for want in 'make scan' 'make check'; do
	grep -q "$want" "$top/README.md" || {
		echo "docs: README.md does not show '$want'"
		fail=1
	}
done
[ $fail -eq 0 ] && echo "docs: up to date"
exit $fail
