#!/usr/bin/python3
"""check-engine.py CLI CASES_DIR — black-box tests of `tierdesk-cli simulate` (TAP).

Each case is a directory CASES_DIR/NN-name/ holding program.json, an optional
baseline.json, the CSV files of FORMAT.md section 3, and case.json:

  {"args": ["--from", "2024-01-01", "--to", "2024-12-31"],
   "exit": 0,
   "expect": {...},             deep subset of the JSON report (see below)
   "absent": ["$.path", ...],   optional: members that must NOT be in the report
   "lines": [{"sale_id", "partner_id", "rule", "payout"}, ...],  optional
   "stderr_contains": "text" or ["text", ...],                   optional
   "why": "the hand computation"}

The runner runs
  CLI simulate CASE/program.json --data CASE [--baseline CASE/baseline.json]
      ARGS --format json [--lines TMP.csv]
and checks the exit status, then (exit 0) that `expect` is a deep subset of
the report: objects are compared member by member for the members given in
`expect`; arrays must have the same length and match element by element;
strings, booleans and null must be equal and of the same JSON type; numbers
are compared numerically (exactly, as decimals). With "lines", every row of
the --lines CSV is compared, in file order, on the columns sale_id,
partner_id, rule and payout (found by header name).

Standard library only. Exit status 1 when a case fails.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

TIMEOUT = 120


def load_json(text):
    return json.loads(text, parse_float=Decimal)


def jtype(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, Decimal)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return type(v).__name__


def show(v):
    if isinstance(v, Decimal):
        return str(v)
    try:
        text = json.dumps(v, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(v)
    if len(text) > 200:
        text = text[:197] + "..."
    return text


class Mismatch(Exception):
    def __init__(self, path, expected, got):
        super().__init__(path)
        self.path, self.expected, self.got = path, expected, got

    def __str__(self):
        return "first difference at %s: expected %s, got %s" % (self.path, self.expected, self.got)


def compare(expected, actual, path):
    """Raise Mismatch at the first place where expected is not a subset of actual."""
    et, at = jtype(expected), jtype(actual)
    if et != at:
        raise Mismatch(path, show(expected), "%s (%s)" % (show(actual), at))
    if et == "object":
        for key, value in expected.items():
            sub = "%s.%s" % (path, key)
            if key not in actual:
                raise Mismatch(sub, show(value), "no such member")
            compare(value, actual[key], sub)
    elif et == "array":
        for i in range(min(len(expected), len(actual))):
            compare(expected[i], actual[i], "%s[%d]" % (path, i))
        if len(expected) != len(actual):
            raise Mismatch("%s (length)" % path, "%d elements" % len(expected), "%d elements" % len(actual))
    elif et == "number":
        if Decimal(expected) != Decimal(actual):
            raise Mismatch(path, show(expected), show(actual))
    elif expected != actual:
        raise Mismatch(path, show(expected), show(actual))


def parse_path(path):
    """'$.partners[1].rules.x' -> ['partners', 1, 'rules', 'x']"""
    if path.startswith("$"):
        path = path[1:]
    steps = []
    for part in path.split("."):
        if not part:
            continue
        name, _, rest = part.partition("[")
        if name:
            steps.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            steps.append(int(index))
            rest = rest[1:] if rest.startswith("[") else rest
    return steps


def check_absent(report, path):
    node = report
    steps = parse_path(path)
    for i, step in enumerate(steps):
        last = i == len(steps) - 1
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return  # the container itself is missing: nothing to find
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return
            if last:
                raise Mismatch(path, "no such member", show(node[step]))
            node = node[step]


def check_lines(expected, filename):
    if not os.path.exists(filename):
        raise Mismatch("--lines", "a CSV file", "no file written")
    with open(filename, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise Mismatch("--lines", "a header row", "an empty file")
    header = [h.strip() for h in rows[0]]
    columns = ("sale_id", "partner_id", "rule", "payout")
    where = {}
    for col in columns + ("tier", "base"):
        if col not in header:
            raise Mismatch("--lines header", "a column %s" % col, show(rows[0]))
        where[col] = header.index(col)
    body = [r for r in rows[1:] if r != []]
    for i in range(min(len(expected), len(body))):
        row = body[i]
        for col in columns:
            got = row[where[col]].strip() if where[col] < len(row) else None
            if got != expected[i][col]:
                raise Mismatch("--lines row %d column %s" % (i + 1, col), show(expected[i][col]), show(got))
    if len(expected) != len(body):
        raise Mismatch("--lines (row count)", "%d rows" % len(expected), "%d rows" % len(body))


def run_case(cli, casedir, spec):
    program = os.path.join(casedir, "program.json")
    cmd = [cli, "simulate", program, "--data", casedir]
    baseline = os.path.join(casedir, "baseline.json")
    if os.path.exists(baseline):
        cmd += ["--baseline", baseline]
    cmd += list(spec.get("args", []))
    cmd += ["--format", "json"]
    with tempfile.TemporaryDirectory(prefix="check-engine-") as tmp:
        lines_file = os.path.join(tmp, "lines.csv")
        if "lines" in spec:
            cmd += ["--lines", lines_file]
        try:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Mismatch("$", "completion", "timeout after %d s" % TIMEOUT)
        except OSError as e:
            raise Mismatch("$", "a runnable CLI", str(e))
        stderr = proc.stderr.decode("utf-8", "replace")
        want_exit = spec.get("exit", 0)
        if proc.returncode != want_exit:
            first = stderr.strip().splitlines()[:1]
            raise Mismatch("exit status", want_exit, "%d%s" % (proc.returncode,
                           (" (stderr: %s)" % first[0][:200]) if first else ""))
        needles = spec.get("stderr_contains")
        if needles is not None:
            for needle in [needles] if isinstance(needles, str) else needles:
                if needle not in stderr:
                    raise Mismatch("stderr", "text containing %s" % show(needle), show(stderr.strip()))
        if want_exit != 0:
            return
        try:
            report = load_json(proc.stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise Mismatch("$", "a JSON report on stdout", "unparsable output (%s)" % e)
        if "expect" in spec:
            compare(load_json(json.dumps(spec["expect"])), report, "$")
        for path in spec.get("absent", []):
            check_absent(report, path)
        if "lines" in spec:
            check_lines(spec["lines"], lines_file)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: check-engine.py CLI CASES_DIR\n")
        return 2
    cli, cases_dir = argv[1], argv[2]
    names = sorted(d for d in os.listdir(cases_dir)
                   if os.path.isfile(os.path.join(cases_dir, d, "case.json")))
    if not names:
        sys.stderr.write("check-engine.py: no case in %s\n" % cases_dir)
        return 2
    print("1..%d" % len(names))
    failed = 0
    for n, name in enumerate(names, 1):
        casedir = os.path.join(cases_dir, name)
        try:
            with open(os.path.join(casedir, "case.json"), encoding="utf-8") as f:
                spec = json.load(f)
            run_case(cli, casedir, spec)
        except Mismatch as m:
            failed += 1
            print("not ok %d - %s: %s" % (n, name, m))
            continue
        except (OSError, ValueError) as e:
            failed += 1
            print("not ok %d - %s: broken case: %s" % (n, name, e))
            continue
        print("ok %d - %s" % (n, name))
    if failed:
        print("# %d of %d cases failed" % (failed, len(names)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
