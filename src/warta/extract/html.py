"""HTML pages: trafilatura for the main text, title and authors; htmldate for the date."""
from __future__ import annotations

import trafilatura

from warta.extract import Extracted, ExtractionError
from warta.sources import SourceDocument


def extract_html(source: SourceDocument) -> Extracted:
    doc = trafilatura.bare_extraction(source.html, url=source.url, with_metadata=True, include_comments=False,
                                      favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError("no article found in the page")
    return Extracted(text=doc.text, title=source.title or doc.title, url=source.url or doc.url,
                     published=source.published or doc.date,
                     authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()])
