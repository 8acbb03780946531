#!/usr/bin/env bash
# The first command of the README: set up, build and start Tierdesk on its
# demo workspace (the app makes it on first start, in the user's data
# folder).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$top/build-aux/setup.sh"
cd "$top"
# Run from the build tree: its translations and settings schema.
export TIERDESK_LOCALEDIR="$top/build/po"
export GSETTINGS_SCHEMA_DIR="$top/build/data"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/src/app/tierdesk "$@"
fi

# No display (a server, a container): the same workspace through the
# command line, each program's latest version over the last full year.
cli=./build/src/cli/tierdesk-cli
workspace="${XDG_DATA_HOME:-$HOME/.local/share}/tierdesk/demo.tierdesk"
echo "No display to start the app on: showing the demo workspace with tierdesk-cli."
mkdir -p "$(dirname "$workspace")"
[ -f "$workspace" ] || "$cli" demo "$workspace"
"$cli" programs "$workspace"
export_dir="$(mktemp -d)"; trap 'rm -rf "$export_dir"' EXIT
for id in $("$cli" programs "$workspace" | awk 'NR > 1 { print $1 }'); do
  "$cli" export "$workspace" "$id" -o "$export_dir/$id.json"
  echo
  "$cli" simulate "$export_dir/$id.json" --workspace "$workspace" --from 2025-01-01 --to 2025-12-31 --format text
done
