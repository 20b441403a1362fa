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
    _index: dict = field(default_factory=dict, repr=False)

    def match_at(self, words: list[str], i: int, phrases: set[tuple[str, ...]]) -> int:
        """Length of the longest phrase of `phrases` starting at words[i] (lower-cased words), or 0."""
        entry = self._index.get(id(phrases))
        if entry is None or entry[0] is not phrases:
            if not any(phrases is own for own in self._own_sets()):  # a caller's set: no index kept
                return next((n for n in range(min(self.max_len, len(words) - i), 0, -1)
                             if tuple(words[i:i + n]) in phrases), 0)
            index: dict[str, int] = {}  # first word -> longest phrase length, once per own set
            for k in phrases:
                index[k[0]] = max(index.get(k[0], 0), len(k))
            entry = self._index[id(phrases)] = (phrases, index)
        longest = entry[1].get(words[i], 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            if n == 1 or tuple(words[i:i + n]) in phrases:
                if n == 1 and (words[i],) not in phrases:
                    continue
                return n
        return 0

    def _own_sets(self):
        return (self.role_heads, self.org_heads, self.institutions, self.ranks, self.honorifics, self.indonesia,
                self.place_heads, self.documents, self.org_cues)

    def match_place_at(self, words: list[str], i: int) -> tuple[int, Place | None]:
        for n in range(min(self.max_len, len(words) - i), 0, -1):
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
    place = place_of(text)
    if place is not None and place.kind != ORGANISATION:
        return place.iso3
    g = get_gazetteer()
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
