"""Where articles come from: files (.txt .html .json .jsonl, RSS/Atom feeds, sitemaps, WARC
archives), directories, globs and stdin.

`read_sources(paths)` yields one SourceDocument per article; an input that cannot be read yields
a SourceDocument with `error` set, so a batch goes on.
"""
from __future__ import annotations

import glob
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from warta.settings import get_settings
from warta.sources.decode import NotText, decode_bytes

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom"}
XML_SUFFIXES = {".xml"}  # a feed or a sitemap, told apart by content
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | XML_SUFFIXES


@dataclass
class SourceDocument:
    """One article as it arrived, before extraction."""
    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    #: a .txt file's first line is its title (as in scraped portal text)
    title_from_first_line: bool = False
    error: str | None = None
    extra: dict = field(default_factory=dict)


def read_sources(paths: Iterable[str]) -> Iterator[SourceDocument]:
    for path in paths:
        if path == "-":
            yield from _read_stdin()
            continue
        matches = sorted(glob.glob(path, recursive=True)) if glob.has_magic(path) else [path]
        if not matches:
            yield SourceDocument(origin=path, error=f"no file matches {path!r}")
        for match in matches:
            p = Path(match)
            if p.is_dir():
                files = sorted(f for f in p.rglob("*") if f.is_file() and _readable(f))
                if not files:
                    yield SourceDocument(origin=match, error=f"directory {match!r} holds no .txt/.html/.json/.jsonl/"
                                                             f".rss/.atom/.xml/.warc file")
                for f in files:
                    yield from read_file(f)
            else:
                yield from read_file(p)


def _readable(path: Path) -> bool:
    from warta.sources.warc import is_warc

    return path.suffix.lower() in KNOWN_SUFFIXES or is_warc(path)


def read_file(path: Path) -> Iterator[SourceDocument]:
    origin = str(path)
    if not path.exists():
        yield SourceDocument(origin=origin, error=f"no such file: {origin}")
        return
    if not path.is_file():
        yield SourceDocument(origin=origin, error=f"not a regular file: {origin}")
        return
    from warta.sources.warc import is_warc, read_warc

    if is_warc(path):  # streamed record by record; max_bytes applies to each record
        yield from read_warc(path)
        return
    limit = get_settings().max_bytes
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if suffix not in JSONL_SUFFIXES and size > limit:
        yield SourceDocument(origin=origin, error=f"file is {size:,} bytes, over the {limit:,}-byte limit "
                                                  f"(setting max_bytes, env WARTA_MAX_BYTES)")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _read_jsonl_lines(fh, origin, limit)
            return
        data = path.read_bytes()
    except OSError as e:
        yield SourceDocument(origin=origin, error=f"cannot read {origin}: {e.strerror or e}")
        return
    yield from from_bytes(data, origin, suffix)


def from_bytes(data: bytes, origin: str, suffix: str) -> Iterator[SourceDocument]:
    """Documents from the bytes of one input whose kind is given by its suffix."""
    if not data.strip():
        yield SourceDocument(origin=origin, error="empty input")
        return
    try:
        text = decode_bytes(data, html=suffix in HTML_SUFFIXES)
    except NotText as e:
        yield SourceDocument(origin=origin, error=str(e))
        return
    if suffix in FEED_SUFFIXES or suffix in XML_SUFFIXES:
        from warta.sources.feeds import looks_like_feed, read_feed
        from warta.sources.sitemaps import looks_like_sitemap, read_sitemap

        if looks_like_sitemap(text):
            yield from read_sitemap(data, origin)
        elif suffix in FEED_SUFFIXES or looks_like_feed(text):
            yield from read_feed(data, origin)
        elif _looks_like_html(text):  # XHTML with an XML prolog
            yield SourceDocument(origin=origin, html=text)
        else:
            yield SourceDocument(origin=origin, error="XML file is neither an RSS/Atom feed nor a sitemap")
        return
    if suffix in HTML_SUFFIXES or (suffix not in KNOWN_SUFFIXES and _looks_like_html(text)):
        yield SourceDocument(origin=origin, html=text)
    elif suffix in JSON_SUFFIXES:
        yield from _from_json_text(text, origin)
    elif suffix in JSONL_SUFFIXES:
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _from_json_line(line, f"{origin}:{n}")
    else:
        yield SourceDocument(origin=origin, text=text, title_from_first_line=True)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<!doctype html" in head


def _read_stdin() -> Iterator[SourceDocument]:
    limit = get_settings().max_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        yield SourceDocument(origin="<stdin>", error=f"standard input is over the {limit:,}-byte limit "
                                                      f"(setting max_bytes, env WARTA_MAX_BYTES)")
        return
    text_head = data[:2000].lstrip()
    if text_head.startswith(b"{") or text_head.startswith(b"["):
        suffix = ".jsonl" if text_head.startswith(b"{") and b"\n{" in data else ".json"
    elif text_head.lower().startswith((b"<!doctype", b"<html")):
        suffix = ".html"
    elif text_head.lower().startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex")):
        suffix = ".xml"  # a feed or a sitemap, told apart by content
    else:
        suffix = ".txt"
    yield from from_bytes(data, "<stdin>", suffix)


def _bounded_lines(fh, limit: int) -> Iterator[tuple[bytes, int]]:
    """(line, size) pairs, never holding more than limit+1 bytes of one line in memory."""
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        size = len(raw)
        if size > limit and not raw.endswith(b"\n"):
            while True:  # skip the rest of the over-long line, in chunks
                more = fh.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield b"", size
            continue
        yield raw, size


def _read_jsonl_lines(fh, origin: str, limit: int) -> Iterator[SourceDocument]:
    for n, (raw, size) in enumerate(_bounded_lines(fh, limit), 1):
        where = f"{origin}:{n}"
        if size > limit:
            yield SourceDocument(origin=where, error=f"line is {size:,} bytes, over the {limit:,}-byte limit "
                                                     f"(setting max_bytes, env WARTA_MAX_BYTES)")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line = decode_bytes(raw)
            except NotText as e:
                yield SourceDocument(origin=where, error=str(e))
                continue
        yield _from_json_line(line, where)


def _from_json_line(line: str, where: str) -> SourceDocument:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return SourceDocument(origin=where, error=f"line is not valid JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return SourceDocument(origin=where, error="line is not usable JSON (nested too deeply)")
    return _from_object(obj, where)


def _from_json_text(text: str, origin: str) -> Iterator[SourceDocument]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        yield SourceDocument(origin=origin, error=f"not valid JSON ({e.msg} at line {e.lineno})")
        return
    except RecursionError:
        yield SourceDocument(origin=origin, error="not usable JSON (nested too deeply)")
        return
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield _from_object(item, f"{origin}[{i}]")
    else:
        yield _from_object(obj, origin)


def _from_object(obj, where: str) -> SourceDocument:
    if not isinstance(obj, dict):
        return SourceDocument(origin=where, error="a record must be a JSON object with `text` or `html`")
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return SourceDocument(origin=where, id=_str_or_none(obj.get("id")), url=_str_or_none(obj.get("url")),
                              error="record has neither `text` nor `html`")
    return SourceDocument(origin=where, text=text if isinstance(text, str) else None,
                          html=html if isinstance(html, str) else None, id=_str_or_none(obj.get("id")),
                          url=_str_or_none(obj.get("url")), title=_str_or_none(obj.get("title")),
                          published=_str_or_none(obj.get("published")))


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


def display_origin(origin: str) -> str:
    return os.path.relpath(origin) if os.path.isabs(origin) else origin
