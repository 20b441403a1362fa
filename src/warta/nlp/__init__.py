"""warta's spaCy pipeline: the trained Indonesian base model plus warta's named components.

`load()` builds it once per process; components are registered factories (warta_entities,
warta_quotes, warta_claims, warta_events) so a user can disable or replace one:

    nlp = warta.nlp.load()
    nlp.disable_pipe("warta_events")
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

from warta.nlp.extensions import register_extensions

#: the components warta adds after the trained base model, in order
WARTA_COMPONENTS = ("warta_entities", "warta_quotes", "warta_claims", "warta_events")


def model_path() -> Path:
    return Path(str(resources.files("warta.data").joinpath("model")))


def load_base() -> Language:
    """The trained base pipeline (tokenizer, parser, tagger, NER) shipped in warta/data/model, with
    warta_sentence_hints before the parser and warta_sentence_repair after it."""
    import warta.nlp.tokenizer  # noqa: F401  (registers the tokenizer the model's config names)

    path = model_path()
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(f"warta's trained model is missing at {path}; run `python training/train.py`")
    from warta.nlp.sentences import add_sentence_hints

    return add_sentence_hints(spacy.load(path))


def register_components() -> None:
    """Import the modules whose @Language.factory decorators register warta's components."""
    register_extensions()
    import warta.attribution.component  # noqa: F401
    import warta.claims.component  # noqa: F401
    import warta.events.component  # noqa: F401
    import warta.nlp.entities  # noqa: F401


@lru_cache(maxsize=1)
def load() -> Language:
    """The full pipeline, built once per process."""
    register_components()
    nlp = load_base()
    for name in WARTA_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp
