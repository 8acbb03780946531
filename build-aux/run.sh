#!/usr/bin/env bash
# The first command of the README: set up, build and start Tierdesk on its
# demo data.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$top/build-aux/setup.sh"
cd "$top"
cli=./build/src/cli/tierdesk-cli
export TIERDESK_LOCALEDIR="$top/build/po"

# Until the desktop app exists, the product is the command line: the demo
# workspace (the one the app will open on its first start), its programs,
# and each program's latest version simulated on the demo data over the
# last full year.
workspace="${XDG_DATA_HOME:-$HOME/.local/share}/tierdesk/demo.tierdesk"
mkdir -p "$(dirname "$workspace")"
if [ ! -f "$workspace" ]; then
  "$cli" demo "$workspace"
fi
"$cli" programs "$workspace"
export_dir="$(mktemp -d)"; trap 'rm -rf "$export_dir"' EXIT
for id in $("$cli" programs "$workspace" | awk 'NR > 1 { print $1 }'); do
  "$cli" export "$workspace" "$id" -o "$export_dir/$id.json"
  echo
  "$cli" simulate "$export_dir/$id.json" --workspace "$workspace" --from 2025-01-01 --to 2025-12-31 --format text
done
