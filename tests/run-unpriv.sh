#!/bin/sh
# run-unpriv.sh BUILD_DIR - run the end-to-end suite again as an
# unprivileged user (uid/gid 65534, no supplementary groups), so what works
# without root is known to work and what needs root skips cleanly.  Run as
# root (make check-unpriv); as any other user there is nothing to drop.
#
# The tests get a private TMPDIR and HOME, created here and owned by
# 65534, inside BUILD_DIR rather than /tmp: some tests need a directory
# whose path rookmelder does not find suspicious (not world-writable).
set -u

if [ $# -ne 1 ]; then
	echo "usage: tests/run-unpriv.sh BUILD_DIR" >&2
	exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "unpriv: already unprivileged, skipped"
	exit 0
fi
command -v setpriv >/dev/null || {
	echo "unpriv: setpriv (util-linux) is missing" >&2
	exit 2
}
TOP=$(cd "$(dirname "$0")/.." && pwd -P)
BUILD=$(cd "$1" 2>/dev/null && pwd -P) || {
	echo "unpriv: no build directory '$1'" >&2
	exit 2
}
ID=65534

U=$(mktemp -d "$BUILD/e2e-unpriv.XXXXXX") || exit 2
trap 'rm -rf "$U"' EXIT
trap 'exit 130' INT TERM HUP
chown "$ID:$ID" "$U"
chmod 0700 "$U"

# the unprivileged user must reach the tree, the binaries and the helpers
if ! setpriv --reuid=$ID --regid=$ID --clear-groups \
    sh -c 'test -r "$1/tests/e2e/run.sh" && test -x "$2/rookmelder" && test -w "$3"' \
    sh "$TOP" "$BUILD" "$U"; then
	echo "unpriv: uid $ID cannot read $TOP or $BUILD (check the modes)" >&2
	exit 2
fi

echo "unpriv: running the e2e suite as uid $ID"
cd "$TOP" || exit 2
setpriv --reuid=$ID --regid=$ID --clear-groups \
	env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME="$U" TMPDIR="$U" USER=nobody LOGNAME=nobody SHELL=/bin/sh \
	LANG=C.UTF-8 TERM="${TERM:-dumb}" \
	${E2E_VERBOSE:+E2E_VERBOSE="$E2E_VERBOSE"} \
	"$TOP/tests/e2e/run.sh" "$BUILD"
