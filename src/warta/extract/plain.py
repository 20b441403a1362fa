"""Plain text articles (scraped portal text, JSON records): title line and portal furniture."""
from __future__ import annotations

from warta.extract import Extracted, ExtractionError
from warta.settings import get_settings
from warta.sources import SourceDocument


def extract_text(source: SourceDocument) -> Extracted:
    text = (source.text or "").replace("\r\n", "\n").replace("\r", "\n")
    title = source.title
    if source.title_from_first_line:
        first, _, rest = text.strip().partition("\n")
        title, text = first.strip() or None, rest
    body = "\n\n".join(p.strip() for p in text.split("\n") if p.strip())
    if len(body) < get_settings().min_text_chars:
        raise ExtractionError("no article text found (the body is empty or too short)")
    return Extracted(text=body, title=title, url=source.url, published=source.published)
