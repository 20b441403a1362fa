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


# WHATWG: pages labelled latin-1 or ascii are decoded as windows-1252 (browsers do the same).
_LABEL_ALIASES = {"latin_1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859_1": "cp1252"}
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def looks_binary(data: bytes) -> bool:
    """Binary data: many NUL or control bytes in the first 8 KiB (a few stray NULs are not enough)."""
    head = data[:8192]
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
                        b"\x7fELF", b"MZ")):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.02


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Decode bytes of unknown encoding; raise NotText for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if looks_binary(data):
        raise NotText("binary data, not text (is this an image, PDF or archive?)")
    # valid UTF-8 is UTF-8, whatever a page declares (scrapers re-save pages as UTF-8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:8192])
        if m:
            try:
                name = codecs.lookup(m.group(1).decode("ascii", "replace")).name
            except LookupError:
                name = None
            if name and name not in ("utf-8", "utf-16", "utf-32"):
                return data.decode(_LABEL_ALIASES.get(name, name), errors="replace")
    # Indonesian (and English) text is Latin script: windows-1252 is the legacy encoding to expect
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        # no confident guess: windows-1252 maps every byte, and Indonesian text is mostly ASCII
        return data.decode("cp1252", errors="replace")
    encoding = _LABEL_ALIASES.get(codecs.lookup(best.encoding).name, best.encoding)
    return data.decode(encoding, errors="replace")
