"""Sentence-boundary hints set before the parser, which respects them.

The trained parser decides sentence boundaries from the parse, and it learned them from treebank
sentences joined by spaces. Three facts of news orthography it gets wrong are certain enough to be
rules:

* a quotation mark glued to sentence-final punctuation (`… merokok."`) closes the quote and ends
  the sentence with it: the parser often split before it and began the next sentence with a stray
  closing quote, which also cut the quote off from its speaker;
* a line break ends a sentence: clean article text has one paragraph per line, and headlines,
  datelines and list items carry no final full stop to tell the parser so;
* the word glued after an opening quotation mark (`"Pemeriksaan …`) does not start a sentence of
  its own: the mark and the quote's first word belong together;
* punctuation that closes (`.`, `,`, `)`, …) never starts a sentence: typed with a space before it
  (`… di kota Bandung .`) the parser sometimes split before the full stop and began the next
  sentence with it.

Only `is_sent_start` is set, before any parse exists, so the parser builds its trees inside these
boundaries (spaCy's parser keeps preset boundaries).

The parser can still end a sentence before closing punctuation without a boundary transition: it
leaves two trees side by side, and spaCy starts a sentence at the left edge of each
(`Kepala Biro … Kemenkeu` | `, Deni Surjantoro mengatakan …`: 52 of 7,009 sentences of detik
news began with a comma), and it sometimes starts a sentence right after a word (`BENGKULU -
Banjir` | `merendam 200 rumah`; 183 of 300 detik articles' sentences began after a word or a comma,
nearly all mid-sentence). `warta_sentence_repair`, after the parser, joins such a fragment to the
tree that follows it. Gold sentences rarely end that way (UD GSD test: 4 of 557, CSUI test: 9 of
374, headlines): the repair raises sentence F1 on both (docs/model.md).
"""
from __future__ import annotations

from itertools import compress

import numpy

from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from warta.nlp.tokenizer import QUOTE_MARKS

#: punctuation that can end a sentence before a closing quotation mark
_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
#: every quotation mark the tokenizer splits off, and spaCy's doubled ASCII forms
_QUOTES = QUOTE_MARKS | {"''", "``"}
#: their ORTH ids (the same in every vocab: string hashes, or spaCy's symbols)
_QUOTE_IDS = frozenset(map(get_string_id, _QUOTES))
#: punctuation that only ever closes what comes before it, and its ORTH ids
#: (not the ellipsis, which can open a quote: `"…dan dia pergi," katanya`)
_CLOSING = frozenset({".", "!", "?", "?!", "!?", ",", ";", ":", ")", "]", "}"})
_CLOSING_IDS = frozenset(map(get_string_id, _CLOSING))
#: what a sentence can end with, and its ORTH ids: the parser's start after anything else is
#: mid-sentence (UD GSD test: 4 of 557 gold sentences end otherwise, CSUI test 9 of 374 headlines)
_MAY_END = _FINAL | _QUOTES | {")", "]", ":"}
_MAY_END_IDS = frozenset(map(get_string_id, _MAY_END))
#: Doc.to_array gives a sent_start of -1 (not a start) as an unsigned 2**64 - 1
_UNSIGNED_NEGATIVE = 1 << 63
#: Token.is_sent_start -> the SENT_START value Doc.from_array writes (what the setter stores)
_SENT_START_VALUES = {True: 1, False: (1 << 64) - 1, None: 0}


@Language.component("warta_sentence_hints")
def sentence_hints(doc: Doc) -> Doc:
    """The rules above, token by token from left to right (a rule reads what the ones before it
    set). They can only fire at a quotation mark or closing punctuation, or right after a mark or
    a line break: the token columns are read in one array, those positions found in it, and only
    the tokens whose boundary changes are touched."""
    n = len(doc)
    if n < 2:
        return doc
    columns = doc.to_array([ORTH, SPACY, IS_SPACE, IS_PUNCT, SENT_START, DEP])
    if columns[:, 5].any():  # doc.has_annotation("DEP")
        return doc  # parsed already (a Doc run through the pipeline again): its boundaries stand
    orths, spaced, is_space, is_punct, sent_starts = columns[:, :5].T.tolist()
    strings = doc.vocab.strings
    quotes = set(compress(range(n), map(_QUOTE_IDS.__contains__, orths)))
    line_breaks = _line_breaks(orths, is_space, strings)
    closing = set(compress(range(1, n), map(_CLOSING_IDS.__contains__, orths[1:])))
    positions = sorted({i for i in quotes if i} | {i + 1 for i in quotes | line_breaks if i + 1 < n} | closing)
    if not positions:
        return doc
    starts: dict[int, bool | None] = {}  # Token.is_sent_start as set here, by token

    def is_sent_start(i: int) -> bool | None:
        if i in starts:
            return starts[i]
        return None if sent_starts[i] == 0 else sent_starts[i] < _UNSIGNED_NEGATIVE

    for i in positions:
        prev = i - 1
        if i in quotes and not spaced[prev] and strings[orths[prev]] in _FINAL and _closes(i, n, spaced, is_space,
                                                                                          is_punct):
            starts[i] = False
            nxt = i + 1
            # `."  Ia …` starts a new sentence; `." kata dia` (a full stop where a comma belongs)
            # is left to the parser, so the cue stays with its quote
            if nxt < n and strings[orths[nxt]][:1].isupper() and is_sent_start(nxt) is None:
                starts[nxt] = True
        elif prev in line_breaks and not is_space[i]:
            # the line break stays with the sentence it ends: left unset, the parser made it a
            # sentence of its own and then split the next token off too
            starts[prev] = False
            starts[i] = True
        if prev in quotes and not spaced[prev] and strings[orths[i]][:1].isalnum() and _opens(prev, spaced,
                                                                                               is_space):
            starts[i] = False  # '"Pemeriksaan …': an opening mark never ends a sentence
        if i in closing and prev not in line_breaks and is_sent_start(i) is None:
            starts[i] = False  # 'Bandung .': the full stop ends the sentence before it
    if starts:
        # written in one call: the Token.is_sent_start setter checks the whole Doc for a parse
        # each time
        sent_start_column = columns[:, 4].copy()
        for i, value in starts.items():
            sent_start_column[i] = _SENT_START_VALUES[value]
        doc.from_array([SENT_START], sent_start_column)
    return doc


def _opens(quote: int, spaced: list[int], is_space: list[int]) -> bool:
    """The mark at `quote` opens a quote: it starts the text or follows a space or a line break
    (`spaced` and `is_space` are the SPACY and IS_SPACE columns)."""
    return quote == 0 or bool(spaced[quote - 1]) or bool(is_space[quote - 1])


def _closes(quote: int, n: int, spaced: list[int], is_space: list[int], is_punct: list[int]) -> bool:
    """The mark at `quote` ends its token run: it is followed by a space, a line end, the text's
    end, or more punctuation (`."),`) — not by a word it would open (`."Saya` is rare but opens)."""
    if not spaced[quote] and quote + 1 < n:
        return bool(is_punct[quote + 1]) or bool(is_space[quote + 1])
    return True


@Language.component("warta_sentence_repair")
def sentence_repair(doc: Doc) -> Doc:
    """Join a sentence the parser began with closing punctuation, or after a token no sentence
    ends with (a word, a comma), to the sentence before it: the earlier fragment is a fronted
    phrase (`Ke depan`, a subject, an adverbial clause, `Ketua Alumni Ponpes X,`) of the clause
    that follows, so its root becomes a `dep` of that clause's root. A sentence after a line break
    keeps its start."""
    n = len(doc)
    if n < 2 or not doc.has_annotation("DEP"):
        return doc
    orths, starts, is_space = doc.to_array([ORTH, SENT_START, IS_SPACE]).T.tolist()
    strings = doc.vocab.strings
    line_breaks = _line_breaks(orths, is_space, strings)  # a start after one stays, as the hints set it
    broken = [i for i in compress(range(1, n), [s == 1 for s in starts[1:]])
              if i - 1 not in line_breaks and (orths[i] in _CLOSING_IDS or orths[i - 1] not in _MAY_END_IDS)]
    if not broken:
        return doc
    # the parse as columns (relative heads come as two's complement in uint64), not Token objects
    columns = doc.to_array([HEAD, DEP])
    positions = numpy.arange(n, dtype="int64")
    heads = (columns[:, 0].astype("int64") + positions).tolist()
    dep_label = strings.add("dep")
    for i in broken:
        earlier, later = _root_of(heads, i - 1), _root_of(heads, i)
        heads[earlier] = later
        columns[earlier, 1] = dep_label
    columns[:, 0] = (numpy.array(heads, dtype="int64") - positions).astype("uint64")
    doc.from_array([HEAD, DEP], columns)
    return doc


def _line_breaks(orths: list[int], is_space: list[int], strings) -> set[int]:
    """Indices of the whitespace tokens that hold a line break (ORTH and IS_SPACE columns)."""
    return {i for i in compress(range(len(orths)), is_space) if "\n" in strings[orths[i]]}


def _root_of(heads: list[int], i: int) -> int:
    while heads[i] != i:
        i = heads[i]
    return i


def add_sentence_hints(nlp: Language) -> Language:
    """Put warta_sentence_hints before the parser and warta_sentence_repair after it (a no-op
    when they are there or there is no parser)."""
    if "parser" in nlp.pipe_names:
        if "warta_sentence_hints" not in nlp.pipe_names:
            nlp.add_pipe("warta_sentence_hints", before="parser")
        if "warta_sentence_repair" not in nlp.pipe_names:
            nlp.add_pipe("warta_sentence_repair", after="parser")
    return nlp
