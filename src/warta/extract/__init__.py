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
    """The clean article of one source document; raises ExtractionError when there is none.

    Any failure inside extraction is reported as an ExtractionError (with its cause), so that a
    hostile page yields an error record and the batch goes on.
    """
    from warta.extract.plain import extract_text

    try:
        if source.html is not None and not source.text:
            from warta.extract.html import extract_html

            return extract_html(source)
        return extract_text(source)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError("the page is nested too deeply to extract") from None
    except Exception as e:  # noqa: BLE001 - errors are values at this boundary
        raise ExtractionError(f"extraction failed: {type(e).__name__}: {e}") from e


def finish(ex: Extracted, cleaned) -> Extracted:
    """Merge the portal layer's result (warta.extract.portals.Cleaned) into `ex`; check the body."""
    from warta.settings import get_settings

    ex.text = "\n\n".join(cleaned.paragraphs)
    if len(ex.text) > get_settings().max_text_chars:
        raise ExtractionError(f"the article text has {len(ex.text):,} characters, over the "
                              f"{get_settings().max_text_chars:,} of setting max_text_chars")
    if len(ex.text) < get_settings().min_text_chars:
        raise ExtractionError(f"no article text found (the body has {len(ex.text)} characters, "
                              f"under the {get_settings().min_text_chars} of setting min_text_chars)")
    ex.outlet = ex.outlet or cleaned.outlet
    ex.dateline = ex.dateline or cleaned.dateline
    for mine, theirs in ((ex.authors, cleaned.authors), (ex.editors, cleaned.editors)):
        for name in theirs:
            if name.lower() not in {x.lower() for x in mine}:
                mine.append(name)
    seen = {r.title.lower() for r in ex.related}
    for r in cleaned.related:
        if r.title.lower() not in seen:
            seen.add(r.title.lower())
            ex.related.append(r)
    return ex
