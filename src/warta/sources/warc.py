"""WARC archives (.warc, .warc.gz): each HTML response record becomes a SourceDocument with its
URL and page. A damaged archive yields an error record at the point of damage; the records before
it are kept.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from warta.settings import get_settings
from warta.sources import SourceDocument
from warta.sources.decode import NotText, decode_bytes

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def read_warc(path: Path) -> Iterator[SourceDocument]:
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    limit = get_settings().max_bytes
    n = found = 0
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
            fh.seek(0)
            if not head.startswith((b"WARC/", b"\x1f\x8b", b"filedesc://")):
                yield SourceDocument(origin=origin, error="not a WARC archive (it does not start with a WARC record)")
                return
            for record in ArchiveIterator(fh, arc2warc=True):
                n += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                found += 1
                where = f"{origin}#{n}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield SourceDocument(origin=where, url=url, error=f"record is over the {limit:,}-byte limit "
                                                                       f"(setting max_bytes)")
                    continue
                yield _page(body, ctype, where, url)
    except Exception as e:  # noqa: BLE001 - warcio raises several kinds on damaged archives
        yield SourceDocument(origin=f"{origin}#{n + 1}", error=f"WARC archive is damaged after record {n}: "
                                                              f"{type(e).__name__}: {e}".rstrip(": "))
        return
    if n == 0:
        yield SourceDocument(origin=origin, error="empty WARC archive")
    elif found == 0:
        yield SourceDocument(origin=origin, error=f"WARC archive holds no HTML response among its {n} records")


def _page(body: bytes, ctype: str, where: str, url: str | None) -> SourceDocument:
    if not body.strip():
        return SourceDocument(origin=where, url=url, error="empty response")
    m = _CHARSET.search(ctype)
    if m:
        try:
            return SourceDocument(origin=where, url=url, html=body.decode(m.group(1)))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return SourceDocument(origin=where, url=url, html=decode_bytes(body, html=True))
    except NotText as e:
        return SourceDocument(origin=where, url=url, error=str(e))
