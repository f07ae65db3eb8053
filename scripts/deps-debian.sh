#!/bin/sh
# Install the Debian 12 packages rookmelder needs, by name, when they are
# missing.  Usage: scripts/deps-debian.sh [build|test|bench]
#   build  compiler, make, pkg-config: enough for `make` and `make scan`
#   test   build + clang (sanitizers, libFuzzer), cmocka, jq, jsonschema,
#          iproute2, and monero (a legitimate node the tests must not
#          flag): enough for `make check`
#   bench  test + the peers the benchmarks compare against
# Nothing is installed when everything is already present.  Needs root (or
# sudo) only when something is missing.
set -eu

what=${1:-test}
build="make gcc libc6-dev pkg-config libmd-dev libyara-dev"
test="$build clang llvm libclang-rt-14-dev libcmocka-dev jq python3 python3-jsonschema iproute2 util-linux coreutils monero nginx-light openssh-client yara"
bench="$test chkrootkit unhide rkhunter time strace valgrind linux-perf"

case $what in
build) want=$build ;;
test) want=$test ;;
bench) want=$bench ;;
*) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps-debian: not a Debian system; install the equivalents of: $want" >&2
	exit 0
fi

missing=
for p in $want; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps-debian: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	run=
elif command -v sudo >/dev/null 2>&1; then
	run=sudo
else
	echo "deps-debian: need root to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Some test packages are daemons (a web and a mail server the tests must
# not flag): installing them must not start them on this machine.  The
# Debian way is a policy-rc.d that refuses every start; ours is removed
# again afterwards, and one already there is left alone.
policy=/usr/sbin/policy-rc.d
ours=
if [ ! -e $policy ]; then
	printf '#!/bin/sh\nexit 101\n' | $run tee $policy >/dev/null
	$run chmod 755 $policy
	ours=1
fi
rc=0
$run apt-get update -qq || rc=$?
# shellcheck disable=SC2086
[ $rc -ne 0 ] || $run apt-get install -y -qq --no-install-recommends $missing || rc=$?
[ -z "$ours" ] || $run rm -f $policy
exit $rc
