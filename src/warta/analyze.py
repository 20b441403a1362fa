"""The one path from source documents to article records: extract, run the pipeline, build records.

Errors are values at this boundary: an input that cannot be read, extracted or analysed yields a
record with `error`, and the batch goes on.
"""
from __future__ import annotations

from itertools import islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from warta.extract import Extracted, ExtractionError, extract
from warta.ids import article_id
from warta.record import Article, error_record
from warta.settings import get_settings
from warta.sources import SourceDocument, read_sources


def analyze_sources(sources: Iterable[SourceDocument], nlp: Language | None = None,
                    batch_size: int | None = None) -> Iterator[Article]:
    """One Article per source document, in input order."""
    from warta.nlp import load

    settings = get_settings()
    nlp = nlp or load()
    batch_size = batch_size or settings.batch_size
    iterator = iter(sources)
    while batch := list(islice(iterator, batch_size)):
        yield from _analyze_batch(batch, nlp, settings.n_process)


def analyze_files(paths: list[str], nlp: Language | None = None) -> Iterator[Article]:
    return analyze_sources(read_sources(paths), nlp)


def _analyze_batch(batch: list[SourceDocument], nlp: Language, n_process: int) -> list[Article]:
    records: list[Article | None] = [None] * len(batch)
    docs: list[Doc] = []
    extracted: dict[int, Extracted] = {}
    for i, source in enumerate(batch):
        if source.error:
            records[i] = error_record(source.origin, source.error, id=source.id, url=source.url)
            continue
        try:
            ex = extract(source)
        except ExtractionError as e:
            records[i] = error_record(source.origin, str(e), id=source.id, url=source.url)
            continue
        extracted[i] = ex
        doc = nlp.make_doc(ex.text)
        doc._.meta = {"index": i, "id": source.id or article_id(url=ex.url, text=ex.text), "title": ex.title,
                      "published": ex.published, "outlet": ex.outlet, "dateline": ex.dateline, "url": ex.url}
        docs.append(doc)
    try:
        done = {doc._.meta["index"]: doc for doc in _pipe(nlp, docs, n_process)}
    except Exception:  # a component failed inside the batch: each document is analysed alone below
        done = {}
    for doc in docs:
        i = doc._.meta["index"]
        if i not in done:  # its batch failed inside a component: analyse alone to find the culprit
            try:
                done[i] = nlp(doc)
            except Exception as e:  # a component bug must not lose the rest of the batch
                records[i] = error_record(batch[i].origin, f"analysis failed: {type(e).__name__}: {e}",
                                          id=doc._.meta["id"], url=batch[i].url)
                continue
        records[i] = build_record(batch[i], extracted[i], done[i])
    return [r for r in records if r is not None]


def _pipe(nlp: Language, docs: list[Doc], n_process: int) -> Iterator[Doc]:
    if not docs:
        return iter(())
    for _name, proc in nlp.pipeline:
        try:
            proc.set_error_handler(_skip_failed)
        except AttributeError:  # trained Cython pipes (parser, ner) in spaCy 3.8 cannot take one
            pass
    return nlp.pipe(docs, batch_size=len(docs), n_process=n_process)


def _skip_failed(proc_name, proc, docs, e) -> None:
    """Drop the failed docs from the stream; _analyze_batch retries them one by one."""


def build_record(source: SourceDocument, ex: Extracted, doc: Doc) -> Article:
    """The record, built from the extracted article and the analysed Doc, once, in one place."""
    return Article(id=doc._.meta["id"], url=ex.url, title=ex.title, outlet=ex.outlet, dateline=ex.dateline,
                   published=ex.published, authors=ex.authors, editors=ex.editors, related=ex.related,
                   text=doc.text, entities=doc._.entities or [], quotes=doc._.quotes or [],
                   claims=doc._.claims or [], events=doc._.events or [], source=source.origin)
