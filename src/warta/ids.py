"""Stable identifiers: the same input always gets the same id."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def content_hash(text: str) -> str:
    """sha1 of the text after NFKC, lower-casing and whitespace folding (the dedup key)."""
    norm = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def article_id(*, given: str | None = None, url: str | None = None, text: str | None = None,
               source: str | None = None) -> str:
    """The given id when there is one, else a sha1 of the URL, the text or the source path."""
    if given:
        return str(given)
    if url:
        return "sha1-" + hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:16]
    if text:
        return "sha1-" + content_hash(text)[:16]
    return "sha1-" + hashlib.sha1((source or "").encode("utf-8")).hexdigest()[:16]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", text).lower()).strip("-")
