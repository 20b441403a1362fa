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


_TEXT_KEY = "warta.text"


def doc_text(doc: Doc) -> str:
    """doc.text, read once per Doc: spaCy rebuilds it from the tokens at every access, which cost
    the four warta components about a sixth of their time. Keyed by the token count, so a Doc
    retokenized after the first read (its text is unchanged anyway) is still right."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data[_TEXT_KEY] = cached
    return cached[1]
