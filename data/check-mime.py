#!/usr/bin/env python3
"""Install the merged MIME package into a private XDG data directory and
check that GIO recognises a workspace by name and, once renamed, by its
SQLite application id, and that a plain SQLite file stays plain.

Usage: check-mime.py MIME.xml UPDATE-MIME-DATABASE GIO
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

WORKSPACE_TYPE = "application/x-tierdesk-workspace"
SQLITE_TYPE = "application/vnd.sqlite3"
APPLICATION_ID = 0x5444534B  # docs/workspace.md, "Identity"

failures = 0
count = 0


def check(name, got, want):
    global failures, count
    count += 1
    if got == want:
        print(f"ok - {name}: {got}")
    else:
        print(f"not ok - {name}: got {got!r}, want {want!r}")
        failures += 1


def make_sqlite(path, application_id):
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {application_id}")
    db.execute("CREATE TABLE t (x INTEGER)")
    db.commit()
    db.close()


def content_type(gio, env, path):
    out = subprocess.run([gio, "info", "-a", "standard::content-type", path],
                         env=env, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("standard::content-type:"):
            return line.split(":", 3)[-1].strip()
    return None


def main():
    mime_xml, update_mime_database, gio = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        data_home = os.path.join(tmp, "data")
        packages = os.path.join(data_home, "mime", "packages")
        os.makedirs(packages)
        shutil.copy(mime_xml, os.path.join(packages, "org.tierdesk.Tierdesk.xml"))
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = data_home
        env["XDG_DATA_DIRS"] = env.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
        # update-mime-database rejects what the spec does not allow, and
        # says so on stderr without failing: treat any output as an error.
        run = subprocess.run([update_mime_database, os.path.join(data_home, "mime")],
                             env=env, capture_output=True, text=True)
        check("update-mime-database exit status", run.returncode, 0)
        complaints = [l for l in run.stderr.splitlines()
                      if "warning" in l.lower() or "error" in l.lower()]
        check("update-mime-database complaints", complaints, [])

        named = os.path.join(tmp, "demo.tierdesk")
        make_sqlite(named, APPLICATION_ID)
        check("workspace named *.tierdesk", content_type(gio, env, named), WORKSPACE_TYPE)

        # The name alone decides when the content says nothing.
        text = os.path.join(tmp, "notes.tierdesk")
        with open(text, "w") as f:
            f.write("not a database\n")
        check("text file named *.tierdesk", content_type(gio, env, text), WORKSPACE_TYPE)

        renamed = os.path.join(tmp, "renamed-workspace")
        shutil.copy(named, renamed)
        check("workspace without its extension", content_type(gio, env, renamed), WORKSPACE_TYPE)

        plain = os.path.join(tmp, "plain-database")
        make_sqlite(plain, 0)
        check("SQLite file with application id 0", content_type(gio, env, plain), SQLITE_TYPE)

        other = os.path.join(tmp, "other-database")
        make_sqlite(other, APPLICATION_ID + 1)
        check("SQLite file of another application", content_type(gio, env, other), SQLITE_TYPE)
    print(f"1..{count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
