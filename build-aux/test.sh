#!/usr/bin/env bash
# The second command of the README: set up, build with warnings as errors,
# run every test, then run them again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Ends with the line "N passed, N failed".
set -uo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

TIERDESK_CI=true bash build-aux/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

export LC_ALL=C.UTF-8 LANGUAGE=C

# The UI tests need a display and a session bus (for the accessibility
# bus GTK talks to): a virtual X server and a private bus for the run.
run_suite() {
  local dir="$1"
  dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24" \
    meson test -C "$dir" --print-errorlogs --num-processes 2 >"$dir/test-output.txt" 2>&1
  local status=$?
  tail -n 25 "$dir/test-output.txt"
  return $status
}

overall=0
run_suite build || overall=1

echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
if [ -f build-asan/build.ninja ]; then
  meson setup --reconfigure build-asan >/dev/null
else
  meson setup build-asan -Dci=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
if ninja -C build-asan >build-asan-compile.txt 2>&1; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_suite build-asan || overall=1
  rm -f build-asan-compile.txt
else
  cat build-asan-compile.txt
  overall=1
fi

echo "== fuzzing the readers of untrusted files (bounded)"
fuzz_results="$top/build-fuzz-results.txt"
: >"$fuzz_results"
# The library under test is instrumented too: libFuzzer is guided only by
# the coverage of code built with -fsanitize=fuzzer(-no-link).
fuzz_c_args=-Dc_args=-fsanitize=fuzzer-no-link
if [ -f build-fuzz/build.ninja ]; then
  meson setup --reconfigure build-fuzz "$fuzz_c_args" >/dev/null
else
  CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false "$fuzz_c_args" >/dev/null
fi
if ninja -C build-fuzz tests/fuzz-program tests/fuzz-csv tests/fuzz-workspace >build-fuzz/compile.txt 2>&1; then
  corpus="$(mktemp -d)"
  mkdir -p "$corpus/program" "$corpus/csv" "$corpus/workspace"
  cp data/examples/*.json tests/programs/*.json "$corpus/program/"
  # Random bytes seldom make an SQLite file: start from real workspaces,
  # and from the crafted ones that once hung the reader.
  cp tests/fuzz/corpus-workspace/* "$corpus/workspace/"
  for case in tests/engine/*/; do
    { cat "$case/partners.csv"; printf '\0'; cat "$case/products.csv"; printf '\0'; cat "$case/sales.csv"; } \
      >"$corpus/csv/$(basename "$case")" 2>/dev/null
  done
  for target in program csv workspace; do
    max_len=65536
    [ "$target" = workspace ] && max_len=262144
    # -timeout: an input that runs for seconds is a hang to report, not
    # something to wait 20 minutes (libFuzzer's default) for.
    if ASAN_OPTIONS=detect_leaks=1 ./build-fuzz/tests/fuzz-$target -max_total_time="${TIERDESK_FUZZ_SECONDS:-30}" \
         -max_len="$max_len" -timeout=20 -print_final_stats=0 "$corpus/$target" >"build-fuzz/fuzz-$target.log" 2>&1; then
      echo "PASS fuzz-$target" | tee -a "$fuzz_results"
    else
      echo "FAIL fuzz-$target" | tee -a "$fuzz_results"
      tail -n 30 "build-fuzz/fuzz-$target.log"
    fi
  done
  rm -rf "$corpus"
else
  cat build-fuzz/compile.txt
  echo "FAIL fuzz-build" >>"$fuzz_results"
fi

/usr/bin/python3 build-aux/count-tests.py build/meson-logs/testlog.json build-asan/meson-logs/testlog.json "$fuzz_results"
counted=$?
if [ $overall -ne 0 ] || [ $counted -ne 0 ]; then
  exit 1
fi
