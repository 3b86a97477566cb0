"""Writes the Windows .ico and macOS .icns from the hicolor PNGs (both formats embed PNG).

    python3 packaging/make_icons.py   # after tools/render_icons.sh changed the PNGs

No image library needed: each format is a small header around the PNG files.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HICOLOR = REPO / "assets" / "icons" / "hicolor"
OUT = REPO / "packaging" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08"}


def png(size: int) -> bytes:
    return (HICOLOR / f"{size}x{size}" / "apps" / "nightstretch.png").read_bytes()


def ico() -> bytes:
    images = [png(size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in zip(ICO_SIZES, images, strict=True):
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images)


def icns() -> bytes:
    entries = [(kind, png(size)) for size, kind in ICNS_TYPES.items()]
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "nightstretch.ico").write_bytes(ico())
    (OUT / "nightstretch.icns").write_bytes(icns())
    return 0


if __name__ == "__main__":
    sys.exit(main())
