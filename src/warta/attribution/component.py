"""The warta_quotes component: fills doc._.quotes with warta.record.Quote."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("warta_quotes")
def make_quotes(nlp: Language, name: str):
    return QuoteFinder()


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
