#!/usr/bin/env bash
# test-cli.sh CLI EXAMPLES_DIR — the command line's exit codes and outputs (TAP)
set -u
cli="$1"; examples="$2"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
n=0; failed=0

check() {  # check DESCRIPTION EXPECTED_STATUS COMMAND...
  local description="$1" expected="$2"; shift 2
  n=$((n + 1))
  "$@" >"$work/out" 2>"$work/err"
  local status=$?
  if [ "$status" -eq "$expected" ]; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description (exit $status, expected $expected)"
    sed 's/^/# /' "$work/err" | head -5
    failed=$((failed + 1))
  fi
}

contains() {  # contains DESCRIPTION FILE TEXT
  n=$((n + 1))
  if grep -qF -- "$3" "$2"; then echo "ok $n - $1"; else
    echo "not ok $n - $1: “$3” not in output"; sed 's/^/# /' "$2" | head -5; failed=$((failed + 1)); fi
}

check "validate a valid example" 0 "$cli" validate "$examples/smart-soft.json"
contains "validate prints a summary" "$work/out" "valid — Smart-Soft partner program, version 1 (RUB): 3 tiers, 7 rules"

printf '{"format": "tierdesk.program", "format_version": 1, "id": "X", "name": "x", "version": 1, "currency": "EUR", "tiers": []}' >"$work/bad.json"
check "validate an invalid program exits 1" 1 "$cli" validate "$work/bad.json"
contains "every problem on stderr (id)" "$work/err" "$work/bad.json: \$.id: “X” is not a valid id"
contains "every problem on stderr (tiers)" "$work/err" "$work/bad.json: \$.tiers: a program needs at least one tier"

check "validate a missing file exits 1" 1 "$cli" validate "$work/none.json"
check "validate without a file is a usage error" 2 "$cli" validate
check "validate with two files is a usage error" 2 "$cli" validate a.json b.json
check "an unknown option is a usage error" 2 "$cli" validate --frobnicate "$examples/snom.json"
check "an unknown command is a usage error" 2 "$cli" frobnicate
check "no command is a usage error" 2 "$cli"
check "--help" 0 "$cli" --help
contains "--help lists validate" "$work/out" "validate"
check "validate --help" 0 "$cli" validate --help
contains "validate --help names the exit status" "$work/out" "Exit status"
check "--version" 0 "$cli" --version
contains "--version prints the version" "$work/out" "tierdesk-cli "

check "fmt to stdout" 0 "$cli" fmt "$examples/snom.json"
n=$((n + 1)); if cmp -s "$work/out" "$examples/snom.json"; then echo "ok $n - fmt of a canonical file is the same bytes"; else echo "not ok $n - fmt changed a canonical file"; failed=$((failed + 1)); fi
check "fmt -o FILE" 0 "$cli" fmt "$examples/kaspersky.json" -o "$work/k.json"
n=$((n + 1)); if cmp -s "$work/k.json" "$examples/kaspersky.json"; then echo "ok $n - fmt -o writes the canonical bytes"; else echo "not ok $n - fmt -o output differs"; failed=$((failed + 1)); fi
check "fmt of an invalid program exits 1" 1 "$cli" fmt "$work/bad.json" -o "$work/never.json"
n=$((n + 1)); if [ ! -e "$work/never.json" ]; then echo "ok $n - fmt writes nothing for an invalid program"; else echo "not ok $n - fmt wrote a file"; failed=$((failed + 1)); fi
check "fmt without a file is a usage error" 2 "$cli" fmt

# Workspaces: save creates the file and numbers versions per program;
# export gives back the saved bytes; check finds damage.
ws="$work/demo.tierdesk"
check "save creates a workspace" 0 "$cli" save "$ws" "$examples/smart-soft.json" --note "From the article"
contains "save says it created the workspace" "$work/out" "Created workspace $ws"
contains "save prints the version" "$work/out" "Saved smart-soft version 1"
check "save an unchanged program" 0 "$cli" save "$ws" "$examples/smart-soft.json"
contains "nothing saved when unchanged" "$work/out" "Program “smart-soft” is unchanged since version 1: nothing saved"
sed 's/"name": "Smart-Soft partner program"/"name": "Smart-Soft partner program 2025"/' "$examples/smart-soft.json" >"$work/smart-soft-2.json"
check "save a changed program" 0 "$cli" save "$ws" "$work/smart-soft-2.json"
contains "save numbers the next version" "$work/out" "Saved smart-soft version 2"
check "diff two versions" 0 "$cli" diff "$ws" smart-soft 1 2
contains "diff says what changed" "$work/out" "Smart-Soft partner program 2025"
check "diff as JSON" 0 "$cli" diff "$ws" smart-soft 1 2 --format json
contains "diff JSON names the subject" "$work/out" '"change": "changed"'
check "diff of a version with itself" 0 "$cli" diff "$ws" smart-soft 2 2
contains "diff says nothing changed" "$work/out" "No change between versions 2 and 2."
check "diff of a missing version exits 1" 1 "$cli" diff "$ws" smart-soft 1 7
check "diff without versions is a usage error" 2 "$cli" diff "$ws" smart-soft
check "save another program" 0 "$cli" save "$ws" "$examples/snom.json"
contains "numbering is per program" "$work/out" "Saved snom version 1"
check "save an invalid program exits 1" 1 "$cli" save "$ws" "$work/bad.json"
contains "save lists the problems" "$work/err" "$work/bad.json: \$.tiers: a program needs at least one tier"
check "save an invalid program to a new workspace exits 1" 1 "$cli" save "$work/new.tierdesk" "$work/bad.json"
n=$((n + 1)); if [ ! -e "$work/new.tierdesk" ]; then echo "ok $n - no workspace is created for an invalid program"; else echo "not ok $n - a workspace was created"; failed=$((failed + 1)); fi
check "save without a program is a usage error" 2 "$cli" save "$ws"
check "programs" 0 "$cli" programs "$ws"
contains "programs has headers" "$work/out" "ID          NAME                             VENDOR      CURRENCY  VERSION  SAVED AT"
contains "programs lists the latest version" "$work/out" "smart-soft  Smart-Soft partner program 2025  Smart-Soft  RUB       2        20"
contains "programs lists every program" "$work/out" "snom        Snom partner program             Snom        EUR       1        20"
check "programs without a workspace is a usage error" 2 "$cli" programs
check "versions" 0 "$cli" versions "$ws" smart-soft
contains "versions lists the note" "$work/out" "From the article"
check "versions of an unknown program exits 1" 1 "$cli" versions "$ws" acme
contains "versions names the missing program" "$work/err" "Workspace “$ws” has no program “acme”"
check "export the latest version" 0 "$cli" export "$ws" smart-soft
sed '0,/^  "version": 1,$/s//  "version": 2,/' "$work/smart-soft-2.json" >"$work/expected-2.json"
n=$((n + 1)); if cmp -s "$work/out" "$work/expected-2.json"; then echo "ok $n - export writes the saved bytes, version 2"; else echo "not ok $n - export differs from what was saved"; failed=$((failed + 1)); fi
check "export version 1 to a file" 0 "$cli" export "$ws" smart-soft --version 1 -o "$work/v1.json"
n=$((n + 1)); if cmp -s "$work/v1.json" "$examples/smart-soft.json"; then echo "ok $n - export -o of version 1 is the example file"; else echo "not ok $n - export -o differs"; failed=$((failed + 1)); fi
check "export -o a device writes to it" 0 "$cli" export "$ws" snom -o /dev/null
n=$((n + 1)); if [ -c /dev/null ]; then echo "ok $n - export -o /dev/null leaves the device in place"; else echo "not ok $n - export replaced /dev/null"; failed=$((failed + 1)); fi
check "export an unknown version exits 1" 1 "$cli" export "$ws" smart-soft --version 9
contains "export names the latest version" "$work/err" "has no version 9 (the latest is 2)"
check "export --version 0 is a usage error" 2 "$cli" export "$ws" smart-soft --version 0
check "export --version x is a usage error" 2 "$cli" export "$ws" smart-soft --version x
check "check a sound workspace" 0 "$cli" check "$ws"
contains "check counts the versions" "$work/out" "Versions: 3"
contains "check runs the integrity check" "$work/out" "Integrity check: ok"
printf 'not a workspace, just text, long enough to be read as an SQLite header: %0100d' 0 >"$work/text.tierdesk"
check "programs of a file that is not a workspace exits 1" 1 "$cli" programs "$work/text.tierdesk"
contains "the file is named" "$work/err" "“$work/text.tierdesk” is not a Tierdesk workspace: it is not an SQLite database"
cp "$work/text.tierdesk" "$work/text.copy"
check "save refuses a file that is not a workspace" 1 "$cli" save "$work/text.tierdesk" "$examples/snom.json"
n=$((n + 1)); if cmp -s "$work/text.tierdesk" "$work/text.copy"; then echo "ok $n - save leaves a file that is not a workspace unchanged"; else echo "not ok $n - save changed a file that is not a workspace"; failed=$((failed + 1)); fi
cp "$ws" "$work/damaged.tierdesk"
python3 - "$work/damaged.tierdesk" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
page = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'draft'").fetchone()[0]
db.close()
with open(sys.argv[1], 'r+b') as f:
    f.seek((page - 1) * 4096)
    f.write(b'\x42')
PY
check "check of a damaged workspace exits 1" 1 "$cli" check "$work/damaged.tierdesk"
contains "check says the integrity check failed" "$work/out" "Integrity check: failed"
contains "check lists the findings" "$work/out" "  Page 6: btreeInitPage() returns error code 11"
check "programs of a damaged workspace exits 1" 1 "$cli" programs "$work/damaged.tierdesk"
contains "programs says it is damaged" "$work/err" "Workspace “$work/damaged.tierdesk” is damaged: Page 6: btreeInitPage() returns error code 11"
cp "$ws" "$work/read-only.tierdesk"; chmod a-w "$work/read-only.tierdesk"
check "save to a read-only workspace exits 1" 1 "$cli" save "$work/read-only.tierdesk" "$examples/s-mart.json"
contains "save says the file is read-only" "$work/err" "for writing: the file is read-only"
check "programs of a read-only workspace" 0 "$cli" programs "$work/read-only.tierdesk"

# Import: simulate --workspace gives the same bytes as --data on the same
# files; a folder with a bad row changes nothing; --skip-invalid writes
# the rejected rows with their reason.
engine="$(dirname "$examples")/../tests/engine"
for case in 01 10 20 30 39; do
  dir=$(ls -d "$engine"/$case-* 2>/dev/null | head -n 1)
  [ -n "$dir" ] || continue
  iws="$work/import-$case.tierdesk"
  check "import engine case $case" 0 "$cli" import "$iws" --data "$dir"
  for format in json csv text; do
    "$cli" simulate "$dir/program.json" --data "$dir" --from 2024-01-01 --to 2024-12-31 --format $format >"$work/a.out" 2>/dev/null
    data_status=$?
    "$cli" simulate "$dir/program.json" --workspace "$iws" --from 2024-01-01 --to 2024-12-31 --format $format >"$work/b.out" 2>/dev/null
    n=$((n + 1))
    if [ $? -eq $data_status ] && cmp -s "$work/a.out" "$work/b.out"; then
      echo "ok $n - case $case: simulate --workspace = --data ($format)"
    else
      echo "not ok $n - case $case: simulate --workspace differs from --data ($format)"; failed=$((failed + 1))
    fi
  done
done
iws="$work/import-01.tierdesk"
first=$(ls -d "$engine"/01-* | head -n 1)
"$cli" simulate "$first/program.json" --workspace "$iws" --from 2024-01-01 --to 2024-12-31 >"$work/before.json"
mkdir -p "$work/bad"
cp "$first"/*.csv "$work/bad/"
printf 'S999,2024-13-01,%s,C9,%s,1,5.00\n' "$(sed -n 2p "$first/partners.csv" | cut -d, -f1)" "$(sed -n 2p "$first/products.csv" | cut -d, -f1)" >>"$work/bad/sales.csv"
check "import a folder with a bad row exits 1" 1 "$cli" import "$iws" --data "$work/bad"
contains "the import names the bad cell" "$work/err" "sales.csv:"
"$cli" simulate "$first/program.json" --workspace "$iws" --from 2024-01-01 --to 2024-12-31 >"$work/after.json"
n=$((n + 1)); if cmp -s "$work/before.json" "$work/after.json"; then echo "ok $n - a failed import changes nothing"; else echo "not ok $n - a failed import changed the data"; failed=$((failed + 1)); fi
check "import --skip-invalid keeps the good rows" 0 "$cli" import "$iws" --data "$work/bad" --skip-invalid
rejects=$(ls "$work"/import-01.tierdesk-rejects-*.csv 2>/dev/null | head -n 1)
n=$((n + 1)); if [ -n "$rejects" ] && grep -qF "S999,2024-13-01" "$rejects" && grep -qF "not a date in the calendar" "$rejects"; then
  echo "ok $n - the rejects file holds the row verbatim with its reason"; else echo "not ok $n - rejects file missing or incomplete"; failed=$((failed + 1)); fi
check "import without --data is a usage error" 2 "$cli" import "$iws"

# Batches: the import with the bad row left out is batch 2, in use; undoing
# it brings batch 1 back, byte for byte in the report.
check "batches lists the imports" 0 "$cli" batches "$iws"
n=$((n + 1)); if [ "$(awk 'NR > 1 { print $1 "," $6 }' "$work/out" | tr '\n' ' ')" = "1,0 2,1 " ]; then
  echo "ok $n - batch 1 rejected nothing, batch 2 one row"; else echo "not ok $n - batches: $(cat "$work/out")"; failed=$((failed + 1)); fi
check "undo-import of the latest batch" 0 "$cli" undo-import "$iws" 2
contains "undo-import names the batch in use" "$work/out" "Data set in use: batch 1"
n=$((n + 1)); if [ ! -e "$rejects" ]; then echo "ok $n - the undone batch's rejects file is gone"; else echo "not ok $n - rejects file left behind"; failed=$((failed + 1)); fi
"$cli" simulate "$first/program.json" --workspace "$iws" --from 2024-01-01 --to 2024-12-31 >"$work/undone.json"
n=$((n + 1)); if cmp -s "$work/before.json" "$work/undone.json"; then echo "ok $n - after undo the report is the first import's"; else echo "not ok $n - undo did not restore batch 1"; failed=$((failed + 1)); fi
check "undo-import of an unknown batch exits 1" 1 "$cli" undo-import "$iws" 7
contains "undo-import names the missing batch" "$work/err" "has no import batch 7"
check "undo-import of a batch that is not a number is a usage error" 2 "$cli" undo-import "$iws" x
check "check counts the data set" 0 "$cli" check "$iws"
contains "check prints the batches" "$work/out" "Import batches: 1"
contains "check passes the batch check" "$work/out" "Import batch check: ok"

# The demo workspace: five programs, earlier versions of three, the demo
# data as batch 1.
demo="$work/new-demo.tierdesk"
check "demo creates the demo workspace" 0 "$cli" demo "$demo" --partners 60 --sales 3000
contains "demo says what it made" "$work/out" "Created demo workspace $demo: 60 partners, 3000 sales (seed 1)"
check "programs of the demo workspace" 0 "$cli" programs "$demo"
n=$((n + 1)); if [ "$(awk 'NR > 1 { print $1 ":" $(NF - 1) }' "$work/out" | tr '\n' ' ')" = "kaspersky:2 microsoft-pai:1 s-mart:1 smart-soft:2 snom:2 " ]; then
  echo "ok $n - demo versions: kaspersky 2, microsoft-pai 1, s-mart 1, smart-soft 2, snom 2"; else echo "not ok $n - demo programs: $(cat "$work/out")"; failed=$((failed + 1)); fi
check "diff of the demo's Smart-Soft versions" 0 "$cli" diff "$demo" smart-soft 1 2
contains "the promotion was added in version 2" "$work/out" "Rule ting-spring-2025 added (percent), active 2025-03-01 to 2025-05-31"
check "export of the demo's latest Smart-Soft" 0 "$cli" export "$demo" smart-soft -o "$work/demo-smart-soft.json"
sed 's/"version": 2,/"version": 1,/' "$work/demo-smart-soft.json" >"$work/demo-smart-soft-1.json"
n=$((n + 1)); if cmp -s "$work/demo-smart-soft-1.json" "$examples/smart-soft.json"; then echo "ok $n - the demo's latest Smart-Soft is the shipped example"; else echo "not ok $n - demo Smart-Soft differs from the example"; failed=$((failed + 1)); fi
check "check of the demo workspace" 0 "$cli" check "$demo"
contains "the demo data is batch 1" "$work/out" "Data set: batch 1, 60 partners"
check "demo refuses an existing file" 1 "$cli" demo "$demo"
check "demo without a workspace is a usage error" 2 "$cli" demo

# Translations: the German catalogue is used when asked for (the test
# environment points TIERDESK_LOCALEDIR at the build tree's catalogues).
check "validate in German" 1 env LANGUAGE=de LC_ALL=C.UTF-8 "$cli" validate "$work/bad.json"
contains "the message is translated" "$work/err" "Stufe"

echo "1..$n"
[ "$failed" -eq 0 ]
