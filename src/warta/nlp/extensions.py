"""The Doc extension attributes that warta's components read and write.

Components fill these with record objects (warta.record); the record is built from the Doc once,
at the end, in warta.analyze.
"""
from spacy.tokens import Doc

#: article metadata given before the pipeline runs: id, title, published, outlet, dateline, url
EXTENSIONS = ("meta", "entities", "quotes", "claims", "events")


def register_extensions() -> None:
    if not Doc.has_extension("meta"):
        Doc.set_extension("meta", default=None)
    for name in EXTENSIONS[1:]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
