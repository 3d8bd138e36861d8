#!/usr/bin/env python3
"""Replaces each line '//@pad PREFIX' in the given Java files with 128 bytes of padding fields."""
import re, sys
for path in sys.argv[1:]:
    out = []
    for line in open(path):
        m = re.match(r"\s*//@pad (\w+)\s*$", line)
        if m:
            for row in range(16):
                out.append("    byte " + ", ".join(f"{m.group(1)}{row:02x}{c}" for c in range(8)) + ";\n")
        else:
            out.append(line)
    open(path, "w").write("".join(out))
