"""The converters in training/data.py: what the model is trained on (no training here)."""
from __future__ import annotations

import sys
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "training"))

from data import nlpid_pos_sentences, pos_to_docs, split_bracketed  # noqa: E402

NLPID_SAMPLE = """Kita\tPR
melihat\tVB
acara\tNN
nya\tPR
(\tSYM
Kemenkeu\tNNP
)\tSYM
di\tIN
Jakarta\tNNP
.\tSYM

Tidak\tNEG
ada\tVB
10\tNUM
%\tSYM
"""


def test_nlpid_tags_become_upos_and_clitics_rejoin_their_host():
    first, second = nlpid_pos_sentences(NLPID_SAMPLE, table={"di": "ADP"})
    tags = [(w.form, w.upos) for w in first.words]
    assert tags == [("Kita", "PRON"), ("melihat", "VERB"), ("acara", "NOUN"), ("nya", "PRON"),
                    ("(", "PUNCT"), ("Kemenkeu", "PROPN"), (")", "PUNCT"), ("di", "ADP"),
                    ("Jakarta", "PROPN"), (".", "PUNCT")]
    assert [w.upos for w in second.words] == ["PART", "VERB", "NUM", "SYM"]
    doc = next(pos_to_docs(spacy.blank("id").vocab, [first], 10))
    # news prints "acaranya", "(Kemenkeu)", "Jakarta." — so does the training text
    assert doc.text == "Kita melihat acaranya (Kemenkeu) di Jakarta."
    assert not doc.has_annotation("DEP") and not doc.has_annotation("ENT_IOB")


def test_bracketed_abbreviation_is_an_entity_of_its_own():
    sent = [("Bursa", "B-ORG"), ("Efek", "I-ORG"), ("Indonesia", "I-ORG"), ("(BEI)", "I-ORG"),
            ("Medan", "O"), ("(24/8)", "O")]
    assert split_bracketed(sent) == [
        ("Bursa", "B-ORG"), ("Efek", "I-ORG"), ("Indonesia", "I-ORG"),
        ("(", "O"), ("BEI", "B-ORG"), (")", "O"), ("Medan", "O"), ("(", "O"), ("24/8", "O"), (")", "O")]


def _old_gsd(rows):
    from data import Sentence, Word
    return Sentence([Word(form, upos, head - 1, deprel) for form, upos, head, deprel in rows])


def test_old_gsd_mapping_follows_current_ud():
    from data import map_old_gsd
    from warta.nlp.tokenizer import CliticSplitter, load_data

    # "Ia salah satu tokoh , tapi banyak orang datang tahun itu ." in v2.1 annotation
    sent = _old_gsd([
        ("Ia", "PRON", 4, "nsubj"), ("salah", "DET", 4, "det"), ("satu", "DET", 2, "fixed"),
        ("tokoh", "NOUN", 0, "root"), (",", "PUNCT", 9, "punct"), ("tapi", "SCONJ", 9, "mark"),
        ("banyak", "ADV", 8, "advmod"), ("orang", "NOUN", 9, "nsubj"), ("datang", "VERB", 4, "conj"),
        ("tahun", "NOUN", 9, "obl"), ("itu", "DET", 10, "det"), (".", "PUNCT", 4, "punct")])
    out = map_old_gsd(sent, {}, CliticSplitter(load_data()), temporal=frozenset({"tahun"}))
    got = {w.form: (w.upos, w.deprel, out.words[w.head].form if w.head >= 0 else None) for w in out.words}
    assert got["salah"] == ("ADJ", "advmod", "satu")
    assert got["satu"] == ("NUM", "nummod", "tokoh")
    assert got["tapi"] == ("CCONJ", "cc", "datang")
    assert got["banyak"] == ("DET", "det", "orang")
    assert got["tahun"] == ("NOUN", "obl:tmod", "datang")
    assert got["Ia"] == ("PRON", "nsubj", "tokoh")


def test_temporal_words_are_learned_from_current_annotation():
    from data import temporal_words
    sents = [_old_gsd([("datang", "VERB", 0, "root"), ("pekan", "NOUN", 1, "obl:tmod"),
                       ("ke", "ADP", 4, "case"), ("kota", "NOUN", 1, "obl")])] * 3
    assert temporal_words(sents, 3, 0.5) == {"pekan"}


def test_scale_word_is_flat_of_its_number():
    from data import map_old_gsd
    from warta.nlp.tokenizer import CliticSplitter, load_data

    sent = _old_gsd([("10", "NUM", 2, "nummod"), ("juta", "NOUN", 3, "compound"), ("orang", "NOUN", 4, "nsubj"),
                     ("datang", "VERB", 0, "root")])
    out = map_old_gsd(sent, {}, CliticSplitter(load_data()))
    got = [(w.form, w.upos, w.deprel, w.head) for w in out.words]
    assert got == [("10", "NUM", "nummod", 2), ("juta", "NUM", "flat", 0), ("orang", "NOUN", "nsubj", 3),
                   ("datang", "VERB", "root", -1)]


def test_markers_possessors_and_ordinals_follow_current_ud():
    from data import map_old_gsd, marker_table
    from warta.nlp.tokenizer import CliticSplitter, load_data

    current = [_old_gsd([("Ia", "PRON", 3, "nsubj"), ("dengan", "SCONJ", 3, "mark"), ("menulis", "VERB", 0, "root"),
                         ("dengan", "ADP", 5, "case"), ("pena", "NOUN", 3, "obl")])] * 3
    markers = marker_table(current, 3, 0.8)
    assert markers == {("dengan", True): ("SCONJ", "mark"), ("dengan", False): ("ADP", "case")}
    # "Pada hari pertama mereka datang dengan membawa rumah mereka ." in v2.1 annotation
    sent = _old_gsd([
        ("Pada", "ADP", 2, "case"), ("hari", "NOUN", 5, "obl"), ("pertama", "NUM", 2, "nummod"),
        ("mereka", "PRON", 5, "nsubj"), ("datang", "VERB", 0, "root"), ("dengan", "ADP", 7, "case"),
        ("membawa", "VERB", 5, "advcl"), ("rumah", "NOUN", 7, "obj"), ("mereka", "PRON", 8, "det"),
        (".", "PUNCT", 5, "punct")])
    out = map_old_gsd(sent, {}, CliticSplitter(load_data()), markers=markers)
    got = [(w.form, w.upos, w.deprel) for w in out.words]
    assert got[2] == ("pertama", "ADJ", "amod")
    assert got[5] == ("dengan", "SCONJ", "mark")
    assert got[8] == ("mereka", "PRON", "nmod:poss")
    assert got[3] == ("mereka", "PRON", "nsubj")
