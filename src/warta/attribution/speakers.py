"""Speaker phrases and their resolution to the article's people and organisations.

A speaker phrase is the text that names who speaks ("Kapolres Metro Jakarta Pusat Kombes
Susatyo Purnomo Condro", "dia", "Presiden", "juru bicara itu"). It is cleaned of titles and
ranks, split into role and name, and resolved: a short name to the fullest name of the same
person in the article, a pronoun or -nya cue to the current speaker, a role alone to the person
last named with that role (else the role itself).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc

from warta.attribution.cues import (
    ADMIN_WORDS, AFTER_WORD_START, PLACE_WORDS, Cues, MarkFirstPattern, finditer_at, word_alternation,
)
from warta.nlp.entities import find_entity
from warta.nlp.extensions import doc_text

_WORD = re.compile(r"\b[A-Z]\.(?=\s)|[^\W_][\w'’\-]*|[^\w\s]")
#: a run of two capitalised words or more in running text (a candidate proper name); \b before
#: its first letter is tested after the letter (see AFTER_WORD_START). The same runs as those with
#: a space of the run of one word or more, `(?:…)*` for `(?:…)+`: a word alone fails where it
#: would have matched, and no run starts inside it (a run there would go on as the word's does)
_CAP_RUN = re.compile(rf"[A-Z]{AFTER_WORD_START}[\w'’\-]*"
                      r"(?:\s+(?:[A-Z][\w'’\-]*|(?:bin|binti|van|de|da|al|el)\b))+(?:\s+[A-Z][\w'’\-]*)?")
#: a role named alone ("kata Presiden") keeps the role as the speaker's name, as PFSA-ID and the
#: guideline's "as written" rule do; the holder is linked through the speaker's entity id
ROLE_AS_NAME = True
#: a sentence subject does not take over from a speaker who spoke within this many characters
SPEAKER_FLOOR_CHARS = 800
#: a name taken from a capitalised run with no other evidence keeps at most this many words
MAX_NAME_WORDS = 3
#: a name opened by a name prefix ("I Gusti Ngurah …", "Raden …") keeps at most this many words
MAX_PREFIXED_NAME_WORDS = 6


def _flat_alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _at_word_start(words, not_after: str = "") -> str:
    r"""`(?<!not_after)\b(?:words)`: one of the words opening a word, not right after `not_after`
    (a fixed-width regex). For words of letters, as a trie with the tests after the first letter,
    which re scans for much faster (see AFTER_WORD_START)."""
    trie = word_alternation(words, AFTER_WORD_START + (f"(?<!{not_after}.)" if not_after else ""))
    if trie is not None:
        return f"(?:{trie})"
    return (f"(?<!{not_after})" if not_after else "") + rf"\b(?:{_flat_alternation(words)})"


class _SentenceStartPattern(MarkFirstPattern):
    r"""finditer of `(?:^|[.!?]\s+|\n)rest` (re.M: ^ at every line start), fast.

    The pattern opens with an alternation re cannot scan for, so it is tried at every position of
    the text. A line start after the first is right after a newline, where the `\n` alternative
    is tried first with the same `rest`: only the text's first position needs `^`, and the
    pattern without it opens with one of the characters [.!?\n], which re skips to.
    """

    def __init__(self, rest: str):
        self._at_text_start = re.compile(rf"(?:^|[.!?]\s+|\n){rest}", re.M)
        self._after_mark = re.compile(rf"[.!?\n](?:(?<=\n)|(?<=[.!?])\s+){rest}")

    def _resume_at(self, text: str, end: int) -> int:
        # a match that ends with a newline leaves a line start right after it
        return end - 1 if end > 0 and text[end - 1] == "\n" else end


#: a place named with its administrative unit: "Kabupaten Cilacap", "Kota Balikpapan" (not "Wali Kota X")
_ADMIN_PLACE = re.compile(_at_word_start(ADMIN_WORDS, not_after="[Ww]ali ") + r"\s+([A-Z][\w'’\-]+)")
#: the words counted for _alone_elsewhere
_LETTER_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
#: the word tokens of quoted content, for the names it mentions
_TOKEN = re.compile(r"[\w'’]+")
#: the capitalised words before a mention (see _prefix_before)
_CAPS_BEFORE = re.compile(r"(?:[A-Z][\w'’]*[ \t]+){1,4}$")
_CAPS_BEFORE_CHAR = re.compile(r"[\w'’]")
_LIST_JOINER = re.compile(r"\b(dan|serta)\b")
_DEMONSTRATIVE = re.compile(r"\b(itu|ini|tersebut)\b")
#: an age after a name: "Lina Marlina (45)"
_AGE_PAREN = re.compile(r"\s*\(\d{1,3}\)")
#: a character of a word as _LETTER_WORD and _cap_word_opens read words
_WORD_RUN_CHAR = re.compile(r"[\w'’\-]")
_WORD_CHAR = re.compile(r"\w")
_ALL_CAPS = re.compile(r"[A-Z]{3,}")
#: spaces, then a capital: after a capitalised word, the start of a capitalised run (see _cap_word_opens)
_SPACES_THEN_CAP = re.compile(r"[ \t]+[A-Z]")
#: a word as group 2 of _cap_word_opens reads it
_CAP_WORD = re.compile(r"[A-Z][\w'’\-]*")


# -- reading the text around a place: what a scan of the whole text would find there, for the few
# -- places an article asks about

def _is_ascii_letter(c: str) -> bool:
    return "A" <= c <= "Z" or "a" <= c <= "z"


def _last_before_trailing_spaces(text: str, lo: int, end: int) -> int | None:
    r"""Index of the last character of text[lo:end] before the spaces/tabs that end it (what
    `[ \t]+$` needs), or None when it does not end with one."""
    if end > lo and text[end - 1] == "\n":
        end -= 1  # `$` also matches before a newline that ends the text
    k = end - 1
    while k >= lo and text[k] in " \t":
        k -= 1
    return None if k == end - 1 else k


def _word_before_spaces(text: str, lo: int, end: int) -> str | None:
    r"""Group 1 of re.search(r"([A-Za-z]+)[ \t]+$", text[lo:end]): the ASCII letters right before
    the spaces that end text[lo:end], read back from its end rather than tried at every letter."""
    k = _last_before_trailing_spaces(text, lo, end)
    if k is None:
        return None
    j = k
    while j >= lo and _is_ascii_letter(text[j]):
        j -= 1
    return text[j + 1:k + 1] if j < k else None


def _capital_before_spaces(text: str, lo: int, end: int) -> bool:
    """text[lo:end] ends with spaces after a capital and word characters: else _CAPS_BEFORE, which
    ends with `[A-Z][\w'’]*[ \t]+$`, finds nothing there."""
    k = _last_before_trailing_spaces(text, lo, end)
    if k is None:
        return False
    while k >= lo and _CAPS_BEFORE_CHAR.match(text, k):
        if "A" <= text[k] <= "Z":
            return True
        k -= 1
    return False


def _letter_word_ends(text: str, word: str) -> list[int]:
    """Where `word` ends each time it is one of the words of _LETTER_WORD.findall(text), in order.

    findall reads a word from the first ASCII letter of each run of word characters to the run's
    end, so `word` is one where it closes a run and only characters that are no ASCII letter
    (digits, marks, other letters) come before it in the run. Found with a scan for `word` itself,
    far faster than reading every word of the text.
    """
    if not _LETTER_WORD.fullmatch(word):
        return []
    ends = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if end == len(text) or not _WORD_RUN_CHAR.match(text, end):
            k = start - 1
            while k >= 0 and _WORD_RUN_CHAR.match(text, k) and not ("A" <= text[k] <= "Z" or "a" <= text[k] <= "z"):
                k -= 1
            if k < 0 or not _WORD_RUN_CHAR.match(text, k):
                ends.append(end)
        start = text.find(word, start + 1)
    return ends


def _cap_word_opens(text: str, word: str, counts_before) -> int:
    r"""How often `word` is group 2 of a match of

        (?:(?<![\w'’\-])([\w'’\-]+)[ \t]+|^|\n)([A-Z][\w'’\-]*)[ \t]+(?=[A-Z])

    in text (finditer) whose group 1 is None or counts_before(group 1): a capitalised word before
    another, with the word before it on its line. That pattern can open at any word and is tried at
    every position of the text; this reads only the places where `word` stands before spaces and a
    capital (a candidate for group 2) and follows finditer's scan back over the capitalised words
    before it (see _group_2).
    """
    if not _CAP_WORD.fullmatch(word):
        return 0
    count = 0
    start = text.find(word)
    while start >= 0:
        if (start == 0 or not _WORD_RUN_CHAR.match(text, start - 1)) and _SPACES_THEN_CAP.match(text, start + len(word)):
            is_group_2, before = _group_2(text, start)
            if is_group_2 and (before is None or counts_before(before)):
                count += 1
        start = text.find(word, start + 1)
    return count


def _in_capitals(text: str, word: str) -> bool:
    r"""`word` is one of re.findall(r"\b[A-Z]{3,}\b", text): it stands whole in the text, between
    characters that are no word characters. Found with a scan for the word alone, as only a few words
    of an article are asked about."""
    if not _ALL_CAPS.fullmatch(word):
        return False
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _WORD_CHAR.match(text, start - 1)) and (end == len(text) or not _WORD_CHAR.match(text, end)):
            return True
        start = text.find(word, start + 1)
    return False


def _word_before(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the run of word characters before `start` across spaces on its line, if any."""
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k == start - 1 or k < 0 or not _WORD_RUN_CHAR.match(text, k):
        return None
    q = k
    while q > 0 and _WORD_RUN_CHAR.match(text, q - 1):
        q -= 1
    return q, k + 1


def _group_2(text: str, start: int) -> tuple[bool, str | None]:
    r"""Whether the candidate at `start` (a capitalised word opening its run, before spaces and a
    capital) is group 2 of the _cap_word_opens pattern in finditer's scan, and group 1 if so.

    * right after a newline, it is (the `\n` alternative, no group 1);
    * at the text's first position finditer tries it as group 1 first: it is group 2 (after `^`)
      only when the word after it is no candidate;
    * after spaces and a word (group 1) it is, unless that word was a candidate and group 2 itself:
      then finditer went on after that match, at this word. So the capitalised words before it on
      its line are followed back to the first, and the answer alternates from there.
    """
    chain = [(start, _word_before(text, start))]  # the candidates back to the first of the run
    while chain[-1][1] is not None and "A" <= text[chain[-1][1][0]] <= "Z":
        q = chain[-1][1][0]
        chain.append((q, _word_before(text, q)))
    first, before_first = chain[-1]
    if before_first is not None:
        is_group_2 = True  # after a word that is no candidate
    elif first == 0:
        after = _CAP_WORD.match(text, first).end()
        nxt = _SPACES_THEN_CAP.match(text, after).end() - 1
        next_word_end = _CAP_WORD.match(text, nxt).end()
        is_group_2 = not _SPACES_THEN_CAP.match(text, next_word_end)
    else:
        is_group_2 = text[first - 1] == "\n"
    for _ in chain[:-1]:
        is_group_2 = not is_group_2
    before = chain[0][1]
    return is_group_2, (text[before[0]:before[1]] if before is not None and is_group_2 else None)


@dataclass
class Speaker:
    name: str
    mention: str
    start: int
    end: int
    kind: str  # person | role | org | pronoun | group
    role: str | None = None
    members: list["Speaker"] = field(default_factory=list)
    entity: str | None = None
    holder: str | None = None  # for a role alone: the person holding it in the article
    introduced: bool = False  # named by an explicit hand-over ("Hal senada dikemukakan X")
    #: a sentence subject found only as a capitalised run (no PERSON mention from the entities)
    guessed: bool = False


def _spoken_about(name: str, content: str, short_forms: set[str] = frozenset()) -> bool:
    """The quoted words name the person, their initials ("saudara AS" for Arso Sadewo) or the short
    forms linked to them ("Iswan Ibrahim (ISW)" … "saudara ISW")."""
    if not content:
        return False
    toks = set(_TOKEN.findall(content))
    ws = name.split()
    initials = "".join(w[0] for w in ws if w[:1].isupper())
    return any(w in toks for w in ws if len(w) > 2) or (len(initials) >= 2 and initials in toks) \
        or bool(short_forms & toks)


def words(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(word, start, end) of the words and punctuation of `text`, offset by `offset`."""
    if offset == 0 and len(text) <= 80:  # a name or role, read again and again
        return list(_words_of(text))
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def first_words(text: str, n: int, offset: int = 0) -> list[tuple[str, int, int]]:
    """words(text, offset)[:n], reading no further into the text."""
    return [(m.group(), offset + m.start(), offset + m.end()) for m in islice(_WORD.finditer(text), n)]


def has_words(text: str, n: int) -> bool:
    """len(words(text)) >= n, reading no further into the text."""
    return next(islice(_WORD.finditer(text), n - 1, None), None) is not None


@lru_cache(maxsize=1 << 14)
def _words_of(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((m.group(), m.start(), m.end()) for m in _WORD.finditer(text))


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The words of a name, in order and as a set: names are matched against each other word by word."""
    ws = tuple(name.split())
    return ws, frozenset(ws)


def is_nya_word(w: str) -> bool:
    """A word with the enclitic -nya on a stem of a word's length ("Awalnya", "Hasilnya",
    "Karenanya"): an adverb or a noun, never a name ("Sonya", "Vanya" have too short a stem)."""
    return len(w) >= 7 and w.lower().endswith("nya")


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


@lru_cache(maxsize=1 << 16)  # a pure test of a word, asked for every word of every name read
def _is_acronym(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _known_place(word: str) -> bool:
    """A country, capital, province or city in warta_entities' gazetteer ("Surabaya", "Jabar")."""
    try:
        from warta.nlp.gazetteer import place_of
    except ImportError:  # the gazetteer is optional for this component
        return False
    place = place_of(word)
    return place is not None and place.kind != "organisation"


_PATTERNS: dict[int, tuple] = {}
_NAME = r"([A-Z][\w'’\-]+)"


def _patterns(cues: Cues) -> tuple:
    """Patterns run once per document, compiled once per lexicon: words used alone for a person
    ("kata Ardiles", "Ardiles menambahkan", "Bagi Toto,") and words used as places ("di Cilacap")."""
    key = id(cues)
    if key not in _PATTERNS:
        alt = _flat_alternation
        # the cue and verb lexicons as tries (the same matches, several times faster to scan):
        # each is followed by a space or a word boundary, so no two of its words match at one place
        word_alt = lambda ws: word_alternation(ws) or alt(ws)
        cue_words = set(cues.inverted) | {"menurut"}
        cue_words |= {w.capitalize() for w in cue_words}
        titles = set(cues.titles) | set(cues.ranks)
        titles |= {w.capitalize() for w in titles}
        after_cue = re.compile(rf"{_at_word_start(cue_words)}\s+(?:(?:{alt(titles)})\s+)?{_NAME}\b(?!\s+[A-Z])")
        # (?<![A-Za-z]\s)\b{_NAME}, with the tests after the name's first letter (AFTER_WORD_START)
        before_verb = re.compile(rf"([A-Z]{AFTER_WORD_START}(?<![A-Za-z]\s.)[\w'’\-]+)\s+"
                                 rf"(?:juga\s+|pun\s+|sebelumnya\s+|kemudian\s+|lalu\s+)?(?:{word_alt(cues.verbs)})\b")
        opening = _SentenceStartPattern(rf"(?:Bagi|Kata|Menurut|Sementara itu,|Namun,)?\s*{_NAME}(?=,|\s+(?:"
                                        r"juga|pun|sebelumnya|biasanya|mengaku|menilai|berharap|yakin|tidak|tak|"
                                        r"belum|sudah|pernah|mengatakan)\b)")
        # after an opening clause: "Kendati begitu, Sunday belum …", "Saat dihubungi, Febria mengatakan …"
        after_comma = re.compile(rf",\s+{_NAME}\s+(?:mengaku|berharap|yakin|"
                                 rf"tidak|tak|belum|sudah|pernah|{word_alt(cues.verbs)})\b")
        place = re.compile(rf"{_at_word_start(PLACE_WORDS, not_after='[Ww]ali ')}\s+{_NAME}")
        _PATTERNS[key] = (after_cue, before_verb, opening, after_comma, place)
    return _PATTERNS[key]


#: name parts that depend on the lexicon only, not on the article, shared by all articles:
#: {id(cues): {segment: name}}, emptied when it grows past SHARED_NAME_PARTS entries
_SHARED_NAME_PARTS: dict[int, dict[str, str]] = {}
SHARED_NAME_PARTS = 50_000


_ROLE_WORDS: dict[int, tuple[Cues, frozenset[str]]] = {}


def _role_words(cues: Cues) -> frozenset[str]:
    """The words that are a role, rank, title or place word rather than a name word. Kept by the
    lexicon's id: hashing the lexicon (for lru_cache) hashes all its fields, at every article."""
    kept = _ROLE_WORDS.get(id(cues))
    if kept is None or kept[0] is not cues:
        kept = _ROLE_WORDS[id(cues)] = (cues, cues.roles | cues.ranks | cues.titles | cues.place_words)
    return kept[1]


def _index_by_word(entries: list[tuple[int, str]]) -> dict[str, list[tuple[int, str]]]:
    """word -> the (position, name) entries whose name has the word, in the order of `entries`."""
    index: dict[str, list[tuple[int, str]]] = {}
    for entry in entries:
        for w in _name_words(entry[1])[1]:
            index.setdefault(w, []).append(entry)
    return index


class SpeakerResolver:
    """Per document: parses speaker phrases and resolves them; tracks the current speaker."""

    def __init__(self, doc: Doc, cues: Cues):
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = cues
        self.current: Speaker | None = None
        self.current_pos = -1
        self.last_speaker: Speaker | None = None  # the last one named by a reporting act
        self.role_holder: dict[str, Speaker] = {}
        # name_part, clean_name, entity_for and _known_place are functions of their argument and of
        # this article (its word counts and entities, fixed once scanned), asked again and again for
        # the same capitalised runs: each answer is kept for the article
        self._name_parts: dict[str, str] = {}
        self._clean_names: dict[str, str] = {}
        self._entity_ids: dict[str, str | None] = {}
        self._known_places: dict[str, bool] = {}
        # a name part read without asking how this article uses a word (_placey) holds for every
        # article: those are shared (most names are read before, in other articles)
        self._shared_name_parts = _SHARED_NAME_PARTS.setdefault(id(cues), {})
        if len(self._shared_name_parts) > SHARED_NAME_PARTS:
            self._shared_name_parts.clear()
        self._placey_asked = 0
        self._role_words = _role_words(cues)
        self._scan_words()
        self._person_spans = self._persons_from_model(doc)
        # the capitalised runs that may hold a name, and the names read from them, for _full_name:
        # read when first asked about a word, as most runs hold no speaker's name
        self._cap_runs: list[tuple[int, str]] | None = None
        self._runs_by_word: dict[str, list[tuple[int, str]]] = {}
        self._persons_by_word: tuple[list, dict] | None = None  # (the _person_spans indexed, index)

    # -- the article's people ------------------------------------------------------------------
    def _persons_from_model(self, doc: Doc) -> list[tuple[int, int, str, str | None]]:
        """(start, end, canonical name, entity id) of PERSON mentions from warta_entities or NER."""
        out = []
        for ent in doc._.entities or []:
            if getattr(ent, "type", None) != "PERSON":
                continue
            name = self._name_part(ent.name) or ent.name
            starts = {id(m): self._prefix_before(m.start) for m in ent.mentions}
            # the model may stop short of a name prefix ("I Gusti Putu | Ngurah Sedana")
            longest = min(ent.mentions, key=lambda m: starts[id(m)] - m.start, default=None)
            if longest is not None and starts[id(longest)] < longest.start:
                name = f"{self.text[starts[id(longest)]:longest.start].strip()} {name}"
            if longest is not None and self._after_org_head(starts[id(longest)]) and len(name.split()) >= 3:
                name = name.split(" ", 1)[1]  # "Fraksi | Nasdem Willy Aditya": the first word names the group
            name = self.clean_name(name)
            for m in ent.mentions:
                out.append((starts[id(m)], m.end, name, ent.id))
        if doc.has_annotation("ENT_IOB"):
            for e in doc.ents:
                if e.label_ not in ("PERSON", "PER"):
                    continue
                e_start, e_end = e.start_char, e.end_char
                if any(s < e_end and e_start < t for s, t, _, _ in out):
                    continue  # warta_entities already has this mention
                name = self.clean_name(self._name_part(self._strip_titles(e.text)))
                if name:
                    out.append((e_start, e_end, name, None))
        return out

    def _after_org_head(self, start: int) -> bool:
        """The word right before `start` opens an organisation's name ("Fraksi", "Yayasan")."""
        before = _word_before_spaces(self.text, max(0, start - 30), start)
        return before is not None and before.lower() in self.cues.org_heads

    def _prefix_before(self, start: int) -> int:
        """Where a name starts when name-prefix words stand right before the mention at `start`
        ("… Borobudur I Gusti Putu" before "Ngurah Sedana"); `start` when none do."""
        if not _capital_before_spaces(self.text, max(0, start - 40), start):
            return start  # (most mentions follow a word in lower case or a mark)
        before = _CAPS_BEFORE.search(self.text[max(0, start - 40):start])
        if not before:
            return start
        ws = words(before.group(), start - len(before.group()))
        prefixes = self.cues.name_prefixes
        k = len(ws)
        while k > 0:
            if k >= 2 and f"{ws[k - 2][0]} {ws[k - 1][0]}".lower() in prefixes:
                k -= 2
            elif ws[k - 1][0].lower() in prefixes:
                k -= 1
            else:
                break
        if k == 0 and ws and ws[0][0].lower() in self.cues.connectives:
            k = 1  # "Lalu Budi mengatakan …" opening a sentence: "then Budi said"
        return ws[k][1] if k < len(ws) else start

    def _runs(self, word: str | None = None) -> list[tuple[int, str]]:
        """(position, cleaned name) of each capitalised run of the text that holds a name of two
        words or more, in text order; with `word`, of those whose name has the word."""
        if self._cap_runs is None:
            # a single word holds one name word at most
            self._cap_runs = [(m.start(), m.group()) for m in _CAP_RUN.finditer(self.text)]
        found = self._runs_by_word.get(word)
        if found is None:
            found = []
            for pos, run in self._cap_runs:
                if word is not None and word not in run:
                    continue  # the name's words are words of the run
                name = self.clean_name(self._name_part(run))
                if name and len(name.split()) >= 2 and (word is None or word in _name_words(name)[1]):
                    found.append((pos, name))
            self._runs_by_word[word] = found
        return found

    @property
    def person_spans(self) -> list[tuple[int, int, str, str | None]]:
        return self._person_spans

    def entity_for(self, name: str) -> str | None:
        if name not in self._entity_ids:
            ent = find_entity(self.doc, name)
            self._entity_ids[name] = ent.id if ent is not None else None
        return self._entity_ids[name]

    def _known_place(self, word: str) -> bool:
        """_known_place(word), kept for the article."""
        known = self._known_places.get(word)
        if known is None:
            known = self._known_places[word] = _known_place(word)
        return known

    # -- cleaning ----------------------------------------------------------------------------------
    def _strip_titles(self, text: str) -> str:
        ws = [w.rstrip(".") for w, _, _ in words(text) if w not in ",.;:"]
        while ws and (ws[0].lower() in self.cues.titles or ws[0].lower() in self.cues.ranks):
            ws = ws[1:]
        while ws and ws[-1].lower() in self.cues.titles:
            ws = ws[:-1]
        return " ".join(ws)

    def _is_role_word(self, w: str) -> bool:
        return w.lower().rstrip(".") in self._role_words

    def name_part(self, segment: str) -> str:
        return self._name_part(segment)

    def _name_part(self, segment: str) -> str:
        """The person name at the end of a capitalised segment, without role, rank and title."""
        name = self._name_parts.get(segment)
        if name is None:
            name = self._shared_name_parts.get(segment)
            if name is None:
                asked = self._placey_asked
                name = self._read_name_part(segment)
                if self._placey_asked == asked:  # the article's own words played no part
                    self._shared_name_parts[segment] = name
            self._name_parts[segment] = name
        return name

    def _read_name_part(self, segment: str) -> str:
        """_name_part, uncached."""
        segment = _AGE_PAREN.sub("", segment)
        ws = [w for w, _, _ in words(segment) if w not in ",.;:"]
        name: list[str] = []
        for w in reversed(ws):
            if not name and (w in "()" or (w.isdigit() and len(w) <= 3)):
                continue  # an age after the name: "Lina Marlina (45)"
            if w in "()":
                break
            bare = w.rstrip(".")
            lb = bare.lower()
            if not name and lb in self.cues.titles and len(ws) > 1:
                continue  # a title after the name: "Risma Pak"
            if is_nya_word(lb):
                break  # "Awalnya Purbaya", "Karenanya"
            if (lb in self.cues.connectives and not self._prefix_inside_run(ws, w, name)) \
                    or lb in self.cues.nominal or lb in self.cues.first_person \
                    or (self.cues.is_cue_word(lb) and not self._capitalised_inside_name(ws, w, name)):
                break
            if lb in self.cues.org_heads and len(name) >= 3:
                name = name[1:]  # "Fraksi Nasdem Willy Aditya": the word after the organisation word names it
                break
            if not _is_cap(bare) or (self._is_role_word(bare) and not self._name_final(ws, w, name)):
                break
            if _is_acronym(bare) and len(bare) > 1 and not name:
                if self._initials_closing_name(ws, w):
                    name.insert(0, bare)
                    continue
                break
            if _is_acronym(bare) and len(bare) == 2 and name:
                # initials inside a name ("Bambang PS Brodjonegoro") when a name word precedes them
                k = ws.index(w) - 1 if w in ws else -1
                prev = ws[k].rstrip(".") if k >= 0 else ""
                if not (prev and _is_cap(prev) and not self._is_role_word(prev) and not _is_acronym(prev)):
                    break
            elif _is_acronym(bare) and len(bare) > 1 and name:
                break
            name.insert(0, bare)
        return " ".join(name)

    def _initials_closing_name(self, ws: list[str], w: str) -> bool:
        """Two capitals closing a name ("Mahfud MD", "Nanang Sigit PH"): the phrase ends with them,
        the word before is a name word, and they are no place or title ("Presiden AS")."""
        if len(w) != 2 or ws[-1] != w or len(ws) < 2 or self._known_place(w) or \
                w.lower() in self.cues.titles or w.lower() in self.cues.place_words:
            return False
        prev = ws[-2].rstrip(".")
        return _is_cap(prev) and not _is_acronym(prev) and not self._is_role_word(prev) and not self._placey(prev)

    def _capitalised_inside_name(self, ws: list[str], w: str, name: list[str]) -> bool:
        """A cue word written with a capital between name words is a name word ("Gita Tegas Wibowo"),
        not the cue ("…," tegas Wibowo)."""
        if not name or not _is_cap(w):
            return False
        k = ws.index(w)
        return k >= 1 and _is_cap(ws[k - 1]) and not self._is_role_word(ws[k - 1]) and \
            not self.cues.is_cue_word(ws[k - 1].lower())

    def _prefix_inside_run(self, ws: list[str], w: str, name: list[str]) -> bool:
        """A name prefix that is also a connective ("Lalu"), read as a name word when a name follows
        it and a capitalised word precedes it in the run ("Ketua Asosiasi Hotel Lalu Wirajaya"), or when
        it is the whole phrase after a cue; opening the phrase, "Lalu Wirajaya …" stays "then Wirajaya"."""
        if w.lower() not in self.cues.name_prefixes or not _is_cap(w):
            return False
        if len(ws) == 1:
            return True  # the phrase after a cue is the word alone: "tutur Lalu."
        if not name:
            return False
        k = ws.index(w)
        return k >= 1 and _is_cap(ws[k - 1]) and ws[k - 1].lower() not in self.cues.connectives

    def _name_final(self, ws: list[str], w: str, name: list[str]) -> bool:
        """A place or office word closing a name ("Alfatih Timur"): the phrase ends with it and the
        word before it is a name word, not a place, office or organisation word ("Jakarta Timur")."""
        if name or w.lower() not in self.cues.name_final:
            return False
        k = len(ws) - 1
        while k >= 0 and ws[k] != w:
            k -= 1
        prev = ws[k - 1].rstrip(".") if k >= 1 else ""
        if not prev or not _is_cap(prev) or _is_acronym(prev) or self._is_role_word(prev) or self._placey(prev) \
                or prev.lower() in self.cues.org_heads or self.cues.is_cue_word(prev.lower()):
            return False
        return not self._known_place(f"{prev} {w}")

    # -- phrases -----------------------------------------------------------------------------------
    def parse(self, start: int, end: int) -> Speaker | None:
        """A speaker from the phrase text[start:end]."""
        raw = self.text[start:end]
        ws = words(raw, start)
        ws = [x for x in ws if x[0] not in "()"]
        if not ws:
            return None
        first = ws[0][0].lower()
        if len(ws) <= 2 and (first in self.cues.pronouns or first == "nya"):
            return Speaker(name=ws[0][0], mention=raw, start=start, end=end, kind="pronoun")
        # a list of speakers: "A, B, dan C"
        segments = self._segments(ws)
        if self._is_list(raw, segments):
            members = [self.parse(s, e) for s, e in self._list_items(ws)]
            members = [m for m in members if m]
            if len(members) > 1:
                return Speaker(name=", ".join(m.name for m in members), mention=raw, start=start, end=end,
                               kind="group", members=members)
        best: Speaker | None = None
        best_read_by_model = False  # best's name is that of a PERSON mention of the model in its segment
        role_text = None
        for seg in segments:
            seg_text = self.text[seg[0][1]:seg[-1][2]]
            name = self._name_part(seg_text)
            person_span = self._model_person(seg[0][1], seg[-1][2])
            if person_span:
                name = person_span
            elif name:
                name = self.clean_name(name)
            if not person_span and len(name.split()) == 1 and not self._short_form(name) and self._org_run(seg_text):
                org_name = self._org_run(seg_text)
                org = Speaker(name=org_name, mention=seg_text, start=seg[0][1], end=seg[-1][2], kind="org")
                if best is None:
                    best = org
                continue
            if not person_span and self._is_org_phrase(seg_text):
                org = Speaker(name=self._clean_role(self._strip_titles(seg_text)), mention=seg_text,
                              start=seg[0][1], end=seg[-1][2], kind="org")
                if best is None:
                    best = org
                continue
            if name:
                ns = seg_text.rfind(name.split()[0])
                role = self._strip_titles(seg_text[:ns]).strip(" ,") or None
                cand = Speaker(name=name, mention=seg_text, start=seg[0][1], end=seg[-1][2], kind="person",
                               role=role)
                if _is_acronym(name) or all(w.lower() in self.cues.place_words for w in name.split()):
                    cand.kind = "org"
                # a name the model reads as a person outranks one read from the phrase's shape
                # ("Komandan … Wisma Atlet Kemayoran, Jakarta Pusat, Letnan Kolonel … M Arifin")
                if best is None or (best.kind != "person" and cand.kind == "person") or \
                        (cand.kind == "person" and best.role is not None and cand.role is None) or \
                        (cand.kind == "person" and person_span and not best_read_by_model):
                    best = cand
                    best_read_by_model = cand.kind == "person" and any(
                        a < seg[-1][2] and seg[0][1] < b and person == name for a, b, person, _ in self._person_spans)
            elif role_text is None:
                role_text = self._strip_titles(seg_text)
                org = self._cap_run(role_text)
                if org and org != role_text and not org.split()[0].lower() in self.cues.roles:
                    role_text = org
        if best is not None:
            if best.role is None and role_text:
                best.role = role_text
            return best
        if role_text:
            first = role_text.split()[0].lower()
            kind = "role" if first in self.cues.roles else "org"
            return Speaker(name=self._clean_role(role_text), mention=raw, start=start, end=end, kind=kind,
                           role=role_text)
        return None

    def _org_run(self, text: str) -> str | None:
        """The capitalised run closing the phrase when it opens with an acronym or organisation word
        and ends in a lone name-like word: "akun TMC Polda Metro Jaya" -> "TMC Polda Metro Jaya"."""
        run = self._cap_run(text).split()
        if len(run) < 2:
            return None
        for i, w in enumerate(run[:-1]):
            if _is_acronym(w) or w.lower() in self.cues.org_heads:
                return " ".join(run[i:])
        return None

    def _is_org_phrase(self, text: str) -> bool:
        """"Badan Meteorologi Nasional", "TMC Polda Metro Jaya", "pihak kepolisian": an organisation."""
        ws = [w for w, _, _ in words(text)]
        while ws and ws[0].lower() in ("pihak", "para"):
            ws = ws[1:]
        if not ws:
            return False
        return ws[0].lower() in self.cues.org_heads or (_is_acronym(ws[0]) and len(ws) > 1)

    def _cap_run(self, text: str) -> str:
        """The last run of capitalised words (an organisation or place: "AFP", "TMC Polda Metro Jaya")."""
        ws = [w for w, _, _ in words(text)]
        run: list[str] = []
        best: list[str] = []
        for w in ws:
            if _is_cap(w) and w.lower() not in ("pihak", "para", "sang", "seorang"):
                run.append(w)
            else:
                if run:
                    best = run
                run = []
        return " ".join(run or best)

    def _clean_role(self, role: str) -> str:
        ws = role.split()
        # "Pihak kepolisian" -> "kepolisian"; "juru bicara itu" -> "juru bicara"
        if ws and ws[0].lower() in ("pihak", "para", "sang", "seorang", "sejumlah"):
            ws = ws[1:]
        while ws and ws[-1].lower() in ("itu", "ini", "tersebut"):
            ws = ws[:-1]
        return " ".join(ws) or role

    def _model_person(self, start: int, end: int) -> str | None:
        """The PERSON mention closing the phrase (a name closes a role phrase); None when the
        model's PERSON mentions inside it stop short of its end and a name closes it instead."""
        inside = sorted((e, s, name) for s, e, name, _ in self._person_spans if s >= start and e <= end and len(name) > 1)
        if not inside:
            return None
        e, s, name = inside[-1]
        tail = self.text[e:end].strip(" ,.)")
        if tail and len(self._name_part(self.text[start:end]).split()) >= 2:
            return None
        return name

    def _scan_words(self) -> None:
        """The short forms and place words of the text."""
        after_cue, before_verb, opening, after_comma, place = _patterns(self.cues)
        text = self.text
        # after_cue, place and _ADMIN_PLACE open with a word of the lexicon: tried where one stands
        starts = self.cues.word_starts(text)
        # where a word is used, and how often a word opens a capitalised run: read when first asked
        # (_alone_elsewhere), as many articles never ask
        self._word_ends: dict[str, list[int]] = {}
        self._before_cap: dict[str, int] | None = None
        # the short forms a cue names ("kata Ardiles"): only a person is named so
        self._cued_forms = {m.group(1) for m in finditer_at(after_cue, text, starts)}
        self._short_forms = self._cued_forms | {m.group(1) for p in (before_verb, opening, after_comma)
                                                for m in p.finditer(text)}
        self._places = {m.group(1) for m in finditer_at(place, text, starts)}
        self._admin_places = {m.group(1) for m in finditer_at(_ADMIN_PLACE, text, starts)}
        self._in_capitals: dict[str, bool] = {}  # _in_capitals(text, word), asked by _placey

    def _placey(self, token: str) -> bool:
        """A word the article also uses as a place ("di Sulut") or writes in capitals ("MANADO")."""
        self._placey_asked += 1
        if token in self._places:
            return True
        if len(token) > 2:
            caps = token.upper()
            if caps not in self._in_capitals:
                self._in_capitals[caps] = _in_capitals(self.text, caps)
            if self._in_capitals[caps]:
                return True
        return self._known_place(token)

    def clean_name(self, name: str) -> str:
        """Trim a capitalised run to the person's name, using how the article refers to the person.

        A word the article also uses alone as a short form ("kata Ardiles") starts the name; a
        leading word the article also uses without the rest of the name ("KPU Sulut", "di
        Cilacap") is a place or organisation and is dropped.
        """
        cleaned = self._clean_names.get(name)
        if cleaned is None:
            cleaned = self._clean_names[name] = self._clean_name_uncached(name)
        return cleaned

    def _clean_name_uncached(self, name: str) -> str:
        """clean_name, uncached."""
        ws = name.split()
        if len(ws) < 2:
            return name
        # a word the article uses as a place ("di Cilacap") inside the run ends the role part:
        # "Penyu Nagaraja Cilacap Jumawan" -> "Jumawan"
        for i in range(len(ws) - 2, -1, -1):
            if _is_acronym(ws[-1]):
                break
            if ws[i].lower() in self.cues.place_words or ws[i] in self._admin_places or (ws[i] in self._places and self._known_place(ws[i])):
                ws = ws[i + 1:]
                break
        if len(ws) < 2:
            return " ".join(ws)
        # a name prefix opens the name: the words before it are the role's, the words after it stay
        # even when the article later uses a shorter form ("Raden Arya Wibisana" … "kata Arya")
        p = self._prefix_start(ws)
        if p is not None:
            return " ".join(ws[p:p + MAX_PREFIXED_NAME_WORDS])
        return " ".join(self._trim_by_usage(ws))

    def _prefix_start(self, ws: list[str]) -> int | None:
        """Index of the first name prefix in the run that has a name word after it."""
        prefixes = self.cues.name_prefixes
        for i in range(len(ws) - 1):
            if ws[i].lower() in self.cues.name_openers and not any(self._short_form(t) for t in ws[:i]):
                return i  # "Dwi Oktavia …", but not "Bayu Dwi Anggono" when "Bayu" is used alone
            pair = f"{ws[i]} {ws[i + 1]}".lower()
            if pair in prefixes and i + 2 < len(ws) or ws[i].lower() in prefixes:
                return i
        return None

    def _trim_by_usage(self, ws: list[str]) -> list[str]:
        """The name words of the run, by how the article uses them alone (see clean_name)."""
        # a word used alone as a subject ("Muhammadiyah menyatakan") starts the name, unless the
        # article's cues name the last word alone and never this one: then it is an organisation's
        cued_last = ws[-1] in self._cued_forms and self._short_form(ws[-1])
        for i, t in enumerate(ws[:-1]):
            if self._short_form(t) and not (cued_last and t not in self._cued_forms):
                return ws[i:]
        if self._short_form(ws[-1]):
            # a surname used alone: keep only the words seen nowhere else ("Antony Blinken")
            keep = [ws[-1]]
            for t in reversed(ws[:-1]):
                if t.lower() in self.cues.place_words or self._placey(t) or self._alone_elsewhere(t, keep[0]) \
                        or len(keep) >= 3:
                    break
                keep.insert(0, t)
            return keep
        while len(ws) > 1 and (ws[0].lower() in self.cues.place_words or self._placey(ws[0])
                               or self._alone_elsewhere(ws[0], ws[1])):
            ws = ws[1:]
        return ws[-MAX_NAME_WORDS:]

    def _alone_elsewhere(self, t: str, nxt: str) -> bool:
        """The word occurs in the text without the name word that follows it here."""
        if len(t) < 2:
            return False
        ends = self._letter_word_ends(t)
        if len(ends) <= sum(1 for end in ends if self._letter_word_after(end) == nxt):
            return False
        # "Ahmad" before other names only ("Ahmad Riza", "Ahmad Mahendra") is a given name, not a word
        # used alone
        return len(ends) > self._opens_runs(t)

    def _letter_word_ends(self, t: str) -> list[int]:
        """_letter_word_ends(text, t), kept for the article: the times the word is used, and where."""
        ends = self._word_ends.get(t)
        if ends is None:
            ends = self._word_ends[t] = _letter_word_ends(self.text, t)
        return ends

    def _letter_word_after(self, end: int) -> str | None:
        """The next word of _LETTER_WORD.findall(text) after the one that ends at `end`."""
        m = _LETTER_WORD.search(self.text, end)
        return m.group() if m else None

    def _opens_runs(self, t: str) -> int:
        """How often the word opens a run of capitalised words (a given name shared by two people)
        ("Menteri Ahmad Riza", "kata Ahmad Mahendra"; not "Mampang Prapatan Rabu", a place in a run)."""
        if self._before_cap is None:
            self._before_cap = {}
        count = self._before_cap.get(t)
        if count is None:
            count = self._before_cap[t] = _cap_word_opens(
                self.text, t, lambda before: not _is_cap(before) or self._is_role_word(before))
        return count

    def _short_form(self, t: str) -> bool:
        """The word is used alone for a person: "kata Ardiles", "Ardiles menambahkan", "Bagi Toto, …"."""
        if len(t) < 3 or not _is_cap(t) or t.lower() in self.cues.place_words or _is_acronym(t):
            return False
        return t in self._short_forms

    @staticmethod
    def _segments(ws):
        segs, cur = [], []
        for x in ws:
            if x[0] == ",":
                if cur:
                    segs.append(cur)
                cur = []
            else:
                cur.append(x)
        if cur:
            segs.append(cur)
        return segs

    def _is_list(self, raw: str, segments) -> bool:
        return bool(_LIST_JOINER.search(raw)) and not any(
            w[0].lower() in self.cues.roles for seg in segments for w in seg[:1])

    def _list_items(self, ws):
        items, cur = [], []
        for x in ws:
            if x[0] == "," or x[0].lower() in ("dan", "serta"):
                if cur:
                    items.append((cur[0][1], cur[-1][2]))
                cur = []
            else:
                cur.append(x)
        if cur:
            items.append((cur[0][1], cur[-1][2]))
        return items

    # -- resolution --------------------------------------------------------------------------------
    def _linked_acronyms(self, sp: Speaker) -> set[str]:
        """The acronyms warta_entities linked to the speaker's entity: "Iswan Ibrahim (ISW)" → {"ISW"}."""
        eid = sp.entity or self.entity_for(sp.name)
        ent = next((e for e in self.doc._.entities or [] if e.id == eid), None) if eid else None
        return {m.text for m in ent.mentions if _is_acronym(m.text)} if ent else set()

    def resolve(self, sp: Speaker | None, pos: int, update: bool = True, content: str = "",
                from_subject: bool = False) -> Speaker | None:
        """The speaker resolved; `content` (the quoted words) vetoes a pronoun referent the words
        speak about in the third person ("saudara AS memberikan …" is not said by Arso Sadewo)."""
        if sp is None:
            return self.current if self.current else None
        if sp.kind == "pronoun":
            if self.current is None:
                return None
            cur = self.current
            if cur is not self.last_speaker and self.last_speaker is not None \
                    and _spoken_about(cur.name, content, self._linked_acronyms(cur)):
                cur = self.last_speaker
                if update:  # who has just spoken is the next pronoun's referent too ("…," katanya. Dia …)
                    self.current, self.current_pos = cur, pos
            return Speaker(name=cur.name, mention=sp.mention, start=sp.start, end=sp.end, kind=cur.kind,
                           role=cur.role, members=cur.members, entity=cur.entity)
        if sp.kind == "group":
            sp.members = [self.resolve(m, pos, update=False) or m for m in sp.members]
        elif sp.kind == "person":
            sp.name = self._full_name(sp.name, pos)
            if sp.role:
                self.role_holder[self._role_key(sp.role)] = sp
            sp.name = self._name_as_written(sp)
        elif sp.kind == "org" and _is_acronym(sp.name) and " " not in sp.name:
            sp.name = self._full_org(sp.name)
        elif sp.kind == "role":
            holder = self.role_holder.get(self._role_key(sp.role or sp.name)) or self._entity_with_role(sp, pos)
            if holder is not None:
                if ROLE_AS_NAME:
                    # the role as written stays the name ("Presiden"); the entity links the holder
                    sp.entity = holder.entity or self.entity_for(holder.name)
                    sp.holder = holder.name
                else:
                    sp = Speaker(name=holder.name, mention=sp.mention, start=sp.start, end=sp.end, kind="person",
                                 role=sp.role, entity=holder.entity)
        sp.entity = sp.entity or self.entity_for(sp.name)
        if update and sp.kind in ("person", "role"):
            self.current = sp
            self.current_pos = pos
            if not from_subject:
                self.last_speaker = sp
        return sp

    def _name_as_written(self, sp: Speaker) -> str:
        """A one-word name the article never gives in full keeps the short role written right before
        it ("Presiden Joko", "Wali Kota Lestiani"), as the guideline's "as written" rule for roles."""
        role = (sp.role or "").strip()
        if " " in sp.name or not role or len(role.split()) > 2 or role.split()[0].lower() not in self.cues.roles:
            return sp.name
        written = f"{role} {sp.name}"
        if " ".join(sp.mention.split()).endswith(written) or " ".join(sp.mention.split()) == written:
            sp.entity = sp.entity or self.entity_for(sp.name)
            return written
        return sp.name

    def note_subject(self, sp: Speaker | None, pos: int) -> None:
        """A person named as a sentence subject becomes the current referent for pronouns."""
        if sp is None or sp.kind != "person":
            return
        # a speaker who spoke just before keeps the floor: "…," katanya still points to them
        if sp.guessed and self.current is not None and pos - self.current_pos < SPEAKER_FLOOR_CHARS:
            return
        self.resolve(sp, pos, from_subject=not sp.introduced)

    def _entity_with_role(self, sp: Speaker, pos: int) -> Speaker | None:
        """The person the article gives this role ("Mensos" -> the entity with role "Mensos")."""
        role = " ".join((sp.role or sp.name).lower().split())
        role = _DEMONSTRATIVE.sub("", role).strip()
        if not role:
            return None
        best = None
        for ent in self.doc._.entities or []:
            if getattr(ent, "type", None) != "PERSON":
                continue
            if any(r.lower() == role or r.lower().startswith(role + " ") for r in ent.roles):
                first = min((m.start for m in ent.mentions), default=0)
                if first < pos and (best is None or first > best[0]):
                    best = (first, ent)
        if best is None:
            return None
        ent = best[1]
        return Speaker(name=self.clean_name(self._name_part(ent.name) or ent.name), mention=sp.mention,
                       start=sp.start, end=sp.end, kind="person", role=sp.role, entity=ent.id)

    def _full_org(self, acronym: str) -> str:
        """An acronym to the organisation named with it earlier ("TMC" -> "TMC Polda Metro Jaya")."""
        for m in re.finditer(rf"\b{re.escape(acronym)}(?:\s+[A-Z][\w\-]*)+", self.text):
            if any(s < m.end() and m.start() < e for s, e, _, _ in self._person_spans):
                continue
            run = m.group().split()
            if all(w.lower() in self.cues.org_heads or w.lower() in self.cues.place_words or _is_acronym(w)
                   or i == len(run) - 1 for i, w in enumerate(run)):
                return m.group()
        return acronym

    @staticmethod
    def _role_key(role: str) -> str:
        return role.split()[0].lower() if role else ""

    def _full_name(self, name: str, pos: int) -> str:
        """The fullest name of the same person: the article's entities first, then capitalised runs."""
        ws = name.split()
        wanted = set(ws)
        if self._persons_by_word is None or self._persons_by_word[0] is not self._person_spans:
            persons = [(p, full) for p, _, full, _ in self._person_spans]
            self._persons_by_word = (self._person_spans, _index_by_word(persons))
        for from_runs in (False, True):
            if from_runs:
                tier = self._runs(ws[0] if ws else None)  # only the names with the first word can have them all
            elif ws:
                tier = self._persons_by_word[1].get(ws[0], ())
            else:
                tier = [(p, full) for p, _, full, _ in self._person_spans]
            cands = []
            for p, full in tier:
                fws, fset = _name_words(full)
                if len(fws) >= len(ws) and wanted <= fset:
                    if from_runs:
                        full = self.clean_name(self._trim_run(fws, ws))
                    cands.append((p > pos, p, full))
            cands = [c for c in cands if len(c[2].split()) > len(ws)]
            if cands:
                cands.sort(key=lambda c: (c[0], c[1]))
                return self._extended_by_run(cands[0][2]) if not from_runs else cands[0][2]
        return name

    def _extended_by_run(self, name: str) -> str:
        """The model's name completed by a capitalised run that starts with it and goes on: NER
        stopping short of a long name ("Dwi Oktavia Tatri" in "… Dwi Oktavia Tatri Lestari Handayani")."""
        ws = tuple(name.split())
        longer = [full for _, full in self._runs(ws[0] if ws else None)
                  if _name_words(full)[0][:len(ws)] == ws and len(_name_words(full)[0]) > len(ws)]
        return max(longer, key=lambda f: len(f.split()), default=name)

    def _trim_run(self, fws: tuple[str, ...], ws: list[str]) -> str:
        """From "Bekasi Rahmat Effendi" and mention "Rahmat": the name starts at the mention, or at
        a name prefix before it ("I Gusti Ngurah Wirawan" for "Ngurah")."""
        i = fws.index(ws[0])
        p = self._prefix_start(fws[:i + 1])
        if p is not None:
            return " ".join(fws[p:])
        if i < len(fws) - 1 or len(ws) > 1:
            return " ".join(fws[i:])
        return " ".join(fws[max(0, i - 2):])


def phrase_after(text: str, pos: int, limit: int, cues: Cues) -> tuple[int, int] | None:
    """The speaker phrase after a cue: up to punctuation, a stop word, or a comma not before a name."""
    end = pos
    ws = words(text[pos:limit], pos)
    n = 0
    i = -1
    while i + 1 < len(ws):
        i += 1
        w, s, e = ws[i]
        lw = w.lower()
        if w == "(" and n:
            # a short parenthesis before the name: "Lembaga Ilmu Pengetahuan Indonesia (LIPI) Dewi …"
            close = next((j for j in range(i + 1, min(i + 6, len(ws))) if ws[j][0] == ")"), None)
            # the name may follow after a comma: "peneliti Lembaga … (LIPI), Dewi …"
            nxt = close + 2 if close is not None and close + 2 < len(ws) and ws[close + 1][0] == "," \
                else (close + 1 if close is not None else None)
            if nxt is not None and nxt < len(ws) and _is_cap(ws[nxt][0]) \
                    and ws[nxt][0].lower() not in cues.days and not ws[nxt][0][:1].isdigit():
                i = close
                continue
            break
        if w in (".", "(", ";", "?", "!", ":", "\"", "“", "”", "—", "–"):
            break
        if w == ",":
            nxt = ws[i + 1][0] if i + 1 < len(ws) else ""
            if not nxt or not (_is_cap(nxt) or nxt.lower() in cues.roles) or nxt.lower() in cues.days:
                break
            continue
        if n and not _is_cap(w) and (lw in cues.phrase_end or lw in cues.verbs or lw in cues.connectives) \
                and not (lw in cues.affiliation and _affiliation_then_name(ws, i, cues)):
            break
        if n >= 24:
            break
        end = e
        n += 1
    s = pos
    while s < end and text[s].isspace():
        s += 1
    return (s, end) if end > s else None


def _affiliation_then_name(ws, i: int, cues: Cues) -> bool:
    """After ws[i] ("dari"): a capitalised organisation, a comma and a capitalised name that is no
    day ("anggota Tim Peneliti dari UGM, Dian …"): the role phrase goes on to the name."""
    j = i + 1
    while j < len(ws) and j - i <= 6 and _is_cap(ws[j][0]):
        j += 1
    return j > i + 1 and j + 1 < len(ws) and ws[j][0] == "," and _is_cap(ws[j + 1][0]) \
        and ws[j + 1][0].lower() not in cues.days and not ws[j + 1][0][:1].isdigit()
