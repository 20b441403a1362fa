"""The token attributes warta_events reads, as plain lists built once per Doc.

spaCy builds a new Token object at every `doc[i]` and a new Span at every `doc[a:b]`; the event rules look at
each token many times (a name test per token, the words around every mention and trigger), so they index
these lists instead: `toks.lower[i]` is `doc[i].lower_`, `toks.span_text(a, b)` is `doc[a:b].text`.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from spacy.attrs import IDX, IS_PUNCT, IS_QUOTE, LENGTH, LIKE_NUM, LOWER, POS, SENT_START
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc

from warta.nlp.extensions import doc_text


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    """Two or more letters, all of them upper case ("KPK", "PBB"; not "G20": one letter)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def has_digit(text: str) -> bool:
    """A digit anywhere in the word ("G20", "5G")."""
    return any(c.isdigit() for c in text)


def filter_spans(spans) -> list[tuple[int, int]]:
    """spacy.util.filter_spans on (start, end) pairs: the (first) longest of overlapping spans, in order;
    the matchers' hits need no Span objects for it."""
    result: list[tuple[int, int]] = []
    seen_tokens: set[int] = set()
    for start, end in sorted(spans, key=lambda span: (span[1] - span[0], -span[0]), reverse=True):
        if start not in seen_tokens and end - 1 not in seen_tokens:
            result.append((start, end))
            seen_tokens.update(range(start, end))
    result.sort(key=lambda span: span[0])
    return result


class DocTokens:
    """Per-token lists of one Doc (index i is token i); the per-word tests above are cached across Docs."""

    __slots__ = ("doc", "n", "doc_text", "text", "lower", "idx", "end", "is_punct", "is_quote", "like_num",
                 "is_verb", "sent_start", "is_cap")

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)
        self.doc_text = text = doc_text(doc)
        # one to_array call reads every column (lexeme flags included) without a Token object per token
        columns = doc.to_array([LOWER, IDX, LENGTH, IS_PUNCT, IS_QUOTE, LIKE_NUM, POS, SENT_START]).reshape(-1, 8)
        lower, self.idx, pos, sent_start = columns[:, [0, 1, 6, 7]].T.tolist()
        #: the character offset just after each token: doc[i].idx + len(doc[i])
        self.end: list[int] = (columns[:, 1] + columns[:, 2]).tolist()
        self.is_punct, self.is_quote, self.like_num = columns[:, 3:6].T.astype(bool).tolist()
        #: doc[i].text: a token's text is its slice of the Doc's text
        self.text: list[str] = [text[a:b] for a, b in zip(self.idx, self.end)]
        strings = doc.vocab.strings
        self.lower: list[str] = [strings[h] for h in lower]
        self.is_verb: list[bool] = [p == VERB for p in pos]
        #: Token.is_sent_start is True (the column holds 1, -1 or 0 for unknown)
        self.sent_start: list[bool] = [s == 1 for s in sent_start]
        #: capitalised: an upper-case first character and a letter somewhere ("Jokowi", "KPK", "G20")
        self.is_cap: list[bool] = [bool(t) and t[0].isupper() and (t[0].isalpha() or any(c.isalpha() for c in t))
                                   for t in self.text]

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, sliced from the Doc's text (the slice bounds normalised as spaCy does)."""
        if 0 <= start < end <= self.n:  # the usual case
            return self.doc_text[self.idx[start]:self.end[end - 1]]
        n = self.n
        if start < 0:
            start += n
        if end < 0:
            end += n
        start, end = min(n, max(0, start)), min(n, max(0, end))
        if end <= start:
            return ""
        return self.doc_text[self.idx[start]:self.end[end - 1]]

    def char_span_contract(self, start_char: int, end_char: int) -> tuple[int, int] | None:
        """The token range of `doc.char_span(start_char, end_char, alignment_mode="contract")` (the tokens wholly
        inside the characters), or None where that gives None."""
        start = self._token_at_char(start_char)
        if start < 0:
            return None
        end = self._token_at_char(end_char - 1)
        if end < 0:
            return None
        if self.idx[start] < start_char:
            start += 1
        if end_char < self.end[end]:
            end -= 1
        if end < start:
            return None
        return start, end + 1

    def _token_at_char(self, char: int) -> int:
        """The token whose text or trailing space holds character `char`, -1 for none (spaCy's token_by_char:
        the tokens and their spaces tile the text)."""
        if char < 0 or char >= len(self.doc_text) or not self.n:
            return -1
        return bisect_right(self.idx, char) - 1
