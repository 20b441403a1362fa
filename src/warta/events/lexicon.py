"""The data warta_events reads: trigger and context lexicons (its own) and the shared gazetteers.

Everything here is read once per process from src/warta/data/ (event_triggers.toml,
event_contexts.toml; countries.toml and titles.toml are warta_entities' gazetteers, read-only).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from warta.data import load_toml


def _read_toml(name: str) -> dict:
    return load_toml(name)


@dataclass(frozen=True)
class Trigger:
    """One trigger group of event_triggers.toml."""

    type: str
    words: tuple[str, ...]
    mode: str | None = None
    nominal: bool = False
    licensed_by: frozenset[str] = frozenset()
    licensed_if_next: frozenset[str] = frozenset()
    object_any: frozenset[str] = frozenset()
    object_none: frozenset[str] = frozenset()
    window: int = 6
    symmetric: bool = False
    scope: bool = False
    inverse_by: frozenset[str] = frozenset()
    target_within: int | None = None
    intent: bool = False


@dataclass
class EventLexicon:
    triggers: list[Trigger]
    #: trigger form (lower case) -> indices of the groups listing it, in file order
    by_form: dict[str, list[int]]
    #: context tag -> keyword phrases (lower case)
    contexts: dict[str, list[str]]
    #: cue words of the modality/negation/clause rules (event_contexts.toml [cues])
    cues: dict[str, frozenset[str]]
    #: country names as written -> ISO 3166-1 alpha-3
    countries: dict[str, str]
    #: place names that stand for a state (capitals, seats of government) -> alpha-3
    places: dict[str, str]
    #: role heads (lower case phrases)
    roles: frozenset[str]
    role_inner: frozenset[str]
    org_heads: frozenset[str]
    honorifics: frozenset[str]
    indonesia: frozenset[str]
    place_heads: frozenset[str]
    not_names: frozenset[str]
    regions: frozenset[str] = field(default_factory=frozenset)
    #: common nouns that name state security forces / crowds, as written -> the name an actor gets
    generic_security: dict[str, str] = field(default_factory=dict)
    generic_groups: dict[str, str] = field(default_factory=dict)
    #: one-word police and military ranks (titles.toml [ranks]): never part of a name
    ranks: frozenset[str] = frozenset()


def _cldr_countries() -> dict[str, str]:
    """Indonesian country names from CLDR (babel), mapped to alpha-3."""
    try:
        import babel
        from babel.core import get_global
    except ImportError:  # pragma: no cover - babel is a dependency of the entity gazetteer
        return {}
    to3: dict[str, str] = {}
    for code, targets in get_global("territory_aliases").items():
        if len(code) == 3 and code.isalpha() and len(targets) == 1 and len(targets[0]) == 2:
            to3.setdefault(targets[0], code)
    preferred = _read_toml("countries.toml").get("preferred_alpha3", {})
    to3.update(preferred)
    out = {}
    for a2, name in babel.Locale("id").territories.items():
        if a2 in to3 and len(a2) == 2 and a2.isalpha():
            out[name] = to3[a2]
    return out


def _flat(value) -> list[str]:
    if isinstance(value, dict):
        return [w for v in value.values() for w in _flat(v)]
    if isinstance(value, list):
        return [str(w) for w in value]
    return []


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    raw = _read_toml("event_triggers.toml")
    triggers: list[Trigger] = []
    by_form: dict[str, list[int]] = {}
    for entry in raw.get("trigger", []):
        trig = Trigger(
            type=entry["type"], words=tuple(w.lower() for w in entry["words"]), mode=entry.get("mode"),
            nominal=entry.get("nominal", False), licensed_by=frozenset(entry.get("licensed_by", [])),
            licensed_if_next=frozenset(entry.get("licensed_if_next", [])),
            object_any=frozenset(entry.get("object_any", [])), object_none=frozenset(entry.get("object_none", [])),
            window=entry.get("window", 6),
            symmetric=entry.get("symmetric", False), scope=entry.get("scope", False),
            inverse_by=frozenset(entry.get("inverse_by", [])), target_within=entry.get("target_within"),
            intent=entry.get("intent", False))
        for form in trig.words:
            by_form.setdefault(form, []).append(len(triggers))
        triggers.append(trig)
    ctx = _read_toml("event_contexts.toml")
    contexts = {tag: [w.lower() for w in words] for tag, words in ctx.get("contexts", {}).items()}
    cues = {name: frozenset(w.lower() for w in words) for name, words in ctx.get("cues", {}).items()}
    countries_raw = _read_toml("countries.toml")
    countries = _cldr_countries()
    countries.update(countries_raw.get("aliases", {}))
    places = dict(countries_raw.get("capitals", {}))
    places.update(countries_raw.get("institutions", {}))
    titles = _read_toml("titles.toml")
    roles = frozenset(w.lower() for w in _flat(titles.get("roles", {})))
    return EventLexicon(
        triggers=triggers, by_form=by_form, contexts=contexts, cues=cues, countries=countries, places=places,
        roles=roles, role_inner=frozenset(w.lower() for w in _flat(titles.get("role_inner", {}))),
        org_heads=frozenset(_flat(titles.get("org_heads", {}))),
        honorifics=frozenset(w.lower().rstrip(".") for w in _flat(titles.get("honorifics", {}))),
        indonesia=frozenset(_flat(titles.get("indonesia", {}))),
        place_heads=frozenset(_flat(titles.get("place_heads", {}))),
        not_names=frozenset(w.lower() for w in _flat(titles.get("not_names", {}))),
        regions=frozenset(ctx.get("regions", {}).get("words", [])),
        generic_security=dict(ctx.get("generic_security", {})),
        generic_groups=dict(ctx.get("generic_groups", {})),
        ranks=frozenset(w for w in _flat(titles.get("ranks", {})) if " " not in w),
    )
