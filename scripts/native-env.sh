#!/usr/bin/env bash
# Build the native AArch64 test environment in .native/ (git-ignored):
#   * x86-64 (or any non-AArch64) host: Debian's qemu-user, an arm64 sysroot
#     with Debian's CPython 3.11 (.native/sysroot, unpacked with dpkg -x from
#     apt-get download), pure-Python test packages in .native/site;
#   * AArch64 host: only .native/site (the host python3 runs the tests).
#   * both: bytecode caches (.pyc) of the interpreter's stdlib and of .native/site
#     in .native/pycache (scripts/native-python sets PYTHONPYCACHEPREFIX there), so
#     that no run compiles the stdlib modules it imports (seconds under qemu).
# Idempotent: stamp files make a second run quick.
# Exit status: 0 ready, 77 cannot be built here (not root / no apt / no dpkg),
# anything else: a real failure.
set -euo pipefail
cd "$(dirname "$0")/.."

NATIVE=.native
SYSROOT=$NATIVE/sysroot
SITE=$NATIVE/site
STAMP=$NATIVE/stamp
# arm64 packages: CPython 3.11 and the shared libraries its stdlib, ctypes and
# pytest load (resolved with apt-cache depends on Debian bookworm).
PACKAGES="python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  libc6 libgcc-s1 libexpat1 zlib1g libffi8 libbz2-1.0 liblzma5 libzstd1 libcrypt1
  libuuid1 libsqlite3-0 libssl3 libncursesw6 libtinfo6 libreadline8 libdb5.3
  libnsl2 libtirpc3 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0
  libkeyutils1 libcom-err2 libmd0"
# pure-Python packages: the tests' (wheels tagged py3-none-any only) and a64js's parser
# (esprima-fork, as pyproject.toml asks: the native suite runs JavaScript)
PYDEPS="pytest>=8 pluggy iniconfig packaging pygments hypothesis>=6.100 sortedcontainers attrs
  esprima-fork>=5.0.0"

case "$(uname -m)" in aarch64|arm64) HOST_ARM=1 ;; *) HOST_ARM=0 ;; esac
# Two stamps: the sysroot's (its packages; how it is unpacked: bump SYSROOT_FORMAT when
# that changes) and .native/site's (PYDEPS), so that a new test package is a pip install,
# not a new sysroot.
SYSROOT_FORMAT=1
want="$(echo "$PACKAGES $SYSROOT_FORMAT $HOST_ARM" | sha1sum | cut -d' ' -f1)"
SITE_STAMP=$NATIVE/site-stamp
site_want="$(echo "$PYDEPS" | sha1sum | cut -d' ' -f1)"
PYCACHE=$NATIVE/pycache

# The .pyc files of the stdlib and .native/site, compiled by the arm64 interpreter
# itself (its magic number) into PYCACHE, once per environment (a stamp there; compileall
# skips what is compiled already); modules of src/ get theirs on first import.
warm_caches() {
  local mark="$PYCACHE/stamp-$want-$site_want" stdlib
  [ -f "$mark" ] && return 0
  stdlib="$(scripts/native-python -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')"
  echo "== native-env: bytecode caches of $stdlib and $SITE -> $PYCACHE" >&2
  mkdir -p "$PYCACHE"
  rm -f "$PYCACHE"/stamp-*
  # the packages no run imports stay out (test alone is half the stdlib)
  if scripts/native-python -m compileall -q -j 2 \
      -x '/(test|tests|idlelib|tkinter|turtledemo|lib2to3|ensurepip|pydoc_data|distutils)/' \
      "$stdlib" "$SITE" >/dev/null; then
    touch "$mark"
  else  # a file that does not compile is compiled (and fails) where it is imported
    echo "native-env: warning: some modules were not compiled (compileall failed)" >&2
  fi
}

install_site() {
  echo "== native-env: pure-Python packages -> $SITE" >&2
  # installed beside, then swapped in: a native run going on meanwhile keeps its packages
  rm -rf "$SITE.new"
  # --platform/--only-binary: accept nothing but pure-Python wheels, so no
  # host (x86-64) extension module can end up on the arm64 interpreter's path.
  # shellcheck disable=SC2086
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check --no-compile --target "$SITE.new" \
    --only-binary=:all: --implementation py --python-version 3.11 \
    --platform any $PYDEPS >&2 || PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q \
    --disable-pip-version-check --no-compile --target "$SITE.new" --only-binary=:all: \
    --python-version 3.11 --platform manylinux2014_aarch64 $PYDEPS >&2
  rm -rf "$SITE.old"
  [ ! -d "$SITE" ] || mv "$SITE" "$SITE.old"
  mv "$SITE.new" "$SITE"
  rm -rf "$SITE.old"
  echo "$site_want" > "$SITE_STAMP"
}

site_ready() { [ -f "$SITE_STAMP" ] && [ "$(cat "$SITE_STAMP")" = "$site_want" ] && [ -d "$SITE" ]; }

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
   && { [ "$HOST_ARM" = 1 ] || command -v qemu-aarch64 >/dev/null; }; then
  site_ready || install_site
  warm_caches
  exit 0
fi

cannot() { echo "native-env: cannot build the native environment here: $*" >&2; exit 77; }

mkdir -p "$NATIVE"
if [ "$HOST_ARM" = 1 ]; then
  install_site
  warm_caches
  echo "$want" > "$STAMP"
  exit 0
fi

[ "$(id -u)" = 0 ] || cannot "not root (apt-get and dpkg --add-architecture need root)"
command -v apt-get >/dev/null || cannot "no apt-get (Debian/Ubuntu host needed)"
command -v dpkg >/dev/null || cannot "no dpkg"

export DEBIAN_FRONTEND=noninteractive
if ! command -v qemu-aarch64 >/dev/null; then
  echo "== native-env: installing qemu-user" >&2
  apt-get install -y -qq --no-install-recommends qemu-user >/dev/null 2>&1 || {
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends qemu-user >&2
  }
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "== native-env: dpkg --add-architecture arm64; apt-get update" >&2
  dpkg --add-architecture arm64
  apt-get update -qq >&2
fi

echo "== native-env: downloading arm64 packages" >&2
debs=$NATIVE/debs
rm -rf "$debs" "$SYSROOT"
mkdir -p "$debs" "$SYSROOT"
pkgs=""
for p in $PACKAGES; do pkgs="$pkgs $p:arm64"; done
# shellcheck disable=SC2086
(cd "$debs" && apt-get -o APT::Sandbox::User=root download -qq $pkgs >&2) || {
  apt-get update -qq >&2
  # shellcheck disable=SC2086
  (cd "$debs" && apt-get -o APT::Sandbox::User=root download -qq $pkgs >&2)
}
echo "== native-env: unpacking into $SYSROOT" >&2
for deb in "$debs"/*.deb; do dpkg -x "$deb" "$SYSROOT"; done
rm -rf "$debs"
# Debian's ld.so is found through /lib -> usr/lib (merged-usr); make sure the
# interpreter path qemu asks for exists inside the sysroot.
if [ ! -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ]; then
  mkdir -p "$SYSROOT/lib"
  ln -sf ../usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1 "$SYSROOT/lib/ld-linux-aarch64.so.1"
fi

install_site

echo "== native-env: checking the arm64 interpreter" >&2
scripts/native-python -c 'import ctypes, platform, sys; assert platform.machine() == "aarch64", platform.machine(); print("native-env: arm64", sys.version.split()[0], "ready")' >&2
warm_caches
echo "$want" > "$STAMP"
