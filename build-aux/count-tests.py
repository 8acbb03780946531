#!/usr/bin/python3
"""Counts the tests of one or more meson test logs and prints the closing
line "N passed, N failed". A TAP test counts each of its "ok" / "not ok"
lines; any other test counts once. Exit status 1 when anything failed or
no test ran."""
import json
import re
import sys

passed = failed = skipped = 0
tap_line = re.compile(r'^(not ok|ok)\b(.*)$')

for log in sys.argv[1:]:
    if log.endswith('.txt'):
        # Plain results: one "PASS name" or "FAIL name" per line.
        try:
            for line in open(log, encoding='utf-8'):
                if line.startswith('PASS '):
                    passed += 1
                elif line.startswith('FAIL '):
                    failed += 1
        except OSError as error:
            print(f'{log}: {error}')
            failed += 1
        continue
    try:
        entries = [json.loads(line) for line in open(log, encoding='utf-8') if line.strip()]
    except OSError as error:
        print(f'{log}: {error}')
        failed += 1
        continue
    for entry in entries:
        result = entry.get('result')
        subtests = []
        if True:  # meson 1.0 does not record the protocol; TAP lines tell
            for line in (entry.get('stdout') or '').splitlines():
                match = tap_line.match(line.strip())
                if match:
                    skip = '# SKIP' in match.group(2).upper()
                    subtests.append('skip' if skip else match.group(1))
        if result in ('SKIP',):
            skipped += 1
        elif subtests and result in ('OK', 'EXPECTEDFAIL'):
            passed += subtests.count('ok')
            skipped += subtests.count('skip')
        elif subtests:
            # A TAP test that failed or crashed counts its failures, and at
            # least one failure even if the crash cut the output short.
            passed += subtests.count('ok')
            failed += max(1, subtests.count('not ok'))
        elif result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        else:
            failed += 1

line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
sys.exit(1 if failed or passed == 0 else 0)
