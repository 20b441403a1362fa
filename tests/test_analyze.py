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
