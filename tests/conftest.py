"""Shared test fixtures: the shared/ data folder and the full pipeline, loaded once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test when shared/ is absent (fails under CI)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repository")
        pytest.skip(f"{path} is absent: these tests need the shared data folder beside the repository")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def nlp():
    """The full warta pipeline (trained model + warta components), built once for the session."""
    from warta.nlp import load

    return load()


@pytest.fixture(scope="session")
def analyze(nlp):
    """analyze(text, title=None, published=None) -> Article, through the full pipeline."""
    from warta.analyze import analyze_sources
    from warta.sources import SourceDocument

    def run(text: str, title: str | None = None, published: str | None = None, url: str | None = None):
        source = SourceDocument(origin="<test>", text=text, title=title, published=published, url=url)
        return next(iter(analyze_sources([source], nlp=nlp)))

    return run
