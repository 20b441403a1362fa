"""XML sitemaps: the URLs they list. warta does not fetch pages (no network): each URL yields an
error record saying so, unless a local copy is present beside the sitemap, either as a mirror
(`<dir>/<host>/<path>`, `index.html` for a path ending in `/`) or under the URL's last path segment
(`<dir>/<name>` or `<dir>/<name>.html`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from warta.sources import SourceDocument

_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def looks_like_sitemap(head: str) -> bool:
    head = head[:2000].lower()
    return "<urlset" in head or "<sitemapindex" in head


def sitemap_urls(data: bytes) -> list[tuple[str, str | None]]:
    """(url, lastmod) pairs of a sitemap or sitemap index."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    root = etree.fromstring(data, parser=parser)
    if root is None:
        return []
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag.rsplit("}", 1)[-1] not in ("url", "sitemap"):
            continue
        loc = next((c for c in el if isinstance(c.tag, str) and c.tag.rsplit("}", 1)[-1] == "loc"), None)
        mod = next((c for c in el if isinstance(c.tag, str) and c.tag.rsplit("}", 1)[-1] == "lastmod"), None)
        if loc is not None and (loc.text or "").strip():
            out.append((loc.text.strip(), (mod.text or "").strip() or None if mod is not None else None))
    return out


def local_copy(url: str, base: Path) -> Path | None:
    parts = urlsplit(url)
    path = parts.path.lstrip("/")
    candidates = []
    if parts.netloc:
        mirror = base / parts.netloc / path
        if not path or path.endswith("/"):
            candidates.append(mirror / "index.html")
        else:
            candidates += [mirror, mirror.with_name(mirror.name + ".html")]
    name = Path(path.rstrip("/")).name
    if name:
        candidates += [base / name, base / f"{name}.html"]
    for c in candidates:
        try:
            if c.is_file() and base.resolve() in c.resolve().parents:
                return c
        except OSError:
            continue
    return None


def read_sitemap(data: bytes, origin: str) -> Iterator[SourceDocument]:
    from warta.sources import read_file

    try:
        urls = sitemap_urls(data)
    except Exception as e:  # noqa: BLE001
        yield SourceDocument(origin=origin, error=f"sitemap could not be read: {type(e).__name__}: {e}")
        return
    if not urls:
        yield SourceDocument(origin=origin, error="sitemap lists no URL")
        return
    base = Path(origin).parent
    for n, (url, lastmod) in enumerate(urls, 1):
        local = local_copy(url, base)
        if local is None:
            yield SourceDocument(origin=f"{origin}#{n}", url=url,
                                 error=f"not fetched: warta reads local files only (no network); save {url} "
                                       f"beside the sitemap to analyse it")
            continue
        for doc in read_file(local):
            doc.url = doc.url or url
            doc.published = doc.published or None
            yield doc
