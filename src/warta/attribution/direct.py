"""Direct quotes: the spans between quotation marks, over sentences and paragraphs.

Handles paired and unpaired marks (" “ ” „ « » and single ‘ ’ ' where a paragraph has no double
marks), ” used as an opening mark (also glued to the end of the previous paragraph, as in
detokenised corpora), and quotes running over several paragraphs: a paragraph that opens a
quote and does not close it continues into the next paragraph when that one opens with a mark
or when a closing mark comes before any opening one. Apostrophes inside words (Jum'at) are not
marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = "\"“”„«»"
SINGLE = "'‘’‚"
OPENERS = "“„«‘‚"
_DOUBLE_RE = re.compile(r"[\"“”„«»]")
_SINGLE_RE = re.compile(r"['‘’‚]")
_BEFORE_OPEN = set("([{—–-:/")
_AFTER_CLOSE = set(",.;:!?)]}—–-…")
#: how many paragraphs an unclosed quote may run on while looking for its closing mark
MAX_RUN = 12


@dataclass
class QuoteSpan:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    open_mark: int  # position of the opening mark (-1 when glued to the previous paragraph)
    close_mark: int  # position of the closing mark (-1 when the quote ran to a paragraph end)
    skipped: tuple[int, ...] = ()  # continuation marks inside the span (removed from content)

    def content(self, text: str) -> str:
        chars = list(text[self.start:self.end])
        for pos in self.skipped:
            chars[pos - self.start] = ""
        return "".join(chars)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def _marks(text: str, start: int, end: int) -> list[int]:
    line = text[start:end]
    found = [start + m.start() for m in _DOUBLE_RE.finditer(line)]
    if found:
        return found
    out = []
    for m in _SINGLE_RE.finditer(line):
        i = start + m.start()
        prev = text[i - 1] if i > start else ""
        nxt = text[i + 1] if i + 1 < end else ""
        if prev.isalnum() and nxt.isalnum():  # Jum'at, Qur'an
            continue
        if prev.isalpha() and text[i] in "'’" and nxt in ("", " ") and i > start + 1 and text[i - 1] in "sS" \
                and not _has_open_single(text, start, i):
            continue  # possessive (Hamas')
        out.append(i)
    return out


def _has_open_single(text: str, start: int, i: int) -> bool:
    return any(text[j] in "'‘" and (j == start or not text[j - 1].isalnum()) for j in range(start, i))


def _shape(text: str, i: int, start: int, end: int) -> tuple[bool, bool]:
    """(opener-shaped, closer-shaped) from the characters around the mark."""
    prev = text[i - 1] if i > start else ""
    nxt = text[i + 1] if i + 1 < end else ""
    opener = (prev == "" or prev.isspace() or prev in _BEFORE_OPEN or prev in DOUBLE + SINGLE) and \
        nxt != "" and not nxt.isspace()
    closer = prev != "" and not prev.isspace() and (nxt == "" or nxt.isspace() or nxt in _AFTER_CLOSE
                                                     or nxt in DOUBLE + SINGLE)
    if opener and closer:  # both shapes (e.g. `("x` or `—"x`): trust the glyph
        opener = text[i] in OPENERS
        closer = not opener
    return opener, closer


def find_quote_spans(text: str, paras: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """paras: paragraphs(text), when the caller has them."""
    if paras is None:
        paras = paragraphs(text)
    marks = [(pi, i) for pi, (s, e) in enumerate(paras) for i in _marks(text, s, e)]
    shapes = {i: _shape(text, i, paras[pi][0], paras[pi][1]) for pi, i in marks}
    by_para: dict[int, list[int]] = {}
    for pi, i in marks:
        by_para.setdefault(pi, []).append(i)
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_mark = -1
    skipped: list[int] = []
    skip: set[int] = set()
    for pi, (ps, pe) in enumerate(paras):
        if open_at is not None and open_at > pe:
            continue
        for i in by_para.get(pi, []):
            if i in skip:
                continue
            op, cl = shapes[i]
            if open_at is None:
                if i + 1 >= pe and cl:  # a mark glued to the end of a paragraph opens the next one
                    if pi + 1 < len(paras):
                        open_at, open_mark, skipped = paras[pi + 1][0], -1, []
                elif op or (text[i] in OPENERS and not cl):
                    open_at, open_mark, skipped = i + 1, i, []
                # else: a stray closing mark
            elif cl or not op:
                spans.append(QuoteSpan(open_at, i, open_mark, i, tuple(skipped)))
                open_at = None
            else:  # an opening mark while a quote is open: the previous one never closed
                if open_at < ps:
                    spans.append(QuoteSpan(open_at, paras[pi - 1][1], open_mark, -1, tuple(skipped)))
                open_at, open_mark, skipped = i + 1, i, []
        if open_at is None or open_at > pe:
            continue
        # the quote is still open at the end of this paragraph: does it run on?
        nxt = pi + 1
        if nxt < len(paras) and paras[nxt][0] in shapes and shapes[paras[nxt][0]][0]:
            skip.add(paras[nxt][0])
            skipped.append(paras[nxt][0])
            continue
        if _closes_ahead(paras, by_para, shapes, nxt):
            continue
        spans.append(QuoteSpan(open_at, pe, open_mark, -1, tuple(skipped)))
        open_at = None
    return [s for s in spans if s.end > s.start]


def _closes_ahead(paras, by_para, shapes, first: int) -> bool:
    """A closing-shaped mark comes within MAX_RUN paragraphs, before any opening one."""
    for pj in range(first, min(first + MAX_RUN, len(paras))):
        for i in by_para.get(pj, []):
            op, cl = shapes[i]
            return cl and not op
    return False
