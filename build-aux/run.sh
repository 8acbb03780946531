#!/usr/bin/env bash
# The first command of the README: set up, build and start Tierdesk on its
# demo data.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$top/build-aux/setup.sh"
cd "$top"

# Until the desktop app exists, the product is the command line: check
# the five example programs and summarise each.
status=0
for program in data/examples/*.json; do
  ./build/src/cli/tierdesk-cli validate "$program" || status=1
done
exit $status
