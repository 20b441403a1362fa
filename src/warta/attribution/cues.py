"""The reporting-cue lexicon (warta/data/reporting_cues.txt), loaded once into sets and patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from warta.data import load_sections


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


#: `\b` before a word's first letter, written as a test to put right after that letter: the
#: character before the letter is no word character. A pattern that opens with letters rather than
#: with an assertion lets re skip straight to where those letters occur; one that opens with `\b`
#: or a look-behind is tried at every position of the text, several times slower.
AFTER_WORD_START = r"(?<!\w.)"


def word_alternation(words, after_first: str = "") -> str | None:
    """The words as one regex alternation, factored into a trie ("me(?:n(?:gatakan|…)|…)").

    Python's re tries the branches of a flat alternation one by one at every position it scans, so
    a lexicon of a hundred verbs costs a hundred attempts per word; the trie costs a few. Longer
    words are tried before a word that is their prefix, as in the longest-first flat alternation,
    so the same text matches. None unless all words are ASCII letters: the caller then keeps its
    flat alternation.

    after_first: zero-width tests put after each word's first letter (AFTER_WORD_START for `\b`
    before the word; a look-behind then spans that letter).
    """
    words = set(words)
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return None
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here

    def branch(node: dict, first: str = "") -> str:
        alts = [c + first + branch(node[c]) for c in sorted(node) if c]
        if "" in node:
            alts.append("")  # ending here comes last: a longer word first
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return branch(trie, after_first)


_WORD_CHAR = re.compile(r"\w")


class MarkFirstPattern:
    """finditer of a pattern whose matches (after the text's first position) open with a one-character
    mark that re can skip to: `_at_text_start` is tried at position 0 alone, `_after_mark` is
    searched for everywhere else. Subclasses compile both and say where the next search resumes."""

    _at_text_start: re.Pattern
    _after_mark: re.Pattern

    def _resume_at(self, text: str, end: int) -> int:
        return end

    def finditer(self, text: str):
        m = self._at_text_start.match(text)
        if m is None:
            m = self._after_mark.search(text)
        while m is not None:
            yield m
            m = self._after_mark.search(text, self._resume_at(text, m.end()))


class WordStartPattern(MarkFirstPattern):
    r"""A pattern that opens with a whole word (`\b` before its first letter), scanned fast.

    re tries a pattern at every position where its first character may occur; for a lexicon of
    words that is most letters of the text, and each try costs far more than the test of one
    character. Written as "a character that is no word character, then the pattern", it is tried
    only after spaces and punctuation, a sixth of the positions; the first position of the text
    (no character before it) is tried on its own. finditer gives the matches of `\b(?:body)`, with
    their groups; only group(0) and start() take in the character before the word.

    body: the pattern after the word boundary, with no flags of its own (write `(?i:…)`).
    """

    def __init__(self, body: str):
        self._at_text_start = re.compile(body)
        self._after_mark = re.compile(rf"[^\w](?:{body})")

    def _resume_at(self, text: str, end: int) -> int:
        # a match that ends with no word character leaves that character to open the next one
        return end - 1 if end > 0 and not _WORD_CHAR.match(text, end - 1) else end


class WordStarts:
    r"""Where the words of a lexicon stand whole in a text, in any case: the places where a pattern
    that opens with one of them and a word boundary (`\bword\b…`, `\bword\s…`) can match.

    One scan serves all such patterns, each then tried at those places alone (finditer_at): a
    scan costs about as much whatever its pattern, as it tries every position after a non-word
    character (see WordStartPattern). In lower case, the text has the same words at the same places
    (a lexicon of ASCII letters), and a case-sensitive pattern costs half as much to try; unless
    the text holds one of "İıſ": İ lowers to two characters, ı and ſ match i and s in any case but
    lower to themselves. Those texts are scanned as they are, ignoring case.
    """

    def __init__(self, words):
        trie = word_alternation({w.lower() for w in words})
        if trie is None:
            raise ValueError("WordStarts takes words of ASCII letters")
        self._in_lower_case = WordStartPattern(rf"({trie})\b")
        self._in_any_case = WordStartPattern(rf"(?i:({trie}))\b")
        self._last: tuple[str | None, list[int]] = (None, [])  # the last text asked about

    def __call__(self, text: str) -> list[int]:
        """The start of each lexicon word standing whole in text, in order."""
        if self._last[0] is not text:
            if "İ" in text or "ı" in text or "ſ" in text:
                found = self._in_any_case.finditer(text)
            else:
                found = self._in_lower_case.finditer(text.lower())
            self._last = (text, [m.start(1) for m in found])
        return self._last[1]


def finditer_at(pattern: re.Pattern, text: str, starts: list[int]):
    """pattern.finditer(text), for a pattern that can match only at one of `starts` (in order):
    tried there alone. The pattern matches no empty text."""
    end = 0
    for start in starts:
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                end = m.end()


#: the words before a place: "di Cilacap", "Kota Balikpapan" (see warta.attribution.speakers)
PLACE_WORDS = ("di", "ke", "dari", "asal", "Kota", "Kabupaten", "Provinsi", "wilayah")
#: the units that name a place with them: "Kabupaten Cilacap", "Kota Balikpapan", and "Daerah" in a
#: regional body's name ("Kepolisian Daerah Jawa Timur", "Badan Penanggulangan Bencana Daerah Sleman")
ADMIN_WORDS = ("Kota", "Kabupaten", "Provinsi", "Kecamatan", "Kelurahan", "Desa", "Daerah")
#: the nouns that open a report: "laporan dari X yang menyebutkan …" (see warta.attribution.indirect)
REPORT_NOUNS = ("laporan", "pernyataan", "keterangan", "klaim")


@dataclass(frozen=True)
class Cues:
    inverted: frozenset[str]
    verbs: frozenset[str]
    weak_verbs: frozenset[str]
    nominal: frozenset[str]
    statement_nouns: frozenset[str]
    passive: frozenset[str]
    fronting: frozenset[str]
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    titles: frozenset[str]
    ranks: frozenset[str]
    roles: frozenset[str]
    phrase_end: frozenset[str]
    place_words: frozenset[str]
    connectives: frozenset[str]
    adverbs: frozenset[str]
    complementizers: frozenset[str]
    negations: frozenset[str]
    org_heads: frozenset[str]
    vox_pop: frozenset[str]
    days: frozenset[str]
    place_prepositions: frozenset[str]
    source_notes: tuple[str, ...]
    subject_words: frozenset[str]
    subject_adjuncts: frozenset[str]
    #: place or office words that may also end a personal name ("… Alfatih Timur")
    name_final: frozenset[str]
    #: words that open a personal name ("Raden", "I Gusti", "Mohammad"); entries may be two words
    name_prefixes: frozenset[str]
    #: given names that open a name only at the start of a run ("Dwi …", not "Bayu Dwi Anggono")
    name_openers: frozenset[str]
    #: first-person pronouns ("Saya", "Kami"): they end a name read from the right
    first_person: frozenset[str]
    #: "dari" in "anggota Tim X dari UGM, Dian …": a role phrase goes on over it to the name
    affiliation: frozenset[str]
    #: "Hal senada disampaikan X": the floor handed to the next speaker
    handover: re.Pattern
    #: a cue right after a closing quote mark: "…," kata X / ujarnya / kata dia
    after_quote: re.Pattern
    #: any reporting verb as a whole word (affixed verbs and base forms with -nya)
    verb_word: re.Pattern
    #: passive cue words
    passive_word: re.Pattern
    #: where the words of the patterns that open with a lexicon word stand in a text: the
    #: inverted cues and "menurut", the verbs, PLACE_WORDS, ADMIN_WORDS and REPORT_NOUNS (see
    #: WordStarts; a pattern tried at those places alone must open with one of them)
    word_starts: WordStarts

    def is_cue_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.verbs or w in self.inverted or (w.endswith("nya") and w[:-3] in self.inverted)


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    s = load_sections("reporting_cues.txt")
    inverted = set(s.get("inverted", []))
    verbs = set(s.get("verb", []))
    base_forms = inverted | verbs
    after = _alternation(list(base_forms) + [w + "nya" for w in inverted])
    after_quote = re.compile(rf"(?i)[\s,]*(?P<cue>(?:{after})(?:nya)?)\b")
    weak = set(s.get("verb_weak", [])) - verbs
    verb_alternation = word_alternation(verbs | weak) or _alternation(verbs | weak)  # a trie: faster to scan
    verb_word = re.compile(rf"(?i)\b(?P<cue>(?:{verb_alternation}))\b")
    handover = re.compile(
        rf"(?i)(?:{_alternation(s.get('handover_noun', []))})\s+(?:{_alternation(s.get('handover_adjective', []))})\s+"
        r"(?:juga\s+)?(?:di[a-z]+kan)\s+(?:oleh\s+)?"
        rf"|(?:{_alternation(s.get('introduction', []))}),?\s+")
    passive_word = re.compile(rf"(?i)\b(?P<cue>(?:{_alternation(s.get('passive', []))}))\b")
    return Cues(
        inverted=frozenset(inverted), verbs=frozenset(verbs), weak_verbs=frozenset(weak), nominal=frozenset(s.get("nominal", [])),
        statement_nouns=frozenset(s.get("statement_noun", [])), passive=frozenset(s.get("passive", [])),
        fronting=frozenset(s.get("fronting", [])), pronouns=frozenset(s.get("pronoun", [])),
        plural_pronouns=frozenset(s.get("plural_pronoun", [])), titles=frozenset(s.get("title", [])),
        ranks=frozenset(s.get("rank", [])), roles=frozenset(s.get("role", [])),
        phrase_end=frozenset(s.get("role_phrase_end", [])),
        place_words=frozenset(s.get("place_word", [])), connectives=frozenset(s.get("connective", [])),
        adverbs=frozenset(s.get("adverb", [])), complementizers=frozenset(s.get("complementizer", [])),
        negations=frozenset(s.get("negation", [])), org_heads=frozenset(s.get("org_head", [])),
        vox_pop=frozenset(s.get("vox_pop", [])), days=frozenset(s.get("day", [])),
        place_prepositions=frozenset(s.get("place_preposition", [])), source_notes=tuple(s.get("source_note", [])),
        subject_words=frozenset(s.get("subject_word", [])), subject_adjuncts=frozenset(s.get("subject_adjunct", [])), name_final=frozenset(s.get("name_final", [])),
        name_prefixes=frozenset(s.get("name_prefix", [])), name_openers=frozenset(s.get("name_opener", [])),
        first_person=frozenset(s.get("first_person", [])), affiliation=frozenset(s.get("affiliation", [])),
        handover=handover, after_quote=after_quote, verb_word=verb_word,
        passive_word=passive_word,
        word_starts=WordStarts(inverted | {"menurut"} | verbs | weak | set(PLACE_WORDS) | set(ADMIN_WORDS)
                               | set(REPORT_NOUNS)))
