#!/usr/bin/env bash
# valgrind-run.sh EXPECTED_STATUS COMMAND... — runs COMMAND under valgrind;
# passes when valgrind finds no error and COMMAND exits EXPECTED_STATUS.
expected="$1"; shift
G_SLICE=always-malloc valgrind --leak-check=full --errors-for-leak-kinds=definite \
  --error-exitcode=99 --quiet "$@" >/dev/null
status=$?
if [ "$status" -eq 99 ]; then echo "valgrind reported errors"; exit 1; fi
if [ "$status" -ne "$expected" ]; then echo "exit $status, expected $expected"; exit 1; fi
exit 0
