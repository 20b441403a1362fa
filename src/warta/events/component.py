"""The warta_events component: fills doc._.events with warta.record.Event."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("warta_events")
def make_events(nlp: Language, name: str):
    return EventCoder()


class EventCoder:
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = []
        return doc
