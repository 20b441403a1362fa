"""One settings object, read from data/settings.toml and overridable by WARTA_<KEY> variables."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from warta.data import load_toml


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 20_000_000
    min_text_chars: int = 40
    max_text_chars: int = 1_000_000
    batch_size: int = 32
    n_process: int = 1
    db: str = "warta.db"
    kb_batch_size: int = 50
    near_duplicate_threshold: float = 0.8
    kb_claim_window_days: int = 14
    kb_claim_similarity: float = 0.5
    kb_event_window_days: int = 3
    claims_repeat_window: int = 400
    claims_repeat_min_topic: int = 2
    claims_min_stance_topic: int = 4


def _from_toml() -> dict:
    raw = load_toml("settings.toml")
    flat = {**raw.get("input", {}), **raw.get("pipeline", {})}
    kb = raw.get("kb", {})
    flat.update({"db": kb.get("db", "warta.db"), "kb_batch_size": kb.get("batch_size", 50),
                 "near_duplicate_threshold": kb.get("near_duplicate_threshold", 0.8)})
    flat.update({f"kb_{k}": v for k, v in kb.items() if k in ("claim_window_days", "claim_similarity",
                                                              "event_window_days")})
    flat.update({f"claims_{k}": v for k, v in raw.get("claims", {}).items()})
    return flat


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    values = _from_toml()
    for f in fields(Settings):
        env = os.environ.get(f"WARTA_{f.name.upper()}")
        if env is not None:
            values[f.name] = type(f.default)(env)
    return Settings(**{f.name: values[f.name] for f in fields(Settings) if f.name in values})
