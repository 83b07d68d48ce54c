#!/usr/bin/env python3
"""Writes ingest/Landing/latin-composition.txt: the canonical (NFC) compositions of Latin letters with combining marks."""
import os
import unicodedata

OUT = os.path.join(os.path.dirname(__file__), "..", "ingest", "Landing", "latin-composition.txt")
lines = ["# Canonical compositions of Latin letters (Unicode NFC), base + combining mark -> composed, as hex code points.",
         "# Written by tools/make-latin-composition.py from Python's unicodedata; read by NameNormalizer (the .NET runtime",
         "# runs without ICU here, so string.Normalize cannot compose non-ASCII text)."]
for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
    ch = chr(cp)
    d = unicodedata.decomposition(ch)
    if not d or d.startswith("<"):
        continue
    parts = [int(x, 16) for x in d.split()]
    if len(parts) != 2 or unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) != ch:
        continue
    lines.append("%04X %04X %04X" % (parts[0], parts[1], cp))
with open(OUT, "w") as f:
    f.write("\n".join(lines) + "\n")
