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
