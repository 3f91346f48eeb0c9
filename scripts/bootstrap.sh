#!/usr/bin/env bash
# Installs every Debian package Fulcrum needs to build, test and run.
# Idempotent: asks apt only when something is missing. Run as root on Debian 12.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config clang
  libyaml-dev libjansson-dev libcsv-dev libxml2-dev libgmp-dev
  libcairo2-dev libmicrohttpd-dev libsqlite3-dev nettle-dev
  libopenmpi-dev openmpi-bin
  libcmocka-dev valgrind
  help2man
  fonts-dejavu-core
  python3 python3-setuptools python3-wheel python3-pip python3-venv python3-pytest python3-pandas python3-numpy python3-yaml
  r-base-dev r-cran-testthat
  chromium
)

# The browser tests' npm packages (playwright-core, pinned by tests/browser/package-lock.json).
# A failed download leaves those tests skipped (exit 77), not the build broken.
npm_packages() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
  if [ ! -d "$dir/node_modules/playwright-core" ] && command -v npm >/dev/null 2>&1; then
    echo "bootstrap: npm ci in tests/browser" >&2
    (cd "$dir" && npm ci --no-audit --no-fund --silent) ||
      echo "bootstrap: npm ci failed; the browser tests will be skipped" >&2
  fi
}

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  npm_packages
  exit 0
fi

echo "bootstrap: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
npm_packages
