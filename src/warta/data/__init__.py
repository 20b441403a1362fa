"""warta's data files: lexicons, portal rules, settings, the JSON Schema and the trained model."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


def read_text(name: str) -> str:
    """The text of a data file shipped in this package."""
    return resources.files(__name__).joinpath(name).read_text("utf-8")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    """A TOML data file, parsed once per process (treat the result as read-only)."""
    return tomllib.loads(read_text(name))


@lru_cache(maxsize=None)
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A lexicon of `[section]` headers and one lower-cased entry per line (`#` starts a comment),
    such as reporting_cues.txt; parsed once per process."""
    sections: dict[str, list[str]] = {}
    current = None
    for raw in read_text(name).splitlines():
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif current is not None and line not in current:
            current.append(line)
    return {k: tuple(v) for k, v in sections.items()}
