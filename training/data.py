"""Readers/converters for warta's training and evaluation data.

CoNLL-U (UD GSD, CSUI, and the old v2.1 GSD train mapped to the current
annotation) and CoNLL-style NER files (NER-UI, idner-news-2k, NERGrit) are
turned into spaCy ``Doc`` objects with gold annotation.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

from warta.nlp.tokenizer import CliticSplitter, load_data


@dataclass
class Word:
    form: str
    upos: str
    head: int  # 0-based index in sentence, -1 for root
    deprel: str
    space: bool = True
    feats: str = "_"


@dataclass
class Sentence:
    words: list[Word] = field(default_factory=list)


# --------------------------------------------------------------------- CoNLL-U
def read_conllu(path: Path) -> Iterator[Sentence]:
    """Syntactic words of each sentence; multiword tokens give no space
    between their parts and carry SpaceAfter of the range line."""
    block: list[list[str]] = []
    for line in path.read_text(encoding="utf8").splitlines() + [""]:
        if line.strip():
            if not line.startswith("#"):
                block.append(line.split("\t"))
            continue
        if not block:
            continue
        sent = Sentence()
        ranges: dict[int, tuple[int, bool]] = {}
        for cols in block:
            if "-" in cols[0]:
                a, b = map(int, cols[0].split("-"))
                ranges[b] = (a, "SpaceAfter=No" not in cols[9])
        inside_mwt: set[int] = set()
        for b, (a, _) in ranges.items():
            inside_mwt.update(range(a, b))
        for cols in block:
            if "-" in cols[0] or "." in cols[0]:
                continue
            i = int(cols[0])
            if i in inside_mwt:
                space = False
            elif i in ranges:
                space = ranges[i][1]
            else:
                space = "SpaceAfter=No" not in cols[9]
            sent.words.append(
                Word(cols[1], cols[3], int(cols[6]) - 1, cols[7], space, cols[5])
            )
        block = []
        yield sent


def sentences_to_docs(vocab: Vocab, sents: Iterable[Sentence], n_sents: int) -> Iterator[Doc]:
    sents = list(sents)
    for start in range(0, len(sents), n_sents):
        chunk = sents[start : start + n_sents]
        words, spaces, pos, heads, deps, sent_starts = [], [], [], [], [], []
        for sent in chunk:
            offset = len(words)
            for j, w in enumerate(sent.words):
                words.append(w.form)
                spaces.append(w.space)
                pos.append(w.upos if w.upos != "_" else "X")
                heads.append(offset + (j if w.head < 0 else w.head))
                deps.append("ROOT" if w.deprel == "root" else w.deprel)
                sent_starts.append(j == 0)
            spaces[-1] = True  # sentences in a doc are separated by a space
        spaces[-1] = False
        yield Doc(vocab, words=words, spaces=spaces, pos=pos, heads=heads,
                  deps=deps, sent_starts=sent_starts)


# ------------------------------------------------- old GSD v2.1 -> current UD
CLOSED_CLASS = {"AUX", "SCONJ", "ADP", "CCONJ", "PRON", "DET", "PART", "ADV", "NUM"}
# deprel changes that follow a UPOS change of a function word
UPOS_DEPREL = {
    ("ADV", "AUX"): {"advmod": "aux"},
    ("ADP", "SCONJ"): {"case": "mark"},
    ("SCONJ", "ADP"): {"mark": "case"},
    ("ADV", "SCONJ"): {"advmod": "mark"},
    ("CCONJ", "SCONJ"): {"cc": "mark"},
    ("SCONJ", "CCONJ"): {"mark": "cc"},
    ("ADP", "CCONJ"): {"case": "cc"},
    ("ADV", "CCONJ"): {"advmod": "cc"},
    ("ADV", "ADP"): {"advmod": "case"},
    ("DET", "NUM"): {"det": "nummod"},
    ("NUM", "DET"): {"nummod": "det"},
    ("ADV", "PART"): {},
    ("SCONJ", "ADV"): {"mark": "advmod"},
    ("CCONJ", "ADV"): {"cc": "advmod"},
    ("ADP", "ADV"): {"case": "advmod"},
    ("DET", "ADV"): {"det": "advmod"},
    ("ADV", "DET"): {"advmod": "det"},
    ("SYM", "PUNCT"): {"dep": "punct"},
}


def upos_table(sents: Iterable[Sentence], min_count: int, min_share: float) -> dict[str, str]:
    """Function words whose UPOS is (nearly) fixed in current-UD data."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for s in sents:
        for w in s.words:
            counts[w.form.lower()][w.upos] += 1
    table = {}
    for form, c in counts.items():
        upos, n = c.most_common(1)[0]
        total = sum(c.values())
        if (total >= min_count and n / total >= min_share and upos in CLOSED_CLASS
                and form.replace("-", "").isalpha()):
            table[form] = upos
    return table


PREDICATE_UPOS = ("VERB", "ADJ")


def marker_table(sents: Iterable[Sentence], min_count: int, min_share: float) -> dict[tuple[str, bool], tuple[str, str]]:
    """(word, heads a predicate?) -> (UPOS, deprel) of prepositions and subordinators in
    current-UD data: "dengan" is ADP `case` of a noun phrase but SCONJ `mark` of a clause
    ("dengan menggunakan ..."), where v2.1 GSD writes `case` for both."""
    counts: dict[tuple[str, bool], collections.Counter] = collections.defaultdict(collections.Counter)
    for s in sents:
        for w in s.words:
            if w.deprel in ("case", "mark") and w.head >= 0:
                counts[(w.form.lower(), s.words[w.head].upos in PREDICATE_UPOS)][(w.upos, w.deprel)] += 1
    table = {}
    for key, c in counts.items():
        value, n = c.most_common(1)[0]
        if n >= min_count and n / sum(c.values()) >= min_share:
            table[key] = value
    return table


def temporal_words(sents: Iterable[Sentence], min_count: int, min_share: float) -> frozenset[str]:
    """Nouns that current-UD data attaches as `obl:tmod` rather than `obl` ("tahun",
    "periode", weekday names): v2.1 GSD has no `obl:tmod` at all."""
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for s in sents:
        for w in s.words:
            if w.deprel in ("obl", "obl:tmod"):
                counts[w.form.lower()][w.deprel] += 1
    return frozenset(form for form, c in counts.items()
                     if form.isalpha() and c["obl:tmod"] >= min_count and c["obl:tmod"] / sum(c.values()) >= min_share)


def _clitic_deprel(clitic: str, host: Word) -> tuple[str, str]:
    low = clitic.lower()
    if low in ("lah", "kah", "pun"):
        return "PART", "advmod:emph"
    if host.upos in ("NOUN", "PROPN", "NUM"):
        return "PRON", "nmod:poss"
    if host.upos == "VERB":
        return "PRON", "obl:agent" if host.form.lower().startswith("di") else "obj"
    if host.upos == "ADJ":
        return "DET", "det"
    return "PRON", "nmod:poss"


def map_old_gsd(sent: Sentence, table: dict[str, str], splitter: CliticSplitter,
                nn_compound_to_nmod: bool = False, temporal: frozenset[str] = frozenset(),
                markers: dict[tuple[str, bool], tuple[str, str]] | None = None) -> Sentence:
    words = [Word(**vars(w)) for w in sent.words]

    # 1. reduplications were split ("orang - orang", compound:plur): merge them
    starts = []
    i = 0
    while i + 2 < len(words):
        a, h, b = words[i], words[i + 1], words[i + 2]
        if (h.form == "-" and not a.space and not h.space and a.form.replace("-", "").isalpha()
                and b.form.isalpha() and (b.deprel == "compound:plur" or a.deprel == "compound:plur"
                                          or b.form.lower().startswith(a.form.lower()))):
            starts.append(i)
            i += 3
        else:
            i += 1
    if starts:
        index_map: dict[int, int] = {}
        new: list[Word] = []
        k = 0
        start_set = set(starts)
        while k < len(words):
            if k in start_set:
                group = (k, k + 1, k + 2)
                outer = [g for g in group if words[g].head not in group] or [k]
                keep = words[outer[0]]
                upos = keep.upos if keep.upos != "PUNCT" else words[k].upos
                new.append(Word(words[k].form + "-" + words[k + 2].form, upos, keep.head,
                                keep.deprel, words[k + 2].space))
                for g in group:
                    index_map[g] = len(new) - 1
                k += 3
            else:
                new.append(words[k])
                index_map[k] = len(new) - 1
                k += 1
        for w in new:
            if w.head >= 0:
                w.head = index_map[w.head]
        words = new

    # 2. function-word UPOS and the deprels that follow
    for w in words:
        new_upos = table.get(w.form.lower())
        if new_upos and new_upos != w.upos:
            w.deprel = UPOS_DEPREL.get((w.upos, new_upos), {}).get(w.deprel, w.deprel)
            w.upos = new_upos
    markers = markers or {}
    for k, w in enumerate(words):
        head = words[w.head] if w.head >= 0 else None
        marker = markers.get((w.form.lower(), head.upos in PREDICATE_UPOS)) if head else None
        if marker and w.deprel in ("case", "mark"):
            w.upos, w.deprel = marker
        elif w.upos == "PRON" and w.deprel == "det" and head and head.upos in ("NOUN", "PROPN") and w.head < k:
            # "rumah mereka": a possessor in current UD, v2.1 wrote det
            w.deprel = "nmod:poss"
        elif (ORDINAL.fullmatch(w.form.lower()) and w.deprel == "nummod" and head
              and head.upos in ("NOUN", "PROPN") and w.head < k):
            # "hari pertama", "tahap kedua": a post-nominal ordinal is ADJ amod in current UD
            # (pre-nominal "kedua negara" is the numeral "both")
            w.upos, w.deprel = "ADJ", "amod"
        elif w.upos == "SYM" and w.form in "/-":
            w.upos = "PUNCT"
            w.deprel = "punct" if w.deprel in ("dep", "cc") else w.deprel
        elif w.form.lower() in ("tapi", "tetapi", "namun") and w.deprel == "mark":
            # current GSD and CSUI: a coordinator ("..., tapi ...")
            w.upos, w.deprel = "CCONJ", "cc"
        elif w.form.lower() == "banyak" and w.deprel == "advmod" and head and head.upos == "NOUN" and k < w.head:
            # "banyak orang": a determiner of the noun in current UD (an adverb of verbs only)
            w.upos, w.deprel = "DET", "det"
        elif w.form.lower() == "diri" and w.upos == "NOUN":
            w.upos = "PRON"  # reflexive "diri (sendiri)": PRON in current GSD and CSUI
        elif w.deprel == "obl" and w.form.lower() in temporal:
            w.deprel = "obl:tmod"
    _salah_satu(words)
    _scale_words(words)
    # 3. relabel
    children: dict[int, list[int]] = collections.defaultdict(list)
    for k, w in enumerate(words):
        children[w.head].append(k)
    for k, w in enumerate(words):
        if w.deprel == "flat" and w.upos == "PROPN":
            # "Joko Widodo": flat:name; "kecamatan Kejajar" (common-noun head): nmod
            head_upos = words[w.head].upos if w.head >= 0 else ""
            w.deprel = "nmod" if head_upos == "NOUN" else "flat:name"
        elif w.deprel == "compound:plur":
            w.deprel = "compound"
        elif w.deprel in ("acl", "amod") and any(words[c].form.lower() == "yang" for c in children[k]):
            # "kota yang besar": a relative clause in current UD, whatever the predicate
            w.deprel = "acl:relcl"
        elif w.deprel == "nmod" and w.upos == "PRON" and w.head >= 0 and w.head < k:
            w.deprel = "nmod:poss"
        elif w.deprel == "csubj:pass":
            w.deprel = "csubj"
        if (nn_compound_to_nmod and w.deprel == "compound" and w.upos == "NOUN"
                and w.head >= 0 and words[w.head].upos in ("NOUN", "PROPN")):
            w.deprel = "nmod"  # CSUI convention for noun modifiers of nouns
    # 4. split enclitics (-nya, -lah, ...) as current UD does
    out: list[Word] = []
    index_map: dict[int, int] = {}
    extra: list[tuple[int, Word, Word]] = []
    for k, w in enumerate(words):
        index_map[k] = len(out)
        point = splitter.split_point(w.form) if w.upos not in ("PROPN", "PUNCT", "NUM", "X", "SYM") else 0
        if point:
            host = Word(w.form[:point], w.upos, w.head, w.deprel, False)
            upos, deprel = _clitic_deprel(w.form[point:], w)
            cl = Word(w.form[point:], upos, -2, deprel, w.space)
            out.extend((host, cl))
            extra.append((len(out) - 2, host, cl))
        else:
            out.append(w)
    for w in out:
        if w.head >= 0:
            w.head = index_map[w.head]
    for hi, host, cl in extra:
        if host.upos == "ADP":  # "menurutnya": the pronoun is the nominal, ADP its case
            cl.head, cl.deprel = host.head, "obl"
            host.head, host.deprel = hi + 1, "case"
        else:
            cl.head = hi
    for k, w in enumerate(out):
        if w.head == k:
            w.head = -1
    return Sentence(out)


def _salah_satu(words: list[Word]) -> None:
    """v2.1 GSD: "salah" DET heads the phrase, "satu" its `fixed`; current GSD and CSUI:
    "satu" NUM takes the phrase's place ("nummod" of the noun), "salah" ADJ its `advmod`."""
    for k in range(len(words) - 1):
        salah, satu = words[k], words[k + 1]
        if salah.form.lower() != "salah" or satu.form.lower() != "satu" or satu.head != k:
            continue
        for w in words:
            if w is not satu and w.head == k:
                w.head = k + 1
        satu.head = salah.head
        satu.deprel = "nummod" if salah.deprel in ("det", "nummod", "amod") else salah.deprel
        satu.upos = "NUM"
        salah.head, salah.deprel, salah.upos = k + 1, "advmod", "ADJ"


ORDINAL = re.compile(r"pertama|ke(dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|-?\d+)")
SCALE_WORDS = {"ratus", "ribu", "juta", "miliar", "milyar", "triliun"}


def _scale_words(words: list[Word]) -> None:
    """ "10 juta": current UD (CSUI, 219 times) makes "juta" a `flat` NUM of the number, which
    keeps the phrase's place; v2.1 GSD mostly makes the number a `nummod` of "juta"."""
    for k in range(1, len(words)):
        num, scale = words[k - 1], words[k]
        if scale.form.lower() not in SCALE_WORDS or num.upos != "NUM":
            continue
        if num.head == k:
            for w in words:
                if w is not num and w.head == k:
                    w.head = k - 1
            num.head = scale.head
            num.deprel = scale.deprel if scale.deprel not in ("compound", "flat") else "nummod"
        elif scale.head != k - 1:
            continue
        scale.head, scale.deprel, scale.upos = k - 1, "flat", "NUM"


def gsd_old_sentences(path: Path, table: dict[str, str], nn_compound_to_nmod: bool = False,
                      temporal: frozenset[str] = frozenset(),
                      markers: dict[tuple[str, bool], tuple[str, str]] | None = None) -> list[Sentence]:
    splitter = CliticSplitter(load_data())
    result = []
    for s in read_conllu(path):
        m = map_old_gsd(s, table, splitter, nn_compound_to_nmod, temporal, markers)
        roots = [w for w in m.words if w.head < 0]
        if len(roots) == 1 and _is_tree(m):
            result.append(m)
    return result


def _is_tree(s: Sentence) -> bool:
    n = len(s.words)
    for k in range(n):
        seen = set()
        j = k
        while j >= 0:
            if j in seen or j >= n:
                return False
            seen.add(j)
            j = s.words[j].head
    return True


# ------------------------------------------------------------------------ NER
NER_LABELS = {
    "PERSON": "PERSON", "PER": "PERSON",
    "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "ORG": "ORG",
    "LOCATION": "LOC", "PLACE": "LOC", "LOC": "LOC",
}


def read_ner(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of (token, IOB tag) from token<TAB>tag or token POS tag files."""
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf8").splitlines() + [""]:
        cols = line.split("\t") if "\t" in line else line.split(" ")
        cols = [c for c in cols if c != ""]
        if not cols:
            if sent:
                yield sent
            sent = []
            continue
        token, tag = cols[0], cols[-1]
        if tag != "O":
            prefix, _, label = tag.partition("-")
            mapped = NER_LABELS.get(label)
            tag = f"{prefix}-{mapped}" if mapped and prefix in ("B", "I") else "O"
        sent.append((token, tag))


def split_bracketed(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """idner-news-2k writes "(BEI)" as one token and labels it as part of the name before it
    ("Bursa Efek Indonesia (BEI)" one ORG); NER-UI and NERGrit write "( BEI )" and label the
    abbreviation as an entity of its own. One convention for the model: the brackets become
    tokens outside any entity, and the word inside keeps the label as an entity of its own."""
    out: list[tuple[str, str]] = []
    for tok, tag in sent:
        if len(tok) > 2 and tok[0] == "(" and tok[-1] == ")" and ")" not in tok[1:-1]:
            inner = "O" if tag == "O" else "B-" + tag[2:]
            out += [("(", "O"), (tok[1:-1], inner), (")", "O")]
        else:
            out.append((tok, tag))
    # a name continued after the brackets ("(BEI) Medan" tagged I-) starts afresh
    for k in range(1, len(out)):
        if out[k - 1] == (")", "O") and out[k][1].startswith("I-"):
            out[k] = (out[k][0], "B-" + out[k][1][2:])
    return out


def ner_to_docs(vocab: Vocab, sents: Iterable[list[tuple[str, str]]], n_sents: int) -> Iterator[Doc]:
    sents = list(sents)
    for start in range(0, len(sents), n_sents):
        words, ents, starts = [], [], []
        for sent in sents[start : start + n_sents]:
            prev = "O"
            for j, (tok, tag) in enumerate(sent):
                words.append(tok)
                starts.append(j == 0)
                if tag.startswith("I-") and prev[2:] != tag[2:]:
                    tag = "B-" + tag[2:]  # repair I- without B-
                ents.append(tag)
                prev = tag
        yield Doc(vocab, words=words, ents=ents)


# ------------------------------------------------------- nlp-id POS (tagger only)
# nlp-id's 16 tags -> UPOS. PR covers personal and relative pronouns ("kita", "yang", "sana"),
# DT demonstratives and quantifiers ("ini", "itu", "seluruh"), as in current UD Indonesian.
NLPID_UPOS = {
    "NN": "NOUN", "NNP": "PROPN", "VB": "VERB", "JJ": "ADJ", "ADV": "ADV", "IN": "ADP",
    "SC": "SCONJ", "CC": "CCONJ", "NUM": "NUM", "PR": "PRON", "DT": "DET", "NEG": "PART",
    "RP": "PART", "UH": "INTJ", "FW": "X",
}
NLPID_CLITICS = {"nya", "lah", "kah", "pun", "ku", "mu"}


def nlpid_pos_sentences(text: str, table: dict[str, str]) -> Iterator[Sentence]:
    """Sentences of nlp-id's dataset_postag.txt (token<TAB>tag, blank line between sentences)
    with UPOS: tags mapped by NLPID_UPOS, SYM split into PUNCT and SYM by the character, and
    the CSUI function-word table applied on top so closed-class words follow current UD. The
    corpus writes enclitics as separate tokens ("acara nya"); they are glued back to their host
    in the text (no space), which is how news prints them and how warta's tokenizer splits them."""
    words: list[Word] = []
    for line in text.splitlines() + [""]:
        cols = line.split("\t")
        if len(cols) != 2 or not cols[0].strip():
            if words:
                yield Sentence(words)
            words = []
            continue
        form, tag = cols[0].strip(), cols[1].strip().upper()
        if tag == "SYM":
            upos = "PUNCT" if all(not ch.isalnum() and ch not in "%$€£+=<>°" for ch in form) else "SYM"
        else:
            upos = NLPID_UPOS.get(tag, "X")
        upos = table.get(form.lower(), upos)
        if form.lower() in NLPID_CLITICS and words and words[-1].upos not in ("PUNCT", "SYM"):
            words[-1].space = False
            upos = "PART" if form.lower() in ("lah", "kah", "pun") else ("DET" if upos == "DET" else "PRON")
        elif upos == "PUNCT" and form in ".,;:!?)]}”’" and words:
            words[-1].space = False
        words.append(Word(form, upos, -1, "", form not in "([{"))


def pos_to_docs(vocab: Vocab, sents: Iterable[Sentence], n_sents: int) -> Iterator[Doc]:
    """Docs with UPOS only: the parser and NER see no annotation on them and skip them."""
    sents = list(sents)
    for start in range(0, len(sents), n_sents):
        words, spaces, pos = [], [], []
        for sent in sents[start : start + n_sents]:
            for w in sent.words:
                words.append(w.form)
                spaces.append(w.space)
                pos.append(w.upos)
            spaces[-1] = True
        spaces[-1] = False
        yield Doc(vocab, words=words, spaces=spaces, pos=pos)
