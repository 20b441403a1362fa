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
