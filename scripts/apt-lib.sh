# Sourced by scripts/test-deps-*.sh: install the Debian packages a group of tests needs,
# or say why not. The caller sets TAG (its name), WHAT (what is missing) and SKIPPED
# (the tests that skip without it). Without root/sudo or apt-get: a warning and exit 0
# (the tests then skip), except with CI=true, where it is a failure (exit 1).

fail() {
  echo "$TAG: $WHAT is missing and cannot be installed here: $*" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  echo "$TAG: $SKIPPED will be skipped" >&2
  exit 0
}

# apt_install PACKAGE...: apt-get update and install them (as root, or with sudo -n).
apt_install() {
  command -v apt-get >/dev/null || fail "no apt-get"
  local sudo=
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=sudo; else
      fail "not root"
    fi
  fi
  echo "== $TAG: installing $*" >&2
  $sudo apt-get update -qq >&2 || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
    >&2 || fail "apt-get install $* failed"
}
