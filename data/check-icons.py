#!/usr/bin/env python3
"""Check the application icons: each SVG parses, has the canvas the icon
theme spec expects, refers to nothing outside itself, and (with
rsvg-convert, the renderer GTK uses through librsvg) renders at the sizes
the desktop asks for.  The symbolic icon must be drawn in the single
colour GTK recolours, #2e3436.

Usage: check-icons.py SCALABLE.svg SYMBOLIC.svg [RSVG-CONVERT]
"""

import os
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SYMBOLIC_COLOUR = "#2e3436"
COLOUR_PROPERTIES = ("fill", "stroke", "stop-color", "color")

failures = 0
count = 0


def check(name, ok, detail=""):
    global failures, count
    count += 1
    print(("ok" if ok else "not ok") + f" - {name}" + (f": {detail}" if detail and not ok else ""))
    if not ok:
        failures += 1


def colours(root):
    """Every colour named by an attribute or a style declaration."""
    found = set()
    for el in root.iter():
        for prop in COLOUR_PROPERTIES:
            if prop in el.attrib:
                found.add(el.attrib[prop].strip().lower())
        for decl in el.attrib.get("style", "").split(";"):
            if ":" in decl:
                prop, value = (s.strip() for s in decl.split(":", 1))
                if prop in COLOUR_PROPERTIES:
                    found.add(value.lower())
    return found


def external_refs(root):
    refs = []
    for el in root.iter():
        for attr in ("href", XLINK_HREF):
            value = el.attrib.get(attr)
            if value is not None and not value.startswith("#"):
                refs.append(value)
        for value in el.attrib.values():
            refs += [u for u in re.findall(r"url\(([^)]*)\)", value) if not u.strip().startswith("#")]
    return refs


def check_svg(path, size, symbolic):
    name = os.path.basename(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        check(f"{name} parses", False, str(e))
        return
    check(f"{name} parses", True)
    check(f"{name} is an SVG document", root.tag == SVG + "svg", root.tag)
    check(f"{name} viewBox is 0 0 {size} {size}",
          root.attrib.get("viewBox", "").split() == ["0", "0", str(size), str(size)],
          root.attrib.get("viewBox"))
    check(f"{name} width and height are {size}",
          root.attrib.get("width") == str(size) and root.attrib.get("height") == str(size),
          f"{root.attrib.get('width')}x{root.attrib.get('height')}")
    refs = external_refs(root)
    check(f"{name} refers to nothing outside itself", not refs, ", ".join(refs))
    check(f"{name} has no raster image", root.find(f".//{SVG}image") is None)
    if symbolic:
        others = colours(root) - {SYMBOLIC_COLOUR, "none"}
        check(f"{name} uses only {SYMBOLIC_COLOUR}", not others, ", ".join(sorted(others)))


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", header[16:24])


def check_render(rsvg_convert, path, sizes, tmp):
    name = os.path.basename(path)
    for size in sizes:
        out = os.path.join(tmp, f"{size}-{name}.png")
        run = subprocess.run([rsvg_convert, "-w", str(size), "-h", str(size), "-o", out, path],
                             capture_output=True, text=True)
        ok = run.returncode == 0 and not run.stderr.strip()
        check(f"{name} renders at {size}px", ok and png_size(out) == (size, size),
              run.stderr.strip() or str(png_size(out) if ok else run.returncode))


def main():
    scalable, symbolic = sys.argv[1:3]
    rsvg_convert = sys.argv[3] if len(sys.argv) > 3 else None
    check_svg(scalable, 128, False)
    check_svg(symbolic, 16, True)
    if rsvg_convert:
        with tempfile.TemporaryDirectory() as tmp:
            check_render(rsvg_convert, scalable, (16, 32, 48, 64, 128, 256), tmp)
            check_render(rsvg_convert, symbolic, (16, 32), tmp)
    else:
        print("# rsvg-convert not found: rendering not checked")
    print(f"1..{count}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
