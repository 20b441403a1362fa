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
  its own: the mark and the quote's first word belong together.

Only `is_sent_start` is set, before any parse exists, so the parser builds its trees inside these
boundaries (spaCy's parser keeps preset boundaries).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp.tokenizer import QUOTE_MARKS

#: punctuation that can end a sentence before a closing quotation mark
_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
#: every quotation mark the tokenizer splits off, and spaCy's doubled ASCII forms
_QUOTES = QUOTE_MARKS | {"''", "``"}


@Language.component("warta_sentence_hints")
def sentence_hints(doc: Doc) -> Doc:
    if doc.has_annotation("DEP"):
        return doc  # parsed already (a Doc run through the pipeline again): its boundaries stand
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.text in _QUOTES and not prev.whitespace_ and prev.text in _FINAL and _closes(doc, token):
            token.is_sent_start = False
            nxt = token.i + 1
            # `."  Ia …` starts a new sentence; `." kata dia` (a full stop where a comma belongs)
            # is left to the parser, so the cue stays with its quote
            if nxt < len(doc) and doc[nxt].text[:1].isupper() and doc[nxt].is_sent_start is None:
                doc[nxt].is_sent_start = True
        elif prev.is_space and "\n" in prev.text and not token.is_space:
            # the line break stays with the sentence it ends: left unset, the parser made it a
            # sentence of its own and then split the next token off too
            prev.is_sent_start = False
            token.is_sent_start = True
        if prev.text in _QUOTES and not prev.whitespace_ and token.text[:1].isalnum() and _opens(doc, prev):
            token.is_sent_start = False  # '"Pemeriksaan …': an opening mark never ends a sentence
    return doc


def _opens(doc: Doc, quote) -> bool:
    """The mark opens a quote: it starts the text or follows a space or a line break."""
    return quote.i == 0 or bool(doc[quote.i - 1].whitespace_) or doc[quote.i - 1].is_space


def _closes(doc: Doc, quote) -> bool:
    """The mark ends its token run: it is followed by a space, a line end, the text's end, or more
    punctuation (`."),`) — not by a word it would open (`."Saya` is rare but opens)."""
    if not quote.whitespace_ and quote.i + 1 < len(doc):
        return doc[quote.i + 1].is_punct or doc[quote.i + 1].is_space
    return True


def add_sentence_hints(nlp: Language) -> Language:
    """Put warta_sentence_hints before the parser (a no-op when it is there or there is no parser)."""
    if "warta_sentence_hints" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("warta_sentence_hints", before="parser")
    return nlp
