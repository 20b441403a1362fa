"""The shipped Indonesian pipeline (src/warta/data/model) loads offline and
produces real tags, parses, sentences and entities. No training here."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "src" / "warta" / "data" / "model"
SHARED = Path(__file__).parents[1].parent / "shared"


def _need_shared() -> Path:
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the shared data folder {SHARED} is missing")
    pytest.skip(f"shared data folder {SHARED} is absent")


@pytest.fixture(scope="module")
def nlp():
    def no_network(*args, **kwargs):
        raise OSError("network access is disabled in tests")

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", no_network)
    mp.setattr(socket.socket, "connect_ex", no_network)
    try:
        from warta.nlp import load_base

        model = load_base()  # the shipped model as warta runs it (sentence hints before the parser)
        # run once while the network is still blocked
        model("Presiden Joko Widodo berkunjung ke Surabaya.")
    finally:
        mp.undo()
    return model


def test_pipeline_components(nlp):
    for name in ("tok2vec", "morphologizer", "parser", "ner"):
        assert name in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}
    assert nlp.meta["license"] == "CC BY-SA 4.0"
    assert nlp.tokenizer.__class__.__name__ == "IndonesianNewsTokenizer"


def test_model_size_limit():
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 40 * 1024 * 1024


def ents(doc):
    return {(e.text, e.label_) for e in doc.ents}


def test_person_entities(nlp):
    doc = nlp("Menteri Luar Negeri Retno Marsudi bertemu Presiden Joko Widodo di Jakarta.")
    found = ents(doc)
    assert ("Retno Marsudi", "PERSON") in found
    assert ("Joko Widodo", "PERSON") in found
    assert ("Jakarta", "LOC") in found


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Sri Mulyani Indrawati mengatakan inflasi terkendali.", ("Sri Mulyani Indrawati", "PERSON")),
        ("Bank Indonesia menahan suku bunga acuan pada Kamis.", ("Bank Indonesia", "ORG")),
        ("Banjir melanda Kabupaten Bekasi sejak Senin pagi.", ("Bekasi", "LOC")),
        ("Komisi Pemberantasan Korupsi menahan dua tersangka di Surabaya.", ("Surabaya", "LOC")),
    ],
)
def test_entities_in_news_sentences(nlp, text, expected):
    found = ents(nlp(text))
    label = expected[1]
    assert any(expected[0] in t or t in expected[0] for t, lab in found if lab == label), found


def test_tags_and_parse(nlp):
    doc = nlp("Polisi menangkap dua tersangka di rumahnya pada Senin malam.")
    pos = {t.text: t.pos_ for t in doc}
    assert pos["Polisi"] in ("NOUN", "PROPN")
    assert pos["menangkap"] == "VERB"
    assert pos["dua"] == "NUM"
    assert pos["di"] == "ADP"
    assert pos["nya"] in ("PRON", "DET")
    root = [t for t in doc if t.dep_ == "ROOT"]
    assert [t.text for t in root] == ["menangkap"]
    by_text = {t.text: t for t in doc}
    assert by_text["Polisi"].head.text == "menangkap"
    assert by_text["Polisi"].dep_.startswith("nsubj")
    assert by_text["tersangka"].dep_ == "obj"
    assert by_text["di"].dep_ == "case"


def test_sentences_with_quotes(nlp):
    text = (
        '"Kami memastikan bahwa hingga hari kemenangan, kami akan berdiri teguh," tegas Choe. '
        "Lavrov, dalam sambutannya, menekankan hubungan kedua negara. "
        "Juru bicara Kremlin, Dmitry Peskov, menolak berkomentar."
    )
    sents = [s.text for s in nlp(text).sents]
    assert len(sents) == 3, sents
    assert sents[0].endswith("tegas Choe.")


def test_seed_article_sentences(nlp):
    shared = _need_shared()
    text = (shared / "seed" / "kontan-korut-rusia.txt").read_text(encoding="utf8")
    paragraphs = [p.strip() for p in text.split("\n") if len(p.strip()) > 80]
    docs = list(nlp.pipe(paragraphs))
    n_sents = sum(len(list(d.sents)) for d in docs)
    # each paragraph is 1-3 sentences; no sentence should end inside a quote
    assert len(paragraphs) <= n_sents <= 2 * len(paragraphs) + 4
    quote_par = next(d for d in docs if d.text.startswith('"Hubungan tradisional'))
    assert len(list(quote_par.sents)) == 1
    persons = {e.text for d in docs for e in d.ents if e.label_ == "PERSON"}
    assert {"Lavrov", "Putin"} <= persons | {p.split()[-1] for p in persons}


def test_scores_file_written():
    _need_shared()
    path = REPO / "training" / "scores.json"
    if not path.exists():
        pytest.skip("training/scores.json not written yet (run training/train.py)")
    scores = json.loads(path.read_text(encoding="utf8"))
    assert "gsd-test" in scores and "nerui-test.01" in scores


def test_closing_quote_after_full_stop_ends_its_sentence(nlp):
    text = ('Ia berkata: "Harga beras naik lagi. Kami tidak sanggup membeli." Ia lalu pergi ke pasar. '
            '"Semua mahal." Pedagang lain mengeluh hal yang sama.')
    sents = [s.text.strip() for s in nlp(text).sents]
    assert not any(s.startswith('"') and s.count('"') == 1 and s.endswith(".") for s in sents), sents
    assert 'Kami tidak sanggup membeli."' in " ".join(s for s in sents if s.endswith('membeli."'))
    assert "Ia lalu pergi ke pasar." in sents and '"Semua mahal."' in sents


def test_line_break_ends_a_sentence(nlp):
    text = 'Banjir Rendam Kota Bengkulu\nBENGKULU - Banjir merendam 200 rumah warga.\n"Kami rugi," kata Ahmad.'
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == ["Banjir Rendam Kota Bengkulu", "BENGKULU - Banjir merendam 200 rumah warga.",
                     '"Kami rugi," kata Ahmad.'], sents


def test_sentence_f1_on_csui_test(nlp):
    """Raw-text sentence boundaries of the pipeline as shipped (hints + parser) on UD CSUI test."""
    import sys

    from spacy.training import Example

    shared = _need_shared()
    sys.path.insert(0, str(REPO / "training"))
    from data import read_conllu, sentences_to_docs

    base = nlp.select_pipes(enable=["tok2vec", "morphologizer", "warta_sentence_hints", "parser"])
    try:
        gold = list(sentences_to_docs(nlp.vocab, read_conllu(shared / "data" / "ud" / "id_csui-ud-test.conllu"), 10))
        scores = nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in gold])
    finally:
        base.restore()
    assert scores["sents_f"] >= 0.90, scores["sents_f"]


def test_a_parsed_doc_can_run_through_the_pipeline_again(nlp):
    """analyze re-runs a Doc alone when its batch failed; the hints must not touch a parsed Doc."""
    doc = nlp('"Harga naik lagi." Ia lalu pergi ke pasar.\nPedagang mengeluh.')
    again = nlp(doc)
    assert [s.text for s in again.sents] == [s.text for s in doc.sents]


def test_an_opening_quote_stays_with_its_first_word(nlp):
    text = ('"Semua sesuai prosedur," kata Hasan.\n\nWali kota itu juga membenarkan penonaktifan lurah.\n\n'
            '"Pemeriksaan dilakukan pekan ini," katanya.')
    sents = [s.text.strip() for s in nlp(text).sents]
    assert '"' not in sents and '"Pemeriksaan dilakukan pekan ini," katanya.' in sents, sents


def test_a_sentence_never_starts_with_closing_punctuation(nlp):
    """A full stop typed after a space ends the sentence before it, and a comma never opens one
    (the parser had left "Sama dengan ilmu lain" | ", metrologi …" as two trees)."""
    doc = nlp("Ilmu yang mempelajari cara pengukuran dinamakan metrologi . Sama dengan ilmu lain, metrologi "
              "berkembang pesat.")
    sents = [s.text for s in doc.sents]
    assert sents == ["Ilmu yang mempelajari cara pengukuran dinamakan metrologi .",
                     "Sama dengan ilmu lain, metrologi berkembang pesat."], sents
    assert all(len([t for t in s if t.dep_ == "ROOT"]) == 1 for s in doc.sents)


def test_no_sentence_of_news_starts_with_closing_punctuation_or_mid_sentence(nlp):
    """On 100 detik articles (where 1 sentence in 130 used to begin with a comma, and 1 in 60
    right after a word or a comma: "Ketua Alumni Ponpes Al-Khoziny," | "Zaenal Abidin menegaskan")."""
    shared = _need_shared()
    with open(shared / "corpus" / "detik-2025.jsonl", encoding="utf8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(100))]
    sents = [s for doc in nlp.pipe(texts, batch_size=32) for s in doc.sents]
    assert len(sents) > 1000
    assert not [s.text for s in sents if s.text.lstrip()[:1] in ".,;:)"]
    after = [s.doc[s.start - 1].text for s in sents if s.start > 0]
    mid = [w for w in after if "\n" not in w and w not in '.!?…"”’\'):]' and not w.endswith("...")]
    assert not mid, mid[:10]
