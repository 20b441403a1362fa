"""Output formats of `warta analyze`, registered by name.

A new format is a registration, not an edit of the CLI:

    @output_format("my-format")
    def write_my_format(records: Iterable[Article], out: TextIO) -> None: ...
"""
from __future__ import annotations

import json
from typing import Callable, Iterable, Iterator, TextIO

from warta.record import Article

Writer = Callable[[Iterable[Article], TextIO], None]
FORMATS: dict[str, Writer] = {}


def output_format(name: str) -> Callable[[Writer], Writer]:
    def register(fn: Writer) -> Writer:
        FORMATS[name] = fn
        return fn
    return register


def load_formats() -> dict[str, Writer]:
    """All formats, including those registered by the stages (imported here so they register)."""
    import warta.events.tsv  # noqa: F401
    import warta.pretty  # noqa: F401
    return FORMATS


@output_format("jsonl")
def write_jsonl(records: Iterable[Article], out: TextIO) -> None:
    for record in records:
        out.write(record.to_json() + "\n")
        out.flush()


@output_format("json")
def write_json(records: Iterable[Article], out: TextIO) -> None:
    """One record as an object; several as a list."""
    items: list[dict] = [r.to_dict() for r in records]
    payload = items[0] if len(items) == 1 else items
    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def tee_errors(records: Iterable[Article], failures: list[Article]) -> Iterator[Article]:
    for record in records:
        if record.error:
            failures.append(record)
        yield record
