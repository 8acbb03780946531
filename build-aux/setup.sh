#!/usr/bin/env bash
# Installs the Debian packages that are missing, then configures and builds
# Tierdesk in ./build. Sourced by run.sh and test.sh; safe to run again.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

missing=()
while read -r package; do
  case "$package" in ''|'#'*) continue ;; esac
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done < build-aux/debian-packages.txt

if ((${#missing[@]})); then
  echo "Installing missing Debian packages: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The build directory is reused; --reconfigure keeps it in step with
# meson.build after a pull.
configure() {
  local dir="$1"; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}

configure build -Dci="${TIERDESK_CI:-false}"
ninja -C build
