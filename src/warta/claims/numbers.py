"""Indonesian numbers and quantities: "10.000 tentara", "Rp 2,3 T", "sekitar sepuluh ribu", "10 hingga 12 persen".

`find_quantities(text)` scans a text once (linear in its length) and returns every number it sees as a
`Quantity`, with `skip` set to the reason when the number is not a quantity about the world (a date, a time,
an age, a legal reference, an ordinal, a code, a name such as G20). `parse_quantity(phrase)` parses the first
one in a short phrase. The words (number words, scales, currencies, hedges, units, non-claim contexts) are data:
warta/data/numbers.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable
from warta.data import load_toml

# ---------------------------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, float]
    fractions: dict[str, float]
    multipliers: dict[str, float]
    approx_words: dict[str, float]
    scales: dict[str, float]
    scales_cs: dict[str, float]
    currency_before: dict[str, str]
    currency_after: dict[tuple[str, ...], str]
    currency_unit: dict[str, str]
    percent: frozenset[str]
    percent_unit: str
    hedges: dict[tuple[str, ...], tuple[str, bool]]  # phrase -> (bound, approximate)
    after_lower: frozenset[str]
    range_connectors: frozenset[str]
    range_between: str
    range_between_and: frozenset[str]
    classifiers: frozenset[str]
    multiword_units: dict[tuple[str, ...], str]
    compound_units: dict[tuple[str, ...], str]
    unit_abbreviations: frozenset[str]
    time_units: frozenset[str]
    months: frozenset[str]
    before_not_claim: frozenset[str]
    after_not_claim: frozenset[str]
    listicle: frozenset[str]
    idioms: dict[tuple[str, ...], str]
    function_words: frozenset[str]
    verb_like_nouns: frozenset[str]
    max_hedge: int = 4


def _phrase(s: str) -> tuple[str, ...]:
    return tuple(tokenize_words(s.lower()))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_toml("numbers.toml")
    words = raw["words"]
    hedges: dict[tuple[str, ...], tuple[str, bool]] = {}
    for name, group in raw["hedges"].items():
        if name == "after_lower":
            continue
        for p in group["phrases"]:
            hedges[_phrase(p)] = (group["bound"], bool(group["approximate"]))
    approx = {k.replace("_", " "): float(v) for k, v in words["approximate"].items()}
    nc = raw["not_claim"]
    return Lexicon(
        units={k: float(v) for k, v in words["units"].items()},
        fractions={k: float(v) for k, v in words["fractions"].items()},
        multipliers={k: float(v) for k, v in words["multipliers"].items()},
        approx_words={k: v for k, v in approx.items() if " " not in k},
        scales={k: float(v) for k, v in raw["scales"].items()},
        scales_cs={k: float(v) for k, v in raw["scales_case_sensitive"].items()},
        currency_before={k.lower(): v for k, v in raw["currency"]["before"].items()},
        currency_after={_phrase(k): v for k, v in raw["currency"]["after"].items()},
        currency_unit=dict(raw["currency"]["unit"]),
        percent=frozenset(raw["percent"]["words"]),
        percent_unit=raw["percent"]["unit"],
        hedges=hedges,
        after_lower=frozenset(raw["hedges"]["after_lower"]["phrases"]),
        range_connectors=frozenset(raw["ranges"]["connectors"]),
        range_between=raw["ranges"]["between"],
        range_between_and=frozenset(raw["ranges"]["between_and"]),
        classifiers=frozenset(raw["classifiers"]["words"]),
        multiword_units={_phrase(p): p for p in raw["units"]["multiword"]["phrases"]},
        compound_units={_phrase(p): p for p in raw["units"]["compound"]["phrases"]},
        unit_abbreviations=frozenset(raw["units"]["abbreviations"]["words"]),
        time_units=frozenset(nc["time_units"]["words"]),
        months=frozenset(nc["months"]["words"]),
        before_not_claim=frozenset(nc["before"]["words"]),
        after_not_claim=frozenset(nc["after"]["words"]),
        listicle=frozenset(nc["listicle"]["words"]),
        idioms={_phrase(p): p for p in nc["idioms"]["phrases"]},
        function_words=frozenset(raw["function_words"]["words"]),
        verb_like_nouns=frozenset(raw["classifiers"]["verb_like_nouns"]),
    )


# ---------------------------------------------------------------------------------------------- tokens

# currency symbols glued to digits, numbers with separators, words (hyphenated), any other character
_TOKEN = re.compile(r"(?:US|S|A|HK|NZ)\$|Rp\.?(?=\s?\d)|\d+(?:[.,]\d+)*|[^\W\d_]+(?:-[^\W\d_]+)*|[^\s]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


#: parts of speech (Universal Dependencies) that a counted noun cannot have
_NOT_NOUN_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "DET", "PRON", "ADV", "PART", "NUM", "PUNCT"})
#: why a number after one of these words is not a quantity (any other listed word: a reference)
_SKIP_REASON = {"pukul": "time", "jam": "time", "usia": "age", "umur": "age", "berusia": "age", "berumur": "age",
                "tahun": "date", "tanggal": "date", "tgl": "date"}
#: words between two numbers that share one unit
_COORDINATORS = frozenset({"atau", "dan", "plus minus", "±", "/", "hingga", "sampai", "serta", "dari"})
#: verb forms (meN-, ber-, ter-, di-...-kan): not a counted noun unless listed in [classifiers] verb_like_nouns
_VERB_FORM = re.compile(r"(?:mem|men|meng|meny|me[lrwy]|ber|ter)[a-z]{3,}|di[a-z]{4,}kan")
#: a time of day ("10.00", "9:30") and a year of 1900-2099, as written
_CLOCK_TIME = re.compile(r"\d{1,2}[.:]\d{2}")
_YEAR = re.compile(r"(19|20)\d\d")


def tokenize_words(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text)]


# ---------------------------------------------------------------------------------------------- quantities


@dataclass
class Quantity:
    value: float | int
    start: int  # span of the number as written (currency symbol, digits or words, scale, range)
    end: int
    text: str
    unit: str | None = None
    currency: str | None = None
    approximate: bool = False
    bound: str = "exact"  # exact | lower | upper | range
    value_max: float | int | None = None
    hedge: str | None = None
    hedge_start: int | None = None
    unit_start: int | None = None
    unit_end: int | None = None
    kind: str = "count"  # count | money | percent | measure | number
    skip: str | None = None  # why this is not a quantity about the world (date, time, age, legal, ...)
    meta: dict = field(default_factory=dict)

    @property
    def is_claim(self) -> bool:
        """A quantity that may carry a claim: not skipped, and counts or measures something."""
        return self.skip is None and self.unit is not None

    @property
    def full_start(self) -> int:
        return self.hedge_start if self.hedge_start is not None else self.start

    @property
    def full_end(self) -> int:
        return self.unit_end if self.unit_end is not None else self.end


def _num(v: float) -> float | int:
    v = float(f"{v:.12g}")  # 1,343 x 10^14 read from "134,3 triliun", without float noise
    if abs(v - round(v)) < 1e-9 and abs(v) < 1e18:
        return int(round(v))
    return round(v, 10)


def parse_digits(s: str) -> float | None:
    """Indonesian digits: "." groups thousands, "," is the decimal mark ("1.500,5"); "2.5" (one or two decimals)
    is read as a decimal point; "1,234,567" (several commas of three) as thousands."""
    if not _DIGITS.fullmatch(s):
        return None
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.500,5
            return float(s.replace(".", "").replace(",", "."))
        return float(s.replace(",", ""))  # 1,500.5
    if "." in s:
        parts = s.split(".")
        if all(len(p) == 3 for p in parts[1:]):
            return float(s.replace(".", ""))
        if len(parts) == 2:
            return float(s)
        return None
    if "," in s:
        parts = s.split(",")
        if len(parts) > 2 and all(len(p) == 3 for p in parts[1:]):
            return float(s.replace(",", ""))
        if len(parts) == 2:
            return float(s.replace(",", "."))
        return None
    return float(s)


@lru_cache(maxsize=1)
def _number_starts() -> frozenset[str]:
    """The words that can open a number written in words ("dua", "setengah", "puluhan")."""
    lx = lexicon()
    return frozenset(lx.units) | frozenset(lx.fractions) | frozenset(lx.approx_words)


class _Scanner:
    def __init__(self, text: str, pos_of: Callable[[int], str | None] | None = None):
        self.text = text
        # token k as parallel lists (words[k], lows[k], starts[k]:ends[k], digit[k]), not one Tok object per
        # token: a text has hundreds of tokens and only the few around a number are looked at more than once
        matches = list(_TOKEN.finditer(text))
        self.words = [m.group() for m in matches]
        self.lows = [w.lower() for w in self.words]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.digit = [w[0].isdigit() for w in self.words]
        self.n = len(self.words)
        self.lex = lexicon()
        self.number_starts = _number_starts()
        self.pos_of = pos_of

    # -- helpers
    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j (j = i + 1) touch, with no space between them."""
        return 0 <= i and j < self.n and self.ends[i] == self.starts[j]

    def is_word_number_start(self, i: int) -> bool:
        return self.low(i) in self.number_starts

    def scale_at(self, i: int) -> float | None:
        if i >= self.n:
            return None
        word = self.words[i]
        if word in self.lex.scales_cs:
            return self.lex.scales_cs[word]
        return self.lex.scales.get(self.lows[i])

    def match_phrase(self, i: int, table: dict) -> tuple[int, object] | None:
        """The longest phrase of `table` (tuples of lower-case tokens) starting at token i."""
        best = None
        lows = [self.low(k) for k in range(i, i + 4)]
        for n in range(1, 5):
            key = tuple(lows[:n])
            if key in table:
                best = (n, table[key])
        return best

    # -- numbers
    def read_number(self, i: int, money: bool = False) -> tuple[float, int, bool] | None:
        """(value, next token index, approximate-by-word) for the number starting at token i, scale included."""
        lx = self.lex
        approx = False
        if self.digit[i]:
            v = parse_digits(self.words[i])
            if v is None:
                return None
            j = i + 1
        else:
            total = current = 0.0
            last = 0.0
            j = i
            seen = False
            while j < self.n:
                w = self.low(j)
                if w in lx.units:
                    u = lx.units[w]
                    if u >= 1000:  # seribu, sejuta: a scale of their own
                        total += (current or 0) * u + (u if not current else 0)
                        current = 0
                    else:
                        current += u
                    last = u
                elif w in lx.fractions and not seen:
                    current += lx.fractions[w]
                elif w in lx.approx_words and not seen:
                    current += lx.approx_words[w]
                    approx = True
                elif w == "belas" and seen:
                    current += 10
                elif w in lx.multipliers and seen and last:
                    current += last * (lx.multipliers[w] - 1)
                    last = 0
                else:
                    break
                seen = True
                j += 1
            if not seen:
                return None
            v = total + current
        # scales: "1,5 juta", "Rp 2,3 T", "puluhan ribu", "dua ratus ribu juta" (rare)
        while j < self.n:
            s = self.scale_at(j)
            if s is None:
                break
            # "M", "T", "K" abbreviate scales only for money or glued to the digits ("Rp 1 M", "2,3T")
            if self.words[j] in lx.scales_cs and not (money or self.glued(j - 1, j)):
                break
            v *= s
            j += 1
        return v, j, approx

    def scan(self) -> list[Quantity]:
        out: list[Quantity] = []
        lx = self.lex
        lows, digit, number_starts = self.lows, self.digit, self.number_starts
        currency_before = lx.currency_before
        n = self.n
        # only a number or a currency word can open a quantity: the loop visits those tokens alone (at any
        # other token it would only step on), in order, skipping the ones a quantity already took
        openers = number_starts | currency_before.keys()
        candidates = [k for k in range(n) if digit[k] or lows[k] in openers]
        i = 0
        for candidate in candidates:
            if candidate < i:
                continue
            i = candidate
            cur_i = None
            if lows[i] in currency_before and i + 1 < n \
                    and (digit[i + 1] or lows[i + 1] in number_starts):
                cur_i = i
                i += 1
            if not (digit[i] or lows[i] in number_starts):
                i += 1
                continue
            q = self.quantity_at(i, cur_i)
            if q is None:
                i += 1
                continue
            out.append(q)
            i = max(q.meta.pop("next"), i + 1)
        # "2,1 atau 2,2%", "10 dan 12 orang": a number coordinated with the next shares its unit
        for a, b in zip(out, out[1:]):
            if a.unit is None and a.skip is None and b.unit is not None and b.skip is None and b.currency is None \
                    and _DIGITS.fullmatch(a.text) and self.text[a.end:b.start].strip().lower() in _COORDINATORS \
                    and (b.kind != "percent" or float(a.value) <= 100):
                a.unit, a.kind = b.unit, b.kind
        return out

    def quantity_at(self, i: int, cur_i: int | None) -> Quantity | None:
        lx = self.lex
        words, lows, starts, ends, digit, n = self.words, self.lows, self.starts, self.ends, self.digit, self.n
        read = self.read_number(i, money=cur_i is not None)
        if read is None:
            return None
        value, j, approx = read
        start = starts[cur_i] if cur_i is not None else starts[i]
        q = Quantity(value=_num(value), start=start, end=ends[j - 1], text="", approximate=approx)
        if approx:
            q.bound = "lower"
        currency = lx.currency_before[lows[cur_i]] if cur_i is not None else None
        word_number = not digit[i]
        # ranges: "10-12", "10 hingga 12", "antara 10 dan 12"
        between = self.low(i - 1 if cur_i is None else cur_i - 1) == lx.range_between
        conn = self.low(j)
        k = j + 1
        if conn == "s" and self.low(j + 1) == "." and self.low(j + 2) == "d":  # s.d.
            k = j + 4 if self.low(j + 3) == "." else j + 3
            conn = "s.d."
        if conn == "s" and self.low(j + 1) == "/" and self.low(j + 2) == "d":
            k, conn = j + 3, "s/d"
        if conn == "sampai" and self.low(j + 1) == "dengan":
            k += 1
        is_conn = conn in lx.range_connectors or (between and conn in lx.range_between_and)
        if conn in ("-", "–", "—") and not (self.glued(j - 1, j) or self.glued(j, j + 1)):
            # a spaced hyphen joins two digit numbers only ("78 - 80 km"), not words ("dua - tiga")
            is_conn = conn in ("–", "—") or (digit[i] and j + 1 < n and digit[j + 1])
        if is_conn and k < n:
            kk = k + 1 if lows[k] in lx.currency_before else k
            if kk < n and (digit[kk] or self.is_word_number_start(kk)):
                r2 = self.read_number(kk, money=cur_i is not None or kk > k)
                if r2 is not None:
                    v2, j2, ap2 = r2
                    # "10-12 juta": the scale written once applies to both
                    if j2 > kk + 1 and j == i + 1 and digit[i] and v2 > value * 100:
                        scale = v2 / (parse_digits(words[kk]) or 1)
                        if digit[kk]:
                            value *= scale
                    if v2 > value:
                        q.value, q.value_max, q.bound = _num(value), _num(v2), "range"
                        q.approximate = q.approximate or ap2
                        j = j2
                        q.end = ends[j - 1]
        q.text = self.text[q.start:q.end]
        # hedge before (after any currency symbol goes before the number, the hedge before both)
        b = (cur_i if cur_i is not None else i) - (1 if between else 0)
        before = [self.low(x) for x in range(b - lx.max_hedge, b)]
        for nlen in range(lx.max_hedge, 0, -1):
            if b - nlen < 0:
                continue
            key = tuple(before[lx.max_hedge - nlen:])
            if key in lx.hedges:
                bound, ap = lx.hedges[key]
                if q.bound != "range":
                    q.bound = bound if not (q.bound == "lower" and bound == "exact") else q.bound
                q.approximate = q.approximate or ap
                q.hedge = " ".join(key)
                q.hedge_start = starts[b - nlen]
                break
        if between and q.hedge_start is None:
            q.hedge_start = starts[b]
        # after the number: lower-bound words ("10.000 lebih"), currency, percent, unit
        if self.low(j) in lx.after_lower and self.low(j + 1) != "dari":
            q.bound, q.approximate = "lower", True
            j += 1
        if self.low(j) == "-" and self.low(j + 1) == "an" and self.glued(j - 1, j):
            q.approximate, j = True, j + 2
        q.meta["next"] = j
        self.classify(q, i, j, cur_i, currency, word_number)
        return q

    # -- what the number counts, and whether it is a quantity at all
    def classify(self, q: Quantity, i: int, j: int, cur_i: int | None, currency: str | None, word_number: bool):
        lx = self.lex
        words, lows, starts, ends, digit = self.words, self.lows, self.starts, self.ends, self.digit
        first = words[i]  # the number's first token as written
        prev_i = (cur_i if cur_i is not None else i) - 1
        prev = self.low(prev_i)
        # a capitalised number word before a capitalised word is part of a title ("Triliunan Rupiah", "Tiga Fakta")
        if word_number and first[0].isupper() and j < self.n and words[j][0].isupper():
            q.skip = "title"
            return
        # glued to letters before ("B50", "G20", "Su-35", "Cesium-137", "ke-3") or after ("5G", "16GB")
        if digit[i] and cur_i is None:
            if self.glued(prev_i, i) and words[prev_i][0].isalpha():
                q.skip = "name"
                return
            if prev == "-" and self.glued(prev_i, i) and self.glued(prev_i - 1, prev_i) \
                    and words[prev_i - 1][0].isalpha():
                q.skip = "ordinal" if self.low(prev_i - 1) == "ke" else "name"
                return
            # "Covid - 19" (a spaced hyphen after a capitalised word): a name
            if prev == "-" and prev_i >= 1 and words[prev_i - 1][0].isupper() and words[prev_i - 1].isalpha():
                q.skip = "name"
                return
            if j < self.n and self.glued(j - 1, j) and words[j][0].isalpha() \
                    and lows[j] not in lx.unit_abbreviations and words[j] not in lx.scales_cs \
                    and lows[j] not in lx.scales and lows[j] not in lx.percent:
                q.skip = "name"
                return
            # dates and codes: 21/10, 21/10/2025, 0812-3456-7890, +62
            if (self.low(j) == "/" and self.glued(j - 1, j)) or (prev == "/" and self.glued(prev_i, i)):
                q.skip = "date"
                return
            if prev == "+" and self.glued(prev_i, i):
                q.skip = "code"
                return
            digits = first.replace(".", "").replace(",", "")
            if len(first) > 1 and first[0] == "0" and first[1].isdigit():
                q.skip = "code"
                return
            if len(digits) >= 9 and "." not in first and "," not in first:
                q.skip = "code"
                return
            if self.low(j) == "-" and self.glued(j - 1, j) and j + 2 < self.n and self.low(j + 2) == "-":
                q.skip = "code"
                return
            # times: "10.00 WIB", "pukul 10.00"
            if _CLOCK_TIME.fullmatch(first) and (
                    self.low(j) in lx.after_not_claim or prev in ("pukul", "jam")):
                q.skip = "time"
                return
            # years: 4 digits 1900-2099, no separator, no money/percent/scale
            if _YEAR.fullmatch(first) and j == i + 1 and currency is None \
                    and self.low(j) not in lx.percent:
                q.skip = "year"
                return
            if q.bound == "range" and _YEAR.fullmatch(first):
                q.skip = "year"
                return
        if self.match_phrase(i, lx.idioms):
            q.skip = "idiom"
            return
        # contexts before: legal references, ages, times, ordinals, codes
        p = prev_i
        while p >= 0 and self.low(p) in ("(", ".", ":"):
            p -= 1
        # "Pasal 3junctoPasal 18": a scrape may glue the reference word to what precedes it
        glued_ref = self.low(p).endswith(("pasal", "ayat")) and not self.low(p) in ("pasal", "ayat")
        if self.low(p) in lx.before_not_claim or glued_ref \
                or (p != prev_i and self.low(p) in ("ayat", "pasal", "no", "nomor")):
            if currency is None:
                q.skip = _SKIP_REASON.get(self.low(p), "reference")
                return
        if prev == "(" and self.low(j) == ")" and currency is None:
            q.skip = "parenthesised"
            return
        if self.low(j) in lx.months:
            q.skip = "date"
            return
        # currency and percent after
        k = j
        if currency is None:
            m = self.match_phrase(k, lx.currency_after)
            if m:
                n, currency = m
                q.unit_start, q.unit_end = starts[k], ends[k + n - 1]
        if currency is not None:
            q.currency = currency
            q.kind = "money"
            q.unit = lx.currency_unit.get(currency, currency.lower())
            if q.unit_start is None:
                q.unit_start, q.unit_end = (starts[cur_i], ends[cur_i]) if cur_i is not None else (None, None)
            return
        if self.low(k) in lx.percent:
            q.kind, q.unit = "percent", lx.percent_unit
            q.unit_start, q.unit_end = starts[k], ends[k]
            return
        m = self.match_phrase(k, lx.multiword_units)
        if m:
            n, unit = m
            q.kind, q.unit = "measure", unit
            q.unit_start, q.unit_end = starts[k], ends[k + n - 1]
            return
        self.counted_noun(q, k, word_number)
        # "HPK 1 IKN", "B 1234 XYZ": a number between two acronyms (or a plate's letters) is part of a name
        if q.unit and q.unit.isupper() and not word_number and 0 <= prev_i and words[prev_i].isupper() \
                and words[prev_i].isalpha() and (len(words[prev_i]) >= 2 or len(q.unit) <= 3):
            q.skip = "name"

    def counted_noun(self, q: Quantity, k: int, word_number: bool):
        lx = self.lex
        words, lows, starts, ends, n = self.words, self.lows, self.starts, self.ends, self.n
        # the number repeated in words: "1 (satu) orang", "1 satu orang"
        if k < n and words[k] == "(" and self.is_word_number_start(k + 1):
            e = k + 1
            while e < n and (self.is_word_number_start(e) or self.low(e) in lx.multipliers):
                e += 1
            if self.low(e) == ")":
                k = e + 1
        elif self.is_word_number_start(k) and not word_number:
            r = self.read_number(k)
            if r is not None and abs(r[0] - float(q.value)) < 1e-9:
                k = r[1]
        if k >= n:
            q.skip = q.skip or None
            return
        word = words[k]
        w = lows[k]
        if not word[0].isalpha():
            return  # no unit: a bare number
        if w in lx.time_units:
            q.skip = "time"
            return
        if w in lx.months:
            q.skip = "date"
            return
        if w in lx.after_not_claim:
            q.skip = "time"
            return
        if w in lx.listicle:
            q.skip = "listicle"
            return
        if w in lx.unit_abbreviations:
            q.kind, q.unit = "measure", lows[k]
            q.unit_start, q.unit_end = starts[k], ends[k]
            return
        if w in lx.function_words:
            return
        m = self.match_phrase(k, lx.compound_units)
        if m:
            length, unit = m
            q.kind, q.unit = "count", unit
            q.unit_start, q.unit_end = starts[k], ends[k + length - 1]
            return
        if w.endswith("nya") and w[:-3] in lx.verb_like_nouns:
            w = w[:-3]  # "3 tersangkanya"
        if w not in lx.verb_like_nouns and (_VERB_FORM.fullmatch(w) or (
                self.pos_of is not None and self.pos_of(starts[k]) in _NOT_NOUN_POS)):
            return  # "14,5 juta terdiri atas", "Densus 88 melakukan": a verb follows, nothing is counted
        if len(word) == 1:
            q.skip = "code"  # "B 1234 F", "DD 3 F": plates and codes
            return
        if word[0].isupper() and not word.isupper():
            # "10 Foto", "5 Fakta", "iPhone 16 Pro": a title or a name, not a counted noun
            q.skip = "title"
            return
        unit_i = k  # the token naming what is counted
        if w in lx.classifiers and k + 1 < n and self.is_noun(k + 1):
            unit_i = k + 1  # "3 buah rumah": the classifier's noun
        q.unit = words[unit_i] if words[unit_i].isupper() else lows[unit_i]
        if q.unit.endswith("nya") and len(q.unit) > 6 and q.unit not in lx.verb_like_nouns:
            q.unit = q.unit[:-3]  # "ribuan anggotanya" counts anggota
        q.unit_start, q.unit_end = starts[unit_i], ends[unit_i]
        q.kind = "count"
        if q.value == 1 and word_number:
            q.skip = "one"  # "satu orang", "salah satu": an article, not a figure

    def is_noun(self, k: int) -> bool:
        word, low = self.words[k], self.lows[k]
        if not word[0].isalpha() or low in self.lex.function_words or low in self.lex.time_units:
            return False
        if self.pos_of is not None:
            pos = self.pos_of(self.starts[k])
            if pos is not None:
                return pos in ("NOUN", "PROPN") and not word[0].isupper()
        if word[0].isupper():
            return False
        # verbs and adjectives: me-/ber-/ter-/di- forms
        return not _VERB_FORM.fullmatch(low) or low in self.lex.verb_like_nouns


def find_quantities(text: str, pos_of: Callable[[int], str | None] | None = None) -> list[Quantity]:
    """Every number in `text` as a Quantity, in order; `skip` says why one is not about the world.

    `pos_of(char_offset)` may give the part of speech of the word starting there (from a parsed Doc)."""
    return _Scanner(text, pos_of).scan()


def claim_quantities(text: str, pos_of: Callable[[int], str | None] | None = None) -> list[Quantity]:
    """The quantities in `text` that may carry a claim (counted, measured, money or percent)."""
    return [q for q in find_quantities(text, pos_of) if q.is_claim]


def parse_quantity(phrase: str) -> Quantity | None:
    """The first quantity in a short phrase ("sekitar 10.000 tentara" -> 10000 tentara, approximate)."""
    qs = find_quantities(phrase)
    return qs[0] if qs else None
