"""The warta_claims component: fills doc._.claims with warta.record.Claim."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("warta_claims")
def make_claims(nlp: Language, name: str):
    return ClaimFinder()


class ClaimFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = []
        return doc
