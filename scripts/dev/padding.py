#!/usr/bin/env python3
"""Prints 128 bytes of padding fields for class-hierarchy padding: padding.py PREFIX [BYTES]."""
import sys
prefix = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 128
for row in range(count // 8):
    print("    byte " + ", ".join(f"{prefix}{row:02x}{c}" for c in range(8)) + ";")
