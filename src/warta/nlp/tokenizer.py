"""warta's tokenizer for Indonesian news.

It is spaCy's ``id`` rule-based tokenizer with these additions:

* news punctuation: every quotation mark (" “ ” „ ' ‘ ’ ` « », also ”
  used as an opening mark) is its own token, en/em dashes are split off
  ("KOMPAS.com–Jakarta"), "Rp." is separated from a following number;
* a hyphen inside a word stays in it where UD Indonesian (GSD, CSUI) writes
  one word: reduplications ("konsep-konsep", "Raja-Raja"), lowercase
  compounds ("non-migas", "terus-menerus"), ordinals ("ke-18") and decades
  ("1960-an"); names, ranges and acronym compounds still split
  ("Jakarta-Bandung", "Januari-September", "Bapepam-LK");
* news abbreviations kept whole ("Jl.", "Kab.", "Ph.D.", ... see
  ``warta/data/tokenizer_exceptions.txt``), and no sentence may start
  right after a title or initial ("Dr.", "H.", "R.", "Jl.", "No.");
* the enclitics -nya, -ku, -mu, -lah, -kah, -pun are split off their host,
  as in UD Indonesian GSD (v2.8+) and CSUI, where they are multiword tokens
  ("rumahnya" -> "rumah" "nya"). Root words that merely end in those
  letters ("hanya", "punya", "sekolah", "bertanya", ...) are listed in the
  data file and never split.

The tokenizer is registered as ``warta.IndonesianNewsTokenizer.v1`` so a
pipeline saved with ``[nlp.tokenizer] @tokenizers =
"warta.IndonesianNewsTokenizer.v1"`` loads it by name after
``import warta.nlp.tokenizer``. It stores no state on disk: its behaviour
comes from this module and the data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.lang.id import Indonesian
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

TOKENIZER_NAME = "warta.IndonesianNewsTokenizer.v1"

_QUOTES = "\"'“”„‘’‚`«»‹›"
#: every quotation mark the tokenizer splits off as a token of its own
QUOTE_MARKS = frozenset(_QUOTES)
# prefixes/suffixes added in front of spaCy's id rules
_EXTRA_PREFIXES = [r"Rp\.(?=[0-9])", r"[“”„‘’‚`«»‹›\"']"]
_EXTRA_SUFFIXES = [r"[“”„‘’‚`«»‹›\"']"]
# en/em dash (or a run of hyphens) between two words: split it off
# (and a currency after a range's hyphen, "Rp10.000-Rp20.000": spaCy does not look for prefixes
# again in the pieces an infix leaves)
_EXTRA_INFIXES = [r"[–—]", r"(?<=[^\W\d_])[“”„\"](?=[^\W\d_])", r"(?<=[0-9]-)(?:Rp|US\$)(?=[0-9])"]

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: SENT_START for "not a sentence start" (-1) as Doc.to_array / from_array carry it (unsigned)
_NOT_SENT_START = numpy.uint64((1 << 64) - 1)


def _data_path() -> Path:
    return Path(str(resources.files("warta.data") / "tokenizer_exceptions.txt"))


@dataclass
class TokenizerData:
    clitics: list[tuple[str, int]] = field(default_factory=list)
    roots: set[str] = field(default_factory=set)
    root_endings: tuple[str, ...] = ()
    special_cases: list[str] = field(default_factory=list)
    no_break_after: set[str] = field(default_factory=set)


def load_data(path: Path | None = None) -> TokenizerData:
    """Parse ``tokenizer_exceptions.txt`` (sections, comments, ``*`` endings)."""
    path = path or _data_path()
    data = TokenizerData()
    endings: list[str] = []
    section = None
    for raw in path.read_text(encoding="utf8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "clitics":
            clitic, min_stem = line.split()
            data.clitics.append((clitic.lower(), int(min_stem)))
        elif section == "clitic_roots":
            if line.startswith("*"):
                endings.append(line[1:].lower())
            else:
                data.roots.add(line.lower())
        elif section == "special_cases":
            data.special_cases.append(line)
        elif section == "no_sentence_break_after":
            data.no_break_after.add(line)
        else:
            raise ValueError(f"{path}: entry {line!r} outside a known section")
    # longest clitic first ("nya" before "ku"/"mu" never overlap, but keep it general)
    data.clitics.sort(key=lambda c: -len(c[0]))
    data.root_endings = tuple(endings)
    return data


class CliticSplitter:
    """Decides whether and where a word splits into host + enclitic."""

    def __init__(self, data: TokenizerData):
        self.clitics = data.clitics
        self.roots = data.roots
        self.root_endings = data.root_endings
        self._cache: dict[str, int] = {}

    def split_point(self, word: str) -> int:
        """Return the index where the clitic starts, or 0 for no split."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        point = self._compute(word)
        if len(self._cache) < 200_000:
            self._cache[word] = point
        return point

    def _compute(self, word: str) -> int:
        low = word.lower()
        if len(low) < 5 or low in self.roots or low.endswith(self.root_endings):
            return 0
        if not _WORD_RE.fullmatch(word):
            return 0
        for clitic, min_stem in self.clitics:
            if not low.endswith(clitic):
                continue
            stem = low[: -len(clitic)]
            if len(stem.replace("-", "")) < min_stem or stem.endswith("-"):
                return 0
            return len(word) - len(clitic)
        return 0

    def split(self, word: str) -> list[str]:
        point = self.split_point(word)
        return [word] if not point else [word[:point], word[point:]]


class _SuffixSearch:
    """spaCy ``suffix_search`` that also finds enclitics.

    spaCy calls it while peeling suffixes off a whitespace-delimited chunk;
    wrapped in a _Memo, it runs once per distinct string, not once per
    token. Punctuation suffixes are
    peeled first ("rumahnya," -> ","), then the clitic ("rumah" + "nya"),
    and special cases are consulted on what remains ("kawan-kawannya" ->
    "kawan-kawan" + "nya").
    """

    def __init__(self, regex_search, splitter: CliticSplitter):
        self.regex_search = regex_search
        self.split_point = splitter.split_point
        self.clitic_re = re.compile("(?:" + "|".join(c for c, _ in splitter.clitics) + ")$", re.I)

    def __call__(self, string: str):
        match = self.regex_search(string)
        if match is not None:
            return match
        point = self.split_point(string)
        if point:
            return self.clitic_re.search(string, point)
        return None


#: the parts of a hyphenated word ("non", "migas"; "ke", "18")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def _joins_one_word(left: str, right: str) -> bool:
    """Whether the hyphen between two parts is inside one word (see the module docstring)."""
    if left.isalpha() and right.isalpha():
        return (left.islower() and right.islower()) or left.lower() == right.lower()
    return (left.lower() == "ke" and right.isdigit()) or (left.isdigit() and right.lower() == "an")


class _InfixSearch:
    """spaCy ``infix_finditer`` that leaves the hyphens of one word alone."""

    def __init__(self, regex_finditer):
        self.regex_finditer = regex_finditer

    def __call__(self, string: str) -> list:
        matches = list(self.regex_finditer(string))
        if "-" not in string:
            return matches
        kept = set()
        for word in _HYPHENATED.finditer(string):
            parts = word.group().split("-")
            at = word.start()
            for left, right in zip(parts, parts[1:]):
                at += len(left)
                if _joins_one_word(left, right):
                    kept.add(at)
                at += 1
        return [m for m in matches if not (m.start() in kept and m.group() == "-")]


class _Span:
    """What spaCy reads of a regex match: where it starts and where it ends."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int):
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


class _Memo:
    """An affix or infix search (a compiled pattern's ``search`` or ``finditer``, or
    _SuffixSearch) whose answers are kept by string: ``search`` returns a match's span (a
    _Span: spaCy reads only its start and end) or None, ``finditer`` an iterator over them.

    spaCy caches the tokens of each whitespace-delimited chunk, but only until a text's first
    special case ("Jl.", "anak-anak": spaCy issue #1250); every later chunk of that text goes
    through the affix and infix searches again, where the prefix pattern tries its 170-odd
    alternatives on every word that starts with a letter (some 8 µs a word). The same chunks
    come back in every article, so the answers are looked up instead. They are kept as tuples
    of offsets, not as match objects: the garbage collector then has nothing to walk in them
    (a kept re.Match is a container, and a full collection visits every one)."""

    MAX_STRINGS = 100_000  # then it starts over (about 100 bytes a string: some 10 MB per search)

    def __init__(self, find):
        self.find = find
        #: the compiled pattern, where spaCy's serialisation looks for it (``search.__self__.pattern``)
        self.pattern = getattr(getattr(find, "__self__", None), "pattern", None)
        self._answers: dict[str, tuple | None] = {}

    def _remember(self, string: str, answer: tuple | None) -> tuple | None:
        if len(self._answers) >= self.MAX_STRINGS:
            self._answers.clear()
        self._answers[string] = answer
        return answer

    def search(self, string: str) -> _Span | None:
        try:
            found = self._answers[string]
        except KeyError:
            match = self.find(string)
            found = self._remember(string, None if match is None else match.span())
        return None if found is None else _Span(*found)

    def finditer(self, string: str):
        try:
            found = self._answers[string]
        except KeyError:
            found = self._remember(string, tuple(match.span() for match in self.find(string)))
        return (_Span(start, end) for start, end in found)


class IndonesianNewsTokenizer:
    """spaCy ``id`` tokenizer + news punctuation rules + clitic splitting."""

    def __init__(self, vocab, data: TokenizerData | None = None):
        self.vocab = vocab
        self.data = data or load_data()
        self.splitter = CliticSplitter(self.data)
        defaults = Indonesian.Defaults
        prefixes = _EXTRA_PREFIXES + list(defaults.prefixes)
        suffixes = _EXTRA_SUFFIXES + list(defaults.suffixes)
        infixes = _EXTRA_INFIXES + list(defaults.infixes)
        rules = dict(defaults.tokenizer_exceptions)
        for case in self.data.special_cases:
            rules[case] = [{ORTH: case}]
        self.base = Tokenizer(
            vocab,
            rules=rules,
            prefix_search=_Memo(compile_prefix_regex(prefixes).search).search,
            suffix_search=_Memo(_SuffixSearch(compile_suffix_regex(suffixes).search, self.splitter)).search,
            infix_finditer=_Memo(_InfixSearch(compile_infix_regex(infixes).finditer)).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        words = sorted(self.data.no_break_after, key=len, reverse=True)
        self._no_break_re = re.compile(
            r"(?<![^\s(\[\"“”'‘’,;:])(?:" + "|".join(map(re.escape, words)) + r"|[A-Z]\.)(?=\s)"
        )

    def __call__(self, text: str) -> Doc:
        doc = self.base(text)
        # no sentence starts right after a title, an initial or "Jl." / "No."
        # (the parser respects these preset non-boundaries); a regex over the
        # text finds the few candidates, so no Python loop over all tokens
        ends = [m.end() for m in self._no_break_re.finditer(text)]
        if ends:
            columns = doc.to_array([IDX, LENGTH, SENT_START])
            starts, lengths = columns[:, 0], columns[:, 1]
            ends = numpy.array(ends, dtype=starts.dtype)
            # the first token at or after each end (Token.idx only grows along the Doc)
            after = numpy.searchsorted(starts, ends, side="left")
            inside = (0 < after) & (after < len(doc))
            after, ends_inside = after[inside], ends[inside]
            # the abbreviation must be exactly the previous token
            after = after[starts[after - 1] + lengths[after - 1] == ends_inside]
            if len(after):
                # Token.is_sent_start = False, written in one call (the setter checks the
                # whole Doc for a parse each time)
                sent_starts = columns[:, 2].copy()
                sent_starts[after] = _NOT_SENT_START
                doc.from_array([SENT_START], sent_starts)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        return self.base.pipe(texts, batch_size=batch_size)

    def explain(self, text: str):
        return self.base.explain(text)

    # The tokenizer is fully defined by code + data file: nothing to store.
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude=tuple()):
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "warta_tokenizer.txt").write_text(TOKENIZER_NAME + "\n", encoding="utf8")

    def from_disk(self, path, *, exclude=tuple()):
        return self

    def __reduce__(self):
        return (_rebuild, (self.vocab,))


def _rebuild(vocab):
    return IndonesianNewsTokenizer(vocab)


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_indonesian_news_tokenizer():
    def make(nlp):
        return IndonesianNewsTokenizer(nlp.vocab)

    return make


def make_blank():
    """A blank ``id`` pipeline using warta's tokenizer."""
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
