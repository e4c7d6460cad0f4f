#!/usr/bin/env bash
# deps.sh - installs the build and test dependencies of sspi-check on Debian 12 /
# Ubuntu 22.04+ (apt), but only when something is missing: on a prepared machine it
# prints one line and changes nothing. Needs root or sudo to install.
set -euo pipefail

PACKAGES=(cmake gcc make pkg-config python3 python3-jsonschema
          libclang-19-dev clang-19 libclang-rt-19-dev llvm-19-tools mingw-w64-x86-64-dev
          libyaml-dev libjansson-dev libcmocka-dev libxxhash-dev)

# Optional: the tests that render the HTML report in a browser (tests/html/*-chromium.test)
# need headless Chromium; where it cannot be installed (Ubuntu ships it as a snap) they
# are reported UNSUPPORTED and everything else still runs. About 140 MB to download and
# 470 MB on disk on Debian 12.
OPTIONAL=(chromium)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done
missing_opt=()
for p in "${OPTIONAL[@]}"; do
  installed "$p" || missing_opt+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_opt[@]} -eq 0 ]; then
  echo "deps: all $(( ${#PACKAGES[@]} + ${#OPTIONAL[@]} )) packages are installed" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null; then
    SUDO="sudo"
  elif [ ${#missing[@]} -eq 0 ]; then
    echo "deps: not root and no sudo: ${missing_opt[*]} not installed (optional)" >&2
    exit 0
  else
    echo "deps: not root and no sudo: install these packages first: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
all=("${missing[@]}" "${missing_opt[@]}")
echo "deps: installing ${all[*]}" >&2
$SUDO apt-get update -q
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ ${#missing_opt[@]} -gt 0 ] &&
   ! $SUDO apt-get install -y -q --no-install-recommends "${missing_opt[@]}"; then
  echo "deps: could not install ${missing_opt[*]} (optional): the HTML rendering tests" \
       "will be UNSUPPORTED" >&2
fi
