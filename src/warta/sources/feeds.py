"""RSS and Atom feeds: one SourceDocument per entry that carries content or a summary.

The entry's content (or summary) is an HTML fragment; it goes through warta's HTML extraction with
the entry's title, link and date as given metadata.
"""
from __future__ import annotations

import time
from typing import Iterator

from warta.sources import SourceDocument


def looks_like_feed(head: str) -> bool:
    head = head[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(data: bytes, origin: str) -> Iterator[SourceDocument]:
    import feedparser

    try:
        feed = feedparser.parse(data)
    except Exception as e:  # noqa: BLE001 - a broken feed is an error record, not a crash
        yield SourceDocument(origin=origin, error=f"feed could not be read: {type(e).__name__}: {e}")
        return
    entries = list(feed.get("entries") or [])
    if not entries:
        problem = feed.get("bozo_exception")
        yield SourceDocument(origin=origin, error="feed has no entries" + (f" ({problem})" if problem else ""))
        return
    for n, entry in enumerate(entries, 1):
        where = f"{origin}#{n}"
        url = entry.get("link") or None
        body = _content(entry)
        if not body:
            yield SourceDocument(origin=where, url=url, id=entry.get("id") or None,
                                 error="feed entry has no content or summary (only a link; warta does not fetch it)")
            continue
        yield SourceDocument(origin=where, html=f"<html><body><article>{body}</article></body></html>", url=url,
                             id=entry.get("id") or None, title=_clean(entry.get("title")),
                             published=_published(entry))


def _content(entry) -> str:
    for c in entry.get("content") or []:
        value = (c.get("value") or "").strip()
        if value:
            return value if "<" in value else "".join(f"<p>{p}</p>" for p in value.split("\n") if p.strip())
    summary = (entry.get("summary") or "").strip()
    if summary and "<" not in summary:
        return "".join(f"<p>{p}</p>" for p in summary.split("\n") if p.strip())
    return summary


def _clean(title: str | None) -> str | None:
    return " ".join(title.split()) if title else None


def _published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M", parsed)
    return entry.get("published") or entry.get("updated") or None
