#!/usr/bin/env bash
# The pictures of README.md, docs/ and the metainfo, made by the app's own
# screenshot mode on a fresh demo workspace: build-aux/screenshots.sh [OUTDIR]
# (default docs/screenshots). Needs Xvfb (build-aux/setup.sh installs it).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
out="${1:-docs/screenshots}"
mkdir -p "$out"
ninja -C build >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
./build/src/cli/tierdesk-cli demo "$work/demo.tierdesk" >/dev/null 2>&1

export TIERDESK_LOCALEDIR="$top/build/po" GSETTINGS_SCHEMA_DIR="$top/build/data" GSETTINGS_BACKEND=memory
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable LC_ALL=C.UTF-8 TZ=UTC

shot() {  # shot FILE PROGRAM PAGE SCHEME SIZE
  dbus-run-session -- xvfb-run -a -s "-screen 0 2000x2000x24" \
    ./build/src/app/tierdesk --screenshot "$out/$1" --program "$2" --page "$3" \
    --color-scheme "$4" --size "$5" "$work/demo.tierdesk" >/dev/null 2>&1
  echo "$out/$1"
}

shot_compare() {  # shot_compare FILE PROGRAM BASELINE SCHEME
  dbus-run-session -- xvfb-run -a -s "-screen 0 2000x2000x24" \
    ./build/src/app/tierdesk --screenshot "$out/$1" --program "$2" --page compare --baseline "$3" \
    --color-scheme "$4" --size 1400x1500 "$work/demo.tierdesk" >/dev/null 2>&1
  echo "$out/$1"
}

for program in smart-soft snom microsoft-pai s-mart kaspersky; do
  shot "design-$program.png" "$program" design light 1400x1000
done
shot design-smart-soft-dark.png smart-soft design dark 1400x1000
shot history-smart-soft.png smart-soft history light 1400x800
shot history-kaspersky-dark.png kaspersky history dark 1400x800
shot simulate-smart-soft.png smart-soft simulate light 1400x1300
shot simulate-snom-dark.png snom simulate dark 1400x1300
shot_compare compare-smart-soft.png smart-soft 1 light
shot_compare compare-kaspersky-dark.png kaspersky 1 dark

# "Why this amount?" is a window of its own: the UI test renders it.
export TIERDESK_CLI="$top/build/src/cli/tierdesk-cli" TIERDESK_EXAMPLES="$top/data/examples"
for shot in smart-soft:light snom:dark; do
  program="${shot%%:*}" scheme="${shot##*:}"
  TIERDESK_SCREENSHOT_DIR="$work" TIERDESK_SCREENSHOT_SCHEME=$scheme TIERDESK_SCREENSHOT_PROGRAM=$program \
    dbus-run-session -- xvfb-run -a -s "-screen 0 2000x2000x24" \
    ./build/tests/test-simulate -p /ui/simulate/explanation >/dev/null 2>&1
  cp "$work/explanation.png" "$out/explanation-$program-$scheme.png"
  echo "$out/explanation-$program-$scheme.png"
done
