"""One settings object, read from data/settings.toml and overridable by WARTA_<KEY> variables."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20_000_000
    min_text_chars: int = 40
    batch_size: int = 32
    n_process: int = 1
    db: str = "warta.db"
    kb_batch_size: int = 50
    near_duplicate_threshold: float = 0.8


def _from_toml() -> dict:
    raw = tomllib.loads(resources.files("warta.data").joinpath("settings.toml").read_text("utf-8"))
    flat = {**raw.get("input", {}), **raw.get("pipeline", {})}
    kb = raw.get("kb", {})
    flat.update({"db": kb.get("db", "warta.db"), "kb_batch_size": kb.get("batch_size", 50),
                 "near_duplicate_threshold": kb.get("near_duplicate_threshold", 0.8)})
    return flat


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    values = _from_toml()
    for f in fields(Settings):
        env = os.environ.get(f"WARTA_{f.name.upper()}")
        if env is not None:
            values[f.name] = type(f.default)(env)
    return Settings(**{f.name: values[f.name] for f in fields(Settings) if f.name in values})
