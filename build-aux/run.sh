#!/usr/bin/env bash
# The first command of the README: set up, build and start Tierdesk on its
# demo data.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$top/build-aux/setup.sh"
cd "$top"
cli=./build/src/cli/tierdesk-cli
export TIERDESK_LOCALEDIR="$top/build/po"

# Until the desktop app exists, the product is the command line: check the
# five example programs, then simulate each on the synthetic demo history
# over its last full year.
data="${XDG_DATA_HOME:-$HOME/.local/share}/tierdesk/demo-data"
for program in data/examples/*.json; do
  "$cli" validate "$program"
done
if [ ! -f "$data/sales.csv" ]; then
  "$cli" demo-data "$data"
fi
for program in data/examples/*.json; do
  echo
  "$cli" simulate "$program" --data "$data" --from 2025-01-01 --to 2025-12-31 --format text
done
