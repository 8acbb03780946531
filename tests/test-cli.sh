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

# Translations: the German catalogue is used when asked for (the test
# environment points TIERDESK_LOCALEDIR at the build tree's catalogues).
check "validate in German" 1 env LANGUAGE=de LC_ALL=C.UTF-8 "$cli" validate "$work/bad.json"
contains "the message is translated" "$work/err" "Stufe"

echo "1..$n"
[ "$failed" -eq 0 ]
