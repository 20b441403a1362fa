"""The path from sources to records: a failing component loses only its own document."""
import spacy
from spacy.language import Language

from warta.analyze import analyze_sources
from warta.nlp.extensions import register_extensions
from warta.sources import SourceDocument


@Language.component("test_fails_on_marker")
def fails_on_marker(doc):
    if "MELEDAK" in doc.text:
        raise RuntimeError("component bug")
    doc._.quotes = []
    return doc


def test_a_component_error_becomes_that_documents_error_record():
    register_extensions()
    nlp = spacy.blank("id")
    nlp.add_pipe("test_fails_on_marker")
    texts = ["Warga desa menerima bantuan beras dari pemerintah kabupaten pada pekan ini.",
             "Dokumen ini membuat komponen MELEDAK ketika dianalisis oleh pipeline.",
             "Harga cabai di pasar tradisional turun setelah panen raya di tiga kabupaten."]
    sources = [SourceDocument(origin=f"t{i}", text=t, id=f"t{i}") for i, t in enumerate(texts)]
    records = list(analyze_sources(sources, nlp=nlp, batch_size=8))
    assert [r.id for r in records] == ["t0", "t1", "t2"]
    assert records[0].error is None and records[2].error is None
    assert "component bug" in records[1].error
    assert records[2].text.startswith("Harga cabai")


def test_worker_processes_give_the_same_records_in_input_order(nlp):
    """n_process=2 (warta analyze --jobs 2): the records, errors included, equal one process's."""
    from pathlib import Path

    from warta.sources import read_sources

    examples = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))

    def sources():
        docs = list(read_sources(examples))
        return docs[:1] + [SourceDocument(origin="kosong.txt", text="", error="empty input")] + docs[1:]

    one = [r.to_json() for r in analyze_sources(sources(), nlp=nlp, batch_size=1)]
    two = [r.to_json() for r in analyze_sources(sources(), batch_size=1, n_process=2)]
    assert len(one) == len(examples) + 1
    assert two == one
