"""Plain text articles (scraped portal text, JSON records): title line and portal furniture."""
from __future__ import annotations

import re

from warta.extract import Extracted, ExtractionError, finish
from warta.extract.portals import clean_lines
from warta.sources import SourceDocument


def extract_text(source: SourceDocument) -> Extracted:
    text = normalize_text(source.text or "")
    title = source.title
    if source.title_from_first_line:
        first, _, rest = text.strip().partition("\n")
        title, text = " ".join(first.split()) or None, rest
    cleaned = clean_lines(text.split("\n"))
    if not cleaned.paragraphs:
        raise ExtractionError("no article text found (the body is empty)")
    return finish(Extracted(text="", title=title, url=source.url, published=source.published), cleaned)


def normalize_text(text: str) -> str:
    """Line ends to \\n; NUL and other control characters (but tab and newline) to spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROLS.sub(" ", text).replace("\ufeff", "")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
