"""Bytes to text: BOM first, then an HTML charset declaration, then charset-normalizer."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class NotText(ValueError):
    """The bytes are not text in any encoding we can trust (binary data)."""


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode bytes of unknown encoding; raise NotText for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if looks_binary(data):
        raise NotText("binary data, not text (is this an image, PDF or archive?)")
    if html:
        m = _META_CHARSET.search(data[:8192])
        if m:
            try:
                return data.decode(codecs.lookup(m.group(1).decode("ascii")).name, errors="replace")
            except LookupError:
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise NotText("could not detect the text encoding")
    return data.decode(best.encoding, errors="replace")
