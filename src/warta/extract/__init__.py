"""Clean article and metadata from a SourceDocument: `extract(source) -> Extracted`.

HTML goes through trafilatura (main text, title, authors) and htmldate (date); then warta's
Indonesian portal layer removes furniture (Baca Juga, Editor:, datelines, adverts) from the
text and keeps what is metadata (outlet, dateline, editors, authors, related titles).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from warta.record import Related
from warta.sources import SourceDocument


class ExtractionError(ValueError):
    """The input holds no article we can extract (the message says why)."""


@dataclass
class Extracted:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)


def extract(source: SourceDocument) -> Extracted:
    """The clean article of one source document; raises ExtractionError when there is none."""
    from warta.extract.plain import extract_text

    if source.html is not None and not source.text:
        from warta.extract.html import extract_html

        return extract_html(source)
    return extract_text(source)
