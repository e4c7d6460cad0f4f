#!/usr/bin/env bash
# deps.sh - installs the build and test dependencies of sspi-check on Debian 12 /
# Ubuntu 22.04+ (apt), but only when something is missing: on a prepared machine it
# prints one line and changes nothing. Needs root or sudo to install.
set -euo pipefail

PACKAGES=(cmake gcc make pkg-config python3 python3-jsonschema
          libclang-19-dev clang-19 llvm-19-tools mingw-w64-x86-64-dev
          libyaml-dev libjansson-dev libcmocka-dev)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages are installed" >&2
  exit 0
fi

echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null; then
    SUDO="sudo"
  else
    echo "deps: not root and no sudo: install these packages first: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
