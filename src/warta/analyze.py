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
                    batch_size: int | None = None, n_process: int | None = None) -> Iterator[Article]:
    """One Article per source document, in input order.

    With n_process > 1 (settings `n_process`, WARTA_N_PROCESS) batches go to that many worker
    processes, each with the pipeline loaded once (a given `nlp` is used in this process only);
    records come back in input order. spaCy's own
    `nlp.pipe(n_process=...)` cannot be used: it ships Docs between processes as msgpack, and the
    records warta's components put on a Doc are not msgpack data.
    """
    from warta.nlp import load

    settings = get_settings()
    batch_size = batch_size or settings.batch_size
    n_process = n_process or settings.n_process
    iterator = iter(sources)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    if n_process > 1 and nlp is None:
        yield from _analyze_in_workers(batches, n_process)
        return
    nlp = nlp or load()
    for batch in batches:
        yield from _analyze_batch(batch, nlp)


def analyze_files(paths: list[str], nlp: Language | None = None) -> Iterator[Article]:
    return analyze_sources(read_sources(paths), nlp)


#: a batch that takes a worker longer than this is lost (the worker died): fail instead of waiting
WORKER_BATCH_TIMEOUT_S = 1800


def _analyze_in_workers(batches: Iterator[list[SourceDocument]], n_process: int) -> Iterator[Article]:
    """Batches analysed in worker processes, at most 2 per worker in flight (memory stays bounded
    however long the input), results yielded in input order."""
    import multiprocessing as mp
    from collections import deque

    from warta.nlp import load

    methods = mp.get_all_start_methods()
    if "fork" in methods:
        load()  # loaded once here: forked workers share the model's memory and start at once
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(n_process) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_analyze_batch_in_worker, (batch,)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get(WORKER_BATCH_TIMEOUT_S)
        while pending:
            yield from pending.popleft().get(WORKER_BATCH_TIMEOUT_S)


def _analyze_batch_in_worker(batch: list[SourceDocument]) -> list[Article]:
    from warta.nlp import load

    return _analyze_batch(batch, load())


def _analyze_batch(batch: list[SourceDocument], nlp: Language) -> list[Article]:
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
        done = {doc._.meta["index"]: doc for doc in _pipe(nlp, docs)}
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


def _pipe(nlp: Language, docs: list[Doc]) -> Iterator[Doc]:
    if not docs:
        return iter(())
    for _name, proc in nlp.pipeline:
        try:
            proc.set_error_handler(_skip_failed)
        except AttributeError:  # trained Cython pipes (parser, ner) in spaCy 3.8 cannot take one
            pass
    return nlp.pipe(docs, batch_size=len(docs))


def _skip_failed(proc_name, proc, docs, e) -> None:
    """Drop the failed docs from the stream; _analyze_batch retries them one by one."""


def build_record(source: SourceDocument, ex: Extracted, doc: Doc) -> Article:
    """The record, built from the extracted article and the analysed Doc, once, in one place."""
    return Article(id=doc._.meta["id"], url=ex.url, title=ex.title, outlet=ex.outlet, dateline=ex.dateline,
                   published=ex.published, authors=ex.authors, editors=ex.editors, related=ex.related,
                   text=doc.text, entities=doc._.entities or [], quotes=doc._.quotes or [],
                   claims=doc._.claims or [], events=doc._.events or [], source=source.origin)
