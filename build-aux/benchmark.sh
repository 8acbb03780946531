#!/usr/bin/env bash
# The speed and memory targets of Tierdesk, measured side by side in one
# run against the named baseline (the sqlite3 shell). Not a test: it prints
# figures and ratios. Usage: build-aux/benchmark.sh [SALES...]
# (default 1000000; pass "1000000 10000000" for the 10 M run too).
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
bash build-aux/setup.sh >/dev/null

if [ -f build-release/build.ninja ]; then
  meson setup --reconfigure build-release >/dev/null
else
  meson setup build-release --buildtype=release -Db_ndebug=true >/dev/null
fi
ninja -C build-release >/dev/null

cli="$top/build-release/src/cli/tierdesk-cli"
bench="$top/build-release/tests/bench-resimulate"
bench_live="$top/build-release/tests/bench-live"
bench_workspace="$top/build-release/tests/bench-workspace"
program="$top/data/examples/smart-soft.json"
from=2025-01-01
to=2025-12-31
work="${TIERDESK_BENCH_DIR:-/tmp/tierdesk-bench}"
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000)

# Median of three runs of a command: "seconds peak_kib".
measure() {
  local runs=() out
  out="$(mktemp)"
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1
    runs+=("$(tail -n 1 "$out")")
  done
  rm -f "$out"
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

# The same for a command that creates FILE: removed before each run.
measure_fresh() {
  local file="$1" runs=() out
  shift
  out="$(mktemp)"
  for _ in 1 2 3; do
    rm -f "$file" "$file-journal"
    /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null 2>&1
    runs+=("$(tail -n 1 "$out")")
  done
  rm -f "$out"
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "meets" : "MISSES") }'; }

echo "Tierdesk benchmark — $(nproc) cores, $(date -u +%Y-%m-%d)"
for sales in "${sizes[@]}"; do
  data="$work/demo-$sales"
  if [ ! -f "$data/sales.csv" ]; then
    "$cli" demo-data "$data" --sales "$sales" --seed 1 >/dev/null
  fi
  scale=$(awk -v s="$sales" 'BEGIN { printf "%.1f", s / 1000000 }')
  echo
  echo "== $sales sales ($(du -sh "$data" | cut -f1) of CSV)"

  read -r a_seconds a_kib < <(measure "$cli" simulate "$program" --data "$data" --from "$from" --to "$to" --format json)

  sql="$work/smart-soft-percent.sql"
  cat >"$sql" <<SQL
.mode csv
.import $data/partners.csv partners
.import $data/products.csv products
.import $data/sales.csv sales
.mode list
.output /dev/null
SELECT s.partner_id,
       SUM(CASE WHEN s.renewal IN ('1', 'true') THEN p.list_price * s.quantity * 0.25
                WHEN p.category = 'ti-software' THEN p.list_price * s.quantity * 0.25
                WHEN p.category IN ('ting', 'depo') THEN p.list_price * s.quantity * 0.15
                ELSE 0 END)
  FROM sales s JOIN products p ON p.sku = s.sku
 WHERE s.date BETWEEN '$from' AND '$to' AND s.partner_id <> ''
 GROUP BY s.partner_id;
SQL
  read -r b_seconds b_kib < <(measure sqlite3 :memory: -init "$sql" .quit)

  eval "$("$bench" "$program" "$data" "$from" "$to" 20)"

  # (e) Import into a fresh workspace against the sqlite3 shell's .import
  # of the same five files into a fresh file database. Both write through
  # a rollback journal with synchronous FULL (the workspace sets them; they
  # are the defaults of Debian's sqlite3, checked below), 4 KiB pages and
  # the default page cache, and both commit once: the shell's imports run
  # in one BEGIN … COMMIT, all or nothing like tierdesk-cli import (alone,
  # each .import would commit on its own). The shell does less: all-TEXT
  # columns, no keys, constraints or checks, no SHA-256 of the files.
  workspace="$work/import-$sales.tierdesk"
  sqlite_db="$work/import-$sales.sqlite"
  read -r e_seconds e_kib < <(measure_fresh "$workspace" "$cli" import "$workspace" --data "$data")
  import_sql="$work/import.sql"
  cat >"$import_sql" <<SQL
.mode csv
BEGIN;
.import $data/partners.csv partners
.import $data/products.csv products
.import $data/sales.csv sales
.import $data/certifications.csv certifications
.import $data/deals.csv deals
COMMIT;
SQL
  read -r s_seconds s_kib < <(measure_fresh "$sqlite_db" sqlite3 "$sqlite_db" -init "$import_sql" .quit)
  sqlite_settings="$(sqlite3 "$sqlite_db" 'PRAGMA journal_mode;' 'PRAGMA synchronous;' 'PRAGMA page_size;' | paste -sd ' ')"
  s_rows="$(sqlite3 "$sqlite_db" 'SELECT count (*) FROM sales;')"
  rm -f "$sqlite_db"

  # (f) The data set from the workspace just imported against the CSV
  # folder, in process.
  eval "$("$bench_workspace" "$data" "$workspace" 3)"

  # (g) The app's live what-if on this data: from one rate edited in the
  # designer to the result delivered to the Simulate and Compare pages,
  # median of 20 (the app's own TdSimulation, without a display).
  "$cli" save "$workspace" "$program" >/dev/null
  eval "$("$bench_live" "$workspace" smart-soft ti-software-reward certified 20)"

  a_target=0.15
  rss_target=$(awk -v s="$scale" 'BEGIN { print (s > 1.5 ? 3072 : 400) }')
  d_target=$(awk -v s="$scale" 'BEGIN { print 25 * s }')
  printf '  (a) tierdesk-cli simulate, CSV → JSON report   %8.2f s   peak RSS %6.0f MiB (target < %s MiB: %s)\n' \
    "$a_seconds" "$(awk -v k="$a_kib" 'BEGIN { print k / 1024 }')" "$rss_target" \
    "$(verdict "$(awk -v k="$a_kib" 'BEGIN { print k / 1024 }')" "$rss_target")"
  printf '  (b) sqlite3 import + percentage-rules query     %8.2f s   peak RSS %6.0f MiB\n' \
    "$b_seconds" "$(awk -v k="$b_kib" 'BEGIN { print k / 1024 }')"
  printf '  (c) ratio a / b                                 %8s     (target ≤ %s: %s)\n' \
    "$(ratio "$a_seconds" "$b_seconds")" "$a_target" "$(verdict "$(ratio "$a_seconds" "$b_seconds")" "$a_target")"
  printf '  (d) re-simulation after one rate change        %8.2f ms  median of 20 (target < %s ms: %s)\n' \
    "$resimulate_median_ms" "$d_target" "$(verdict "$resimulate_median_ms" "$d_target")"
  printf '      plain scan of the period'"'"'s sales columns  %8.2f ms  → %s × the floor (target ≤ 10: %s)\n' \
    "$scan_median_ms" "$(ratio "$resimulate_median_ms" "$scan_median_ms")" \
    "$(verdict "$(ratio "$resimulate_median_ms" "$scan_median_ms")" 10)"
  printf '      first (full) simulation, data in memory     %8.2f ms\n' "$first_simulation_ms"
  printf '      data set load (CSV → columns, in process)   %8.2f s\n' "$load_seconds"
  printf '  (e) tierdesk-cli import into a new workspace    %8.2f s   peak RSS %6.0f MiB\n' \
    "$e_seconds" "$(awk -v k="$e_kib" 'BEGIN { print k / 1024 }')"
  printf '      sqlite3 .import of the 5 files, one commit  %8.2f s   peak RSS %6.0f MiB (%s rows of sales; journal, synchronous, page: %s)\n' \
    "$s_seconds" "$(awk -v k="$s_kib" 'BEGIN { print k / 1024 }')" "$s_rows" "$sqlite_settings"
  printf '      ratio                                       %8s     (target ≤ 1.5: %s)\n' \
    "$(ratio "$e_seconds" "$s_seconds")" "$(verdict "$(ratio "$e_seconds" "$s_seconds")" 1.5)"
  printf '  (f) data set from the workspace (in process)    %8.2f s   median of 3, opening it (quick_check) %.2f s more\n' \
    "$workspace_load_seconds" "$workspace_open_seconds"
  printf '      data set from the CSV folder (in process)   %8.2f s   → ratio %s (target ≤ 1: %s)\n' \
    "$csv_load_seconds" "$(ratio "$workspace_load_seconds" "$csv_load_seconds")" \
    "$(verdict "$(ratio "$workspace_load_seconds" "$csv_load_seconds")" 1)"
  printf '  (g) live what-if in the app, edit → page       %8.1f ms  median of 20, max %.1f ms (target: the engine'"'"'s (d) plus drawing)\n' \
    "$live_median_ms" "$live_max_ms"
  printf '      first simulation after opening              %8d ms   data set load on the worker %.2f s\n' \
    "$live_first_ms" "$live_load_seconds"
  rm -f "$workspace" "$workspace-journal"
done

# The default demo data (what the app opens on its first start): the live
# what-if target is 100 ms from the edit to the figures on screen.
demo="$work/demo.tierdesk"
rm -f "$demo"
"$cli" demo "$demo" >/dev/null 2>&1
eval "$("$bench_live" "$demo" smart-soft ti-software-reward certified 20)"
echo
echo "== the default demo workspace (6,000 partners, 240,000 sales)"
printf '  (g) live what-if in the app, edit → page       %8.1f ms  median of 20, max %.1f ms (target < 100 ms: %s)\n' \
  "$live_median_ms" "$live_max_ms" "$(verdict "$live_max_ms" 100)"
printf '      first simulation after opening              %8d ms   data set load on the worker %.2f s\n' \
  "$live_first_ms" "$live_load_seconds"
rm -f "$demo"
