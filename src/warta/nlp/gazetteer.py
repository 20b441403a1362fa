"""Gazetteers for warta_entities: countries (CLDR via babel + data/countries.toml) and the
titles/roles/ranks lexicon (data/titles.toml). Built once per process (`get_gazetteer()`).

    country_of(text) -> str | None     ISO 3166-1 alpha-3 for a country, alias, capital,
                                       institution or Indonesian office named in `text`
    strip_titles(text) -> str          a person's name without honorifics, ranks and role words
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from warta.data import load_sections, load_toml

#: kinds of gazetteer place entries
COUNTRY, ALIAS, CAPITAL, INSTITUTION, ORGANISATION = "country", "alias", "capital", "institution", "organisation"

_PAREN_RE = re.compile(r"\s*\(([^)]*)\)\s*")
_WORD_RE = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*\.?", re.UNICODE)
_COUNTRY_CACHE_SIZE = 50_000  # texts whose country_of() answer is kept (then the cache starts over)


@dataclass(frozen=True)
class Place:
    name: str  # as written in the gazetteer
    iso3: str | None
    kind: str  # COUNTRY | ALIAS | CAPITAL | INSTITUTION | ORGANISATION


def _key(text: str) -> tuple[str, ...]:
    """Lower-cased word tuple used for phrase lookups ("Juru bicara" -> ("juru", "bicara"))."""
    return tuple(w.lower().rstrip(".") for w in _WORD_RE.findall(unicodedata.normalize("NFKC", text)))


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)  # exact written form -> place
    places_lower: dict[tuple[str, ...], Place] = field(default_factory=dict)  # word key -> place
    role_heads: set[tuple[str, ...]] = field(default_factory=set)
    role_inner: set[str] = field(default_factory=set)
    org_heads: set[tuple[str, ...]] = field(default_factory=set)  # institutions and units
    institutions: set[tuple[str, ...]] = field(default_factory=set)
    whole_bodies: frozenset[str] = frozenset()  # institutions one word names in full, lower case
    ranks: set[tuple[str, ...]] = field(default_factory=set)
    honorifics: set[tuple[str, ...]] = field(default_factory=set)
    indonesia: set[tuple[str, ...]] = field(default_factory=set)  # phrases, matched in any case
    indonesia_acronyms: set[str] = field(default_factory=set)  # all-caps forms, matched as written
    place_cues: set[str] = field(default_factory=set)
    place_heads: set[tuple[str, ...]] = field(default_factory=set)
    not_names: set[str] = field(default_factory=set)
    not_name_parts: set[str] = field(default_factory=set)
    documents: set[tuple[str, ...]] = field(default_factory=set)
    org_cues: set[tuple[str, ...]] = field(default_factory=set)
    max_len: int = 1
    #: legal forms before a company's name ("PT"), lower case
    company_forms: frozenset[str] = frozenset()
    #: verbs that follow a direct quote and precede its speaker ('…," kata Trump'), from
    #: reporting_cues.txt [inverted]: the name after one is a person's or a body's
    after_quote_verbs: frozenset[str] = frozenset()
    #: short names shared by several states ("Korea"): resolved per article, see warta_entities
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: lookup indexes built on first use: id(own phrase set) -> (set, first word -> longest phrase
    #: length); "phrase_starts" and "places_lower" -> the first words of all own sets / of places
    _index: dict = field(default_factory=dict, repr=False)
    #: country_of() answers by text, up to _COUNTRY_CACHE_SIZE of them
    _country_of: dict[str, str | None] = field(default_factory=dict, repr=False)

    def match_at(self, words: list[str], i: int, phrases: set[tuple[str, ...]]) -> int:
        """Length of the longest phrase of `phrases` starting at words[i] (lower-cased words), or 0."""
        entry = self._index.get(id(phrases))
        if entry is None or entry[0] is not phrases:
            entry = self._index_own_set(phrases)
            if entry is None:  # a caller's set: no index kept
                return next((n for n in range(min(self.max_len, len(words) - i), 0, -1)
                             if tuple(words[i:i + n]) in phrases), 0)
        longest = entry[1].get(words[i], 0)
        if not longest:
            return 0  # most words start no phrase: no tuple is built for them
        return self._longest_at(words, i, phrases, longest)

    @staticmethod
    def _longest_at(words: list[str], i: int, phrases: set[tuple[str, ...]], longest: int) -> int:
        """match_at once words[i] is known to start phrases of up to `longest` words."""
        for n in range(min(longest, len(words) - i), 1, -1):
            if tuple(words[i:i + n]) in phrases:
                return n
        return 1 if (words[i],) in phrases else 0

    def _index_own_set(self, phrases: set[tuple[str, ...]]) -> tuple | None:
        """(phrases, first word -> longest phrase length), built once per own set; None for a set
        that is not the gazetteer's (a caller's: it may change, so nothing is kept for it)."""
        if not any(phrases is own for own in self._own_sets()):
            return None
        index: dict[str, int] = {}
        for k in phrases:
            index[k[0]] = max(index.get(k[0], 0), len(k))
        entry = self._index[id(phrases)] = (phrases, index)
        return entry

    def first_words(self, phrases: set[tuple[str, ...]]) -> dict[str, int]:
        """First word -> longest phrase length, for one of the gazetteer's own phrase sets."""
        entry = self._index.get(id(phrases))
        if entry is None or entry[0] is not phrases:
            entry = self._index_own_set(phrases)
            if entry is None:
                raise ValueError("first_words() indexes the gazetteer's own phrase sets only")
        return entry[1]

    def phrase_starters(self) -> set[str]:
        """The first words of the phrases of all own sets; the same set object until one of those
        sets is replaced."""
        own = self._own_sets()
        entry = self._index.get("phrase_starts")
        if entry is None or any(a is not b for a, b in zip(entry[0], own)):
            starters: set[str] = set()
            for phrases in own:
                starters.update(self.first_words(phrases))
            entry = self._index["phrase_starts"] = (own, starters)
        return entry[1]

    def phrase_starts(self, words: list[str]) -> list[int]:
        """Positions of `words` where a phrase of any own set may start (its first word matches):
        the only positions match_lengths() needs to look at."""
        starters = self.phrase_starters()
        return [i for i, w in enumerate(words) if w in starters]

    def match_lengths(self, words: list[str], phrases: set[tuple[str, ...]],
                      starts: list[int] | None = None) -> list[int]:
        """[match_at(words, i, phrases) for every i], looking only at `starts` (phrase_starts(words))."""
        out = [0] * len(words)
        index = self.first_words(phrases)
        for i in (range(len(words)) if starts is None else starts):
            longest = index.get(words[i], 0)
            if longest:
                out[i] = self._longest_at(words, i, phrases, longest)
        return out

    def match_lengths_many(self, words: list[str], phrase_sets: tuple[set[tuple[str, ...]], ...],
                           starts: list[int]) -> list[list[int]]:
        """[match_lengths(words, phrases, starts) for phrases in phrase_sets] (own sets only), in one
        pass over `starts`: one lookup per start in an index of which sets a first word begins."""
        entry = self._index.get(("many", *map(id, phrase_sets)))
        if entry is None or any(a is not b for a, b in zip(entry[0], phrase_sets)):
            by_first_word: dict[str, list[tuple[int, int]]] = {}  # -> [(set number, longest length)]
            for k, phrases in enumerate(phrase_sets):
                for word, longest in self.first_words(phrases).items():
                    by_first_word.setdefault(word, []).append((k, longest))
            entry = self._index[("many", *map(id, phrase_sets))] = (phrase_sets, by_first_word)
        by_first_word = entry[1]
        outs = [[0] * len(words) for _ in phrase_sets]
        for i in starts:
            for k, longest in by_first_word.get(words[i], ()):
                # a set whose phrases starting with words[i] are one word long has that one
                outs[k][i] = 1 if longest == 1 else self._longest_at(words, i, phrase_sets[k], longest)
        return outs

    def _own_sets(self):
        return (self.role_heads, self.org_heads, self.institutions, self.ranks, self.honorifics, self.indonesia,
                self.place_heads, self.documents, self.org_cues)

    def match_place_at(self, words: list[str], i: int) -> tuple[int, Place | None]:
        if 0 <= i < len(words):
            entry = self._index.get("places_lower")
            if entry is None or entry[0] is not self.places_lower or entry[1] != len(self.places_lower):
                index: dict[str, int] = {}  # first word -> longest key length
                for k in self.places_lower:
                    index[k[0]] = max(index.get(k[0], 0), len(k))
                entry = self._index["places_lower"] = (self.places_lower, len(self.places_lower), index)
            longest = entry[2].get(words[i], 0)
            if not longest:
                return 0, None  # no place name starts with this word
            top = min(self.max_len, longest, len(words) - i)
        else:
            top = min(self.max_len, len(words) - i)
        for n in range(top, 0, -1):
            place = self.places_lower.get(tuple(words[i:i + n]))
            if place is not None:
                return n, place
        return 0, None

    def is_title_word(self, words: list[str], i: int) -> int:
        """Length of an honorific, rank or role head at words[i], or 0."""
        return max(self.match_at(words, i, self.honorifics), self.match_at(words, i, self.ranks),
                   self.match_at(words, i, self.role_heads))


def _alpha3_table(preferred: dict[str, str]) -> dict[str, str]:
    """alpha-2 -> alpha-3, computed from CLDR's territory aliases (alpha-3 -> [alpha-2])."""
    from babel.core import get_global

    table: dict[str, str] = {}
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and len(targets) == 1:
            table.setdefault(targets[0], code)
    table.update(preferred)
    return table


def _cldr_country_names(alpha3: dict[str, str]) -> dict[str, str]:
    """Indonesian country names from CLDR ("Korea Utara" -> "PRK"); "Myanmar (Burma)" gives both."""
    from babel import Locale

    names: dict[str, str] = {}
    for code, name in Locale("id").territories.items():
        if len(code) != 2 or code not in alpha3 or " - " in name:
            continue
        for part in [_PAREN_RE.sub(" ", name).strip(), *_PAREN_RE.findall(name)]:
            if part:
                names[part] = alpha3[code]
    return names


def _read_toml(name: str) -> dict:
    return load_toml(name)


def _phrases(values) -> set[tuple[str, ...]]:
    out = set()
    for v in values:
        k = _key(v)
        if k:
            out.add(k)
    return out


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    countries = _read_toml("countries.toml")
    titles = _read_toml("titles.toml")
    g = Gazetteer()
    alpha3 = _alpha3_table(countries.get("preferred_alpha3", {}))
    entries: list[Place] = [Place(n, c, COUNTRY) for n, c in _cldr_country_names(alpha3).items()]
    entries += [Place(n, c, ALIAS) for n, c in countries.get("aliases", {}).items()]
    entries += [Place(n, c, CAPITAL) for n, c in countries.get("capitals", {}).items()]
    entries += [Place(n, c, CAPITAL) for n, c in countries.get("provinces", {}).items()]
    entries += [Place(n, c, INSTITUTION) for n, c in countries.get("institutions", {}).items()]
    entries += [Place(n, c or None, ORGANISATION) for n, c in countries.get("organisations", {}).items()]
    for place in entries:
        g.places[place.name] = place
        key = _key(place.name)
        # an all-caps short form ("AS", "RI") only matches as written: "as" is not the USA
        if key and not (place.name.isupper() and len(place.name) <= 4):
            g.places_lower.setdefault(key, place)
    g.company_forms = frozenset(w.lower() for w in titles["company_forms"]["words"])
    g.after_quote_verbs = frozenset(load_sections("reporting_cues.txt").get("inverted", ()))
    g.ambiguous = {n: tuple(codes) for n, codes in countries.get("ambiguous", {}).items()}
    g.role_heads = _phrases(v for group in titles["roles"].values() for v in group)
    g.role_inner = {w.lower() for group in titles["role_inner"].values() for w in group}
    g.institutions = _phrases(titles["org_heads"]["institutions"])
    g.org_heads = g.institutions | _phrases(titles["org_heads"]["units"])
    g.whole_bodies = frozenset(w.lower() for w in titles["org_heads"]["whole"])
    g.ranks = _phrases(v for group in titles["ranks"].values() for v in group)
    g.honorifics = _phrases(titles["honorifics"]["words"])
    indonesian = titles["indonesia"]["words"]
    g.indonesia_acronyms = {w for w in indonesian if w.isupper()}
    g.indonesia = _phrases(w for w in indonesian if not w.isupper())
    g.place_cues = {w.lower() for w in titles["place_cues"]["words"]}
    g.place_heads = _phrases(titles["place_heads"]["words"])
    g.not_names = set(titles["not_names"]["words"])
    g.not_name_parts = set(titles["not_name_parts"]["words"])
    g.documents = _phrases(titles["documents"]["words"])
    g.org_cues = _phrases(titles["org_cues"]["words"])
    lens = [len(k) for s in (g.places_lower.keys(), g.role_heads, g.org_heads, g.ranks, g.honorifics,
                             g.indonesia, g.place_heads) for k in s]
    g.max_len = max(lens + [len(_key(p.name)) for p in entries])
    return g


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(unicodedata.normalize("NFKC", text or ""))


def place_of(text: str) -> Place | None:
    """The gazetteer place that `text` names exactly (case-sensitive for short all-caps forms)."""
    g = get_gazetteer()
    text = " ".join((text or "").split())
    place = g.places.get(text)
    if place is None:
        key = tuple(w.lower().rstrip(".") for w in _words(text))
        place = g.places_lower.get(key)
    return place


def country_of(text: str) -> str | None:
    """ISO 3166-1 alpha-3 for the first country, alias, capital or institution named in `text`
    ("Korea Utara", "AS", "Kremlin", "Moskow", "Menteri Luar Negeri Rusia"), IDN for an
    Indonesian office or institution with no country named ("Kapolri", "Menteri Keuangan"),
    else None."""
    if not text:
        return None
    g = get_gazetteer()
    # the entity rules ask again for the same names and roles (every mention of an entity)
    cache = g._country_of
    if text in cache:
        return cache[text]
    iso3 = _country_of(g, text)
    if len(cache) >= _COUNTRY_CACHE_SIZE:
        cache.clear()
    cache[text] = iso3
    return iso3


def _country_of(g: Gazetteer, text: str) -> str | None:
    place = place_of(text)
    if place is not None and place.kind != ORGANISATION:
        return place.iso3
    words = _words(text)
    lower = [w.lower().rstrip(".") for w in words]
    for i in range(len(words)):
        place = g.places.get(words[i]) if words[i].isupper() else None  # "AS", "RI"
        if place is None:
            _n, place = g.match_place_at(lower, i)
        if place is not None and place.kind != ORGANISATION:
            return place.iso3
    for i in range(len(words)):
        if words[i] in g.indonesia_acronyms or g.match_at(lower, i, g.indonesia):
            return "IDN"
    return None


def strip_titles(text: str) -> str:
    """`text` without leading honorifics, ranks and role phrases: "AKP Roland Manurung" ->
    "Roland Manurung", "Presiden Rusia Vladimir Putin" -> "Vladimir Putin"."""
    g = get_gazetteer()
    words = (text or "").split()
    lower = [w.lower().rstrip(".,") for w in words]
    i, in_role = 0, False
    while i < len(words):
        n = g.match_at(lower, i, g.honorifics) or g.match_at(lower, i, g.ranks)
        if n:
            i += n
            continue
        n = g.match_at(lower, i, g.role_heads)
        if n:
            i, in_role = i + n, True
            continue
        if in_role:
            n, _place = g.match_place_at(lower, i)
            if n or lower[i] in g.role_inner or words[i].isupper() or words[i] in g.places:
                i += n or 1
                continue
        break
    return " ".join(words[i:]).strip(" ,.;:") or (text or "").strip()
