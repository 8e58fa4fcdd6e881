"""A plain course card image, for a course whose transcode outputs hold no promo poster.

Studio needs a course image (``course_image``, a file in ``static/``). The
descriptor names none, so the poster frame of the promo video is used when
``moocforge transcode`` made one; otherwise this writes a one-colour PNG of the
size Open edX recommends (378×225), always the same bytes, for the team to
replace in Studio. PNG is simple enough to write with zlib alone.
"""

from __future__ import annotations

import struct
import zlib

CARD_SIZE = (378, 225)
CARD_COLOUR = (0x1F, 0x4E, 0x79)  # a calm dark blue


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def plain_card_png(size: tuple[int, int] = CARD_SIZE, colour: tuple[int, int, int] = CARD_COLOUR) -> bytes:
    width, height = size
    row = b"\x00" + bytes(colour) * width  # filter type 0, then RGB pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(row * height, 9)) + _chunk(b"IEND", b""))
