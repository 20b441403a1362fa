"""warta: Indonesian news into sourced, structured knowledge.

    >>> import warta
    >>> record = warta.analyze_text("Jakarta - Presiden ... kata dia.", title="...")
    >>> record.quotes

The flow is one way: sources -> extract -> nlp pipeline -> record -> kb -> interfaces
(docs/architecture.md).
"""
from warta.record import Article, SCHEMA_VERSION

__version__ = "0.1.0"
__all__ = ["Article", "SCHEMA_VERSION", "analyze_text", "analyze_paths", "__version__"]


def analyze_text(text: str, *, title: str | None = None, url: str | None = None,
                 published: str | None = None, id: str | None = None) -> Article:
    """Analyse one article given as plain text (the body; `title` separately)."""
    from warta.analyze import analyze_sources
    from warta.sources import SourceDocument

    doc = SourceDocument(origin="<text>", text=text, title=title, url=url, published=published, id=id,
                         title_from_first_line=False)
    return next(iter(analyze_sources([doc])))


def analyze_paths(paths: list[str]):
    """Analyse files, directories, globs or '-' (stdin); yields one Article per input record."""
    from warta.analyze import analyze_sources
    from warta.sources import read_sources

    return analyze_sources(read_sources(paths))
