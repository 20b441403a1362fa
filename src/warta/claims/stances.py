"""Stances on claims ("menolak berkomentar", "belum mengonfirmasi ataupun membantah", "tanpa memberikan bukti")
and the source phrases of figures ("menurut BPS", "laporan dari A, B dan C yang menyebutkan").

The phrases are data: warta/data/stances.toml. Each finder runs one precompiled regex over the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from warta.data import load_toml


@dataclass(frozen=True)
class StanceMatch:
    stance: str  # confirm | deny | neither_confirm_nor_deny | no_comment | without_evidence
    start: int
    end: int
    text: str
    passive: bool = False  # who follows "oleh"


@dataclass(frozen=True)
class SourcePhrase:
    name: str
    start: int
    end: int


def _words_re(phrase: str) -> str:
    """A phrase as a regex: words separated by any whitespace; "…" stands for up to three words."""
    out = ""
    for w in phrase.split():
        if w == "…":
            out += r"(?:\s+\S+){0,3}?"
        else:
            out += (r"\s+" if out else "") + re.escape(w)
    return out


def _alt(phrases) -> str:
    return "|".join(_words_re(p) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class StanceLexicon:
    pattern: re.Pattern
    negations: frozenset[str]
    anaphora: re.Pattern
    source_marker: re.Pattern
    document_words: frozenset[str]
    end_words: frozenset[str]
    institution_heads: frozenset[str]
    joiners: frozenset[str]
    #: the words that open a stance phrase, as a pattern of whole words (see _stance_matches); None when a
    #: phrase does not open with a plain word
    openers: re.Pattern | None = None


@lru_cache(maxsize=1)
def stance_lexicon() -> StanceLexicon:
    raw = load_toml("stances.toml")
    st = raw["stances"]
    n = st["neither_confirm_nor_deny"]
    neither = (rf"(?:{'|'.join(map(re.escape, n['negations']))})\s+(?:\S+\s+){{0,3}}?"
               rf"(?:{'|'.join(map(re.escape, n['confirm_verbs']))})\s+"
               rf"(?:{_alt(n['conjunctions'])})\s+(?:{'|'.join(map(re.escape, n['deny_verbs']))})")
    phrase_groups = ("no_comment", "without_evidence", "confirm_passive", "deny_passive", "deny", "confirm")
    groups = [("neither_confirm_nor_deny", neither)] + [(name, _alt(st[name]["phrases"])) for name in phrase_groups]
    openers = set(n["negations"]) | {p.split()[0] for name in phrase_groups for p in st[name]["phrases"]}
    opener_pattern = None
    if all(re.fullmatch(r"\w+", w) for w in openers):
        by_letter: dict[str, list[str]] = {}
        for w in sorted(openers, key=len, reverse=True):
            by_letter.setdefault(w[0], []).append(w[1:])
        # factored by the first letter ("b(?:elum)|d(?:iakui|ianggap|...)"): one branch per letter to try
        alternatives = "|".join(re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")"
                                for first, rests in sorted(by_letter.items()))
        opener_pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in groups) + r")(?!\w)",
                         re.IGNORECASE)
    an = raw["anaphora"]
    anaphora = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, an['nouns']))})\s+(?:\w+\s+)?"
                          rf"(?:{'|'.join(map(re.escape, an['demonstratives']))})(?!\w)", re.IGNORECASE)
    src = raw["sources"]
    marker = re.compile(rf"(?<!\w)(?:{_alt(src['markers'])})(?!\w)", re.IGNORECASE)
    return StanceLexicon(pattern=pattern, negations=frozenset(raw["negations"]["words"]), anaphora=anaphora,
                         source_marker=marker, document_words=frozenset(src["document_words"]),
                         end_words=frozenset(src["end_words"]), institution_heads=frozenset(src["institution_heads"]),
                         joiners=frozenset(src["joiners"]),
                         openers=opener_pattern)


def _stance_matches(lx: StanceLexicon, text: str):
    """lx.pattern.finditer(text), with the large pattern tried only where one of the words that open a
    phrase stands (lx.openers).

    Every phrase opens with a whole word (no word character before it; a space, or no word character,
    after it), matched with the same case-insensitive rules in both patterns: the pattern can match
    only where lx.openers does, and two openers' matches never overlap. Trying the large pattern at every
    character took most of find_stances' time."""
    if lx.openers is None:
        yield from lx.pattern.finditer(text)
        return
    end = 0
    for opener in lx.openers.finditer(text):
        start = opener.start()
        if start < end:
            continue  # inside the previous match: finditer goes on after it
        m = lx.pattern.match(text, start)
        if m is not None:
            yield m
            end = m.end()


_PREV_WORDS = re.compile(r"(\w+)\W*$")


def find_stances(text: str) -> list[StanceMatch]:
    """Every stance phrase in `text`, in order; a negated confirm or deny ("tidak membantah") is left out."""
    lx = stance_lexicon()
    out = []
    for m in _stance_matches(lx, text):
        kind = m.lastgroup
        passive = kind.endswith("_passive")
        stance = kind.replace("_passive", "")
        if stance in ("confirm", "deny") and not passive:
            before = text[max(0, m.start() - 40):m.start()].lower().split()
            if any(w in lx.negations for w in before[-2:]):
                continue
        out.append(StanceMatch(stance, m.start(), m.end(), m.group(), passive))
    return out


def refers_back(text: str) -> bool:
    """The text refers to an earlier matter ("laporan tersebut", "hal itu")."""
    return stance_lexicon().anaphora.search(text) is not None


_WORD = re.compile(r"\(|\)|,|;|:|\.|\"|“|”|[^\s,;:.()\"“”]+")


def find_sources(text: str, offset: int = 0, is_titled=None) -> list[SourcePhrase]:
    """Who a figure is attributed to by "menurut …", "laporan dari …", "berdasarkan data …" in `text` (a
    sentence); names as written, with spans shifted by `offset`. Documents ("data resmi") are skipped.

    `is_titled(phrase)` may tell that a phrase starts with a role ("Direktur Ekonomi dan Moneter BI X"): its
    "dan" then joins words of the role, not two sources."""
    lx = stance_lexicon()
    out: list[SourcePhrase] = []
    for m in lx.source_marker.finditer(text):
        toks = [(w.group(), w.start(), w.end()) for w in _WORD.finditer(text, m.end())][:30]
        i = 0
        while i < len(toks) and toks[i][0].lower() in lx.document_words:
            i += 1
        items: list[tuple[int, int]] = []
        cur: list[tuple[str, int, int]] = []
        institution = False
        joined = False
        depth = 0
        while i < len(toks):
            w, s, e = toks[i]
            low = w.lower()
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            elif depth:
                pass
            elif low in lx.joiners and cur and not items and is_titled is not None \
                    and is_titled(text[cur[0][1]:cur[-1][2]]):
                cur.append((w, s, e))
            elif w in (",",) or low in lx.joiners:
                joined = joined or low in lx.joiners
                if cur:
                    items.append((cur[0][1], cur[-1][2]))
                    cur, institution = [], False
                # a list goes on only with another name
                nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
                if nxt.lower() in lx.joiners:
                    i += 1
                    continue
                if not nxt or not (nxt[0].isupper() or nxt.lower() in lx.institution_heads):
                    break
            elif not w[0].isalnum() or low in lx.end_words:
                break
            elif w[0].isupper() or (not cur and low in lx.institution_heads) or (institution and cur):
                if not cur:
                    institution = w[0].islower() and low in lx.institution_heads
                cur.append((w, s, e))
            else:
                break
            i += 1
        if cur:
            items.append((cur[0][1], cur[-1][2]))
        if len(items) > 1 and not joined:
            items = items[:1]  # "Menurut BPS, Jakarta mencatat ...": a comma alone does not make a list
        for s, e in items:
            name = text[s:e].strip()
            if name and name.lower() not in lx.document_words and all(x.start != s + offset for x in out):
                out.append(SourcePhrase(name, s + offset, e + offset))
    return out


def is_source_marker(word: str) -> bool:
    """`word` introduces a source ("menurut", "berdasarkan data")."""
    return stance_lexicon().source_marker.fullmatch(word.strip()) is not None


def strip_document_words(name: str) -> str:
    """A source name without the document words before it: "pernyataan dari kantor X" -> "kantor X"."""
    lx = stance_lexicon()
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].lower() in lx.document_words:
        i += 1
    return " ".join(words[i:])
