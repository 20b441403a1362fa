"""HTML pages: warta's DOM pass, trafilatura for the main text, htmldate for the date, then the line pass.

1. The DOM pass (warta.extract.dom) reads the headline, the visible date line, bylines and credit
   boxes, and takes related-link blocks out of the page (their titles go to `related`).
2. trafilatura extracts the main text from what is left (its recall mode, then the page's own
   paragraphs, when it finds nothing); htmldate gives the date when the page shows no date line.
3. The line pass (warta.extract.portals) removes inline furniture, reads credits and the dateline.
"""
from __future__ import annotations

import copy
import re
from urllib.parse import urljoin

import trafilatura

from warta.extract import Extracted, ExtractionError, finish
from warta.extract.dates import parse_iso
from warta.extract.dom import parse_html, prepare
from warta.extract.plain import normalize_text
from warta.extract.portals import clean_lines
from warta.sources import SourceDocument

_CORE = re.compile(r"^[\s.…\"“”'‘’]+|[\s.…\"“”'‘’]+$")


def extract_html(source: SourceDocument) -> Extracted:
    html = normalize_text(source.html or "")
    if not html.strip():
        raise ExtractionError("empty page")
    tree = parse_html(html)
    if tree is None:
        raise ExtractionError("the page could not be parsed as HTML")
    info = prepare(tree)
    base = source.url or info.url
    if base:
        for r in info.related:
            if r.url and r.url.startswith("/"):
                r.url = urljoin(base, r.url)
    doc = _trafilatura(tree, source, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        # small or unusual pages: trafilatura's recall mode on a fresh tree, then the page's own paragraphs
        tree = parse_html(html)
        prepare(tree)
        doc = _trafilatura(copy.deepcopy(tree), source, favor_recall=True)
        if doc is None or not (doc.text or "").strip():
            doc = _paragraphs_of(tree)
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError("no article found in the page")
    cleaned = clean_lines(doc.text.split("\n"), title=source.title or info.title)
    if cleaned.paragraphs and not (cleaned.dateline or cleaned.outlet):
        _bold_dateline(cleaned, info)
    cleaned.paragraphs = drop_pull_quotes(cleaned.paragraphs)
    if not cleaned.paragraphs:
        raise ExtractionError("no article found in the page")
    published = source.published or info.published  # a given date (JSON record, feed entry) is kept
    if not source.published and (not published or "T" not in published):
        # htmldate when the page shows no date line with a time (kept only if it agrees with a shown date)
        found = _htmldate(html)
        if found and (not published or found.startswith(published)):
            published = found
    authors = list(info.authors)
    if not (authors or info.editors or cleaned.authors or cleaned.editors) and info.meta_author:
        authors = [a.strip() for a in re.split(r";|\s+dan\s+|,", info.meta_author) if _person_like(a.strip())]
    ex = Extracted(text="", title=source.title or info.title, url=source.url or info.url,
                   published=published, authors=authors, editors=list(info.editors), related=list(info.related))
    ex = finish(ex, cleaned)
    if not ex.outlet and info.site_name:
        ex.outlet = info.site_name
    return ex


def _trafilatura(tree, source: SourceDocument, **mode):
    try:
        return trafilatura.bare_extraction(tree, url=source.url, with_metadata=False, include_comments=False,
                                           include_tables=False, **mode)
    except (RecursionError, ValueError, TypeError, AttributeError) as e:  # hostile pages: report, go on
        raise ExtractionError(f"the page could not be extracted ({type(e).__name__})") from None


def _htmldate(html: str) -> str | None:
    """The publication date by htmldate (page metadata, URL, visible dates), as ISO."""
    from htmldate import find_date

    try:
        value = find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%dT%H:%M")
    except Exception:  # noqa: BLE001 - a date is optional
        return None
    if value and value.endswith("T00:00"):
        value = value[:10]
    return parse_iso(value)


def _paragraphs_of(tree):
    """The fall-back extraction: the texts of the page's paragraphs (and loose text blocks)."""
    from types import SimpleNamespace

    from warta.extract.dom import text_of

    body = tree.find("body")
    paras = [text_of(p) for p in (body.iter("p") if body is not None else [])]
    paras = [p for p in paras if len(p) >= 40]
    if not paras:
        return None
    return SimpleNamespace(text="\n".join(paras))


def _person_like(name: str) -> bool:
    from warta.extract.dom import rules

    words = re.findall(r"\w+", name.lower())
    return 0 < len(words) <= 5 and not any(w in rules().not_person_words for w in words)


def _bold_dateline(cleaned, info) -> None:
    """A dateline that trafilatura left out ('<strong>Jakarta</strong> -' before the first <p>)."""
    from warta.extract.portals import Cleaned, find_dateline

    head = cleaned.paragraphs[0][:40]
    for prefix, parent_text in info.dateline_candidates:
        if head and head in parent_text:
            probe = Cleaned(paragraphs=[prefix + " " + cleaned.paragraphs[0]])
            find_dateline(probe)
            cleaned.outlet, cleaned.dateline = probe.outlet, probe.dateline
            return


def drop_pull_quotes(paragraphs: list[str]) -> list[str]:
    """Drop a paragraph that only repeats part of another one (a pull quote, a teaser)."""
    if len(paragraphs) < 2 or len(paragraphs) > 400:
        return paragraphs
    keep = []
    for i, para in enumerate(paragraphs):
        core = _CORE.sub("", para)
        if len(core) >= 30 and any(j != i and len(other) > len(core) and core in other
                                   for j, other in enumerate(paragraphs)):
            continue
        keep.append(para)
    return keep
