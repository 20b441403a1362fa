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
        passive_word=passive_word)
