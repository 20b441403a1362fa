"""Sentence spans inside paragraphs, from the parser when present, else from punctuation."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from warta.attribution.direct import paragraphs
from warta.nlp.extensions import doc_text

_END = re.compile(r"[.!?]+[\"”’']?(?=\s+[\"“”'‘A-Z0-9(])")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Dr|Prof|Jl|No|St|Ir|Hj|Drs|Kol|Jend|Bpk|Sdr|dll|dsb|dkk|Tbk|Co|Inc|Ltd|Mr|Mrs|Ms))\.$")


def sentence_spans(doc: Doc, paras: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """paras: paragraphs(doc_text(doc)), when the caller has them."""
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text) if paras is None else paras:
        start = ps
        for m in _END.finditer(text, ps, pe):
            if text[m.start()] == "." and _ABBREV.search(text, max(ps, m.start() - 6), m.end()):
                continue  # (the cheap test first)
            out.append((start, m.end()))
            start = m.end()
            while start < pe and text[start].isspace():
                start += 1
        if start < pe:
            out.append((start, pe))
    return out
