#!/usr/bin/env bash
# End to end (ctest label `install`, not in the default run: it needs root,
# debootstrap and the Debian mirror, and takes minutes the first time): the
# Debian package installs on a clean Debian 12 (a debootstrap minbase chroot)
# with apt resolving its Depends, and works there: --version, `leakhound git`
# on a repository with a key (exit 1), clean one (exit 0), the man page and
# the completions in place. Package checks: Depends lists no -dev package,
# the binary is stripped. Prints the package size and the install time.
# The package: $LEAKHOUND_DEB, else cpack over the build tree of $LEAKHOUND.
# The chroot base is cached in $LEAKHOUND_ROOTFS_CACHE (default
# /var/cache/leakhound-test/bookworm-minbase.tar.gz).
source "$(dirname "$0")/lib.sh"
git_fixture_env
[[ $(id -u) == 0 ]] || { echo "SKIP: needs root (chroot)" >&2; exit 77; }
command -v debootstrap >/dev/null 2>&1 || { echo "SKIP: debootstrap is not installed" >&2; exit 77; }
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${LEAKHOUND_ROOTFS_CACHE:-/var/cache/leakhound-test/bookworm-minbase.tar.gz}

# The package.
deb=${LEAKHOUND_DEB:-}
if [[ -z $deb ]]; then
  build=$(dirname "$LEAKHOUND")
  [[ -f $build/CPackConfig.cmake ]] || die "no CPackConfig.cmake in $build (set LEAKHOUND_DEB)"
  cmake --build "$build" --target leakhound_docs >/dev/null || die "generating the man page and completions"
  (cd "$TMP" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$TMP/pkg" >/dev/null) || die "cpack"
  deb=$(ls "$TMP"/pkg/leakhound_*.deb | head -1)
fi
[[ -f $deb ]] || die "no package ($deb)"
size=$(stat -c %s "$deb")
depends=$(dpkg-deb -f "$deb" Depends)
expect_not_contains "$depends" "-dev" "Depends lists runtime packages only"
expect_contains "$depends" "libhyperscan5" "Depends has Hyperscan's runtime library"
mkdir -p "$TMP/x" && dpkg-deb -x "$deb" "$TMP/x"
expect_eq "$(readelf -S "$TMP/x/usr/bin/leakhound" | grep -c '\.debug_')" "0" "binary is stripped"
for f in usr/share/man/man1/leakhound.1.gz usr/share/bash-completion/completions/leakhound \
         usr/share/zsh/vendor-completions/_leakhound usr/share/fish/vendor_completions.d/leakhound.fish \
         usr/share/leakhound/leakhound-ci.sh usr/share/leakhound/summary.sh; do
  [[ -s $TMP/x/$f ]] && pass || fail "package lacks $f"
done

# The clean system.
if [[ ! -s $CACHE ]]; then
  mkdir -p "$(dirname "$CACHE")" "$TMP/boot"
  echo "install_test: debootstrap bookworm (minbase) from $MIRROR, cached in $CACHE" >&2
  debootstrap --variant=minbase bookworm "$TMP/boot" "$MIRROR" >"$TMP/debootstrap.log" 2>&1 ||
    { tail -5 "$TMP/debootstrap.log" >&2; die "debootstrap failed"; }
  tar -C "$TMP/boot" -czf "$CACHE.tmp" . && mv "$CACHE.tmp" "$CACHE"
  rm -rf "${TMP:?}/boot"
fi
ROOT="$TMP/root"
mkdir -p "$ROOT"
tar -C "$ROOT" -xzf "$CACHE"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc" && on_exit "umount -l '$ROOT/proc'"
mount --bind /dev "$ROOT/dev" && on_exit "umount -l '$ROOT/dev'"
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
expect_eq "$(in_root sh -c 'command -v leakhound || echo none')" "none" "the clean system has no leakhound"
cp "$deb" "$ROOT/tmp/leakhound.deb"
in_root apt-get update -qq >/dev/null 2>&1 || die "apt-get update in the chroot"
start=$(date +%s.%N)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  /tmp/leakhound.deb >"$TMP/apt.log" 2>&1
RC=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
expect_eq "$RC" "0" "apt-get install ./leakhound.deb on clean Debian 12"
[[ $RC == 0 ]] || tail -5 "$TMP/apt.log" >&2
pulled=$(grep -c '^Setting up' "$TMP/apt.log")
OUT=$(in_root leakhound --version 2>&1)
expect_contains "$OUT" "hyperscan " "installed leakhound --version runs (libraries resolved)"
expect_contains "$OUT" "rules " "installed --version: rules count and digest"

# `leakhound git` on repositories there (made here with the host's git).
make_repo "$ROOT/srv/leaky" && (cd "$ROOT/srv/leaky" && printf 'AWS_ACCESS_KEY_ID=%s\n' "$(aws_key_id 831)" >a.env && commit_on 01 key >/dev/null)
make_repo "$ROOT/srv/clean" && (cd "$ROOT/srv/clean" && echo hello >README && commit_on 01 init >/dev/null)
in_root leakhound git /srv/leaky --format json -o /tmp/r.json >/dev/null 2>&1
expect_eq "$?" "1" "installed: leakhound git finds the key"
expect_contains "$(cat "$ROOT/tmp/r.json")" "aws.access-key-id" "installed: the report names the rule"
in_root leakhound git /srv/clean >/dev/null 2>&1
expect_eq "$?" "0" "installed: a clean repository is clean"
OUT=$(in_root bash -c 'source /usr/share/bash-completion/completions/leakhound; COMP_WORDS=(leakhound gi); COMP_CWORD=1; _leakhound; echo "${COMPREPLY[*]}"')
expect_eq "$OUT" "git" "installed bash completion completes subcommands"
OUT=$(in_root bash -c 'source /usr/share/bash-completion/completions/leakhound; COMP_WORDS=(leakhound git --ran); COMP_CWORD=2; _leakhound; echo "${COMPREPLY[*]}"')
expect_eq "$OUT" "--range" "installed bash completion completes options"
expect_contains "$(zcat "$ROOT/usr/share/man/man1/leakhound.1.gz")" ".TH LEAKHOUND 1" "man page installed"
echo "install_test: package $(basename "$deb"): $size bytes; apt-get install on clean Debian 12: ${secs}s, $pulled packages set up" >&2
finish
