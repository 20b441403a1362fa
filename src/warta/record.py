"""The article record, `warta.article/1` (shared/spec/article-schema.md), as typed classes.

Everything downstream (knowledge base, web, exports, evaluation) reads this shape. Fields may be
added; none may be renamed or dropped without a new schema version. Offsets are Python string
indices (code points) into `text`, end-exclusive.
"""
from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "warta.article/1"

QuoteKind = Literal["direct", "indirect", "mixed"]
StanceKind = Literal["confirm", "deny", "neither_confirm_nor_deny", "no_comment", "without_evidence"]


class _Model(BaseModel):
    # Unknown fields are kept on read so records written by newer versions round-trip.
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Related(_Model):
    label: str
    title: str
    url: str | None = None


class Mention(_Model):
    start: int
    end: int
    text: str


class Entity(_Model):
    id: str
    name: str
    type: str  # PERSON | ORG | LOC (more allowed)
    country: str | None = None
    roles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    # added field: affiliations and ranks kept out of the name ("Kepolisian Sektor Tamansari", "AKP")
    affiliations: list[str] = Field(default_factory=list)
    # added field: police/military ranks written before the name ("Ajun Komisaris", "Kombes")
    ranks: list[str] = Field(default_factory=list)


class Speaker(_Model):
    name: str
    entity: str | None = None
    mention: str | None = None
    # added field: span of the mention that names the speaker in this act
    start: int | None = None
    end: int | None = None


class Quote(_Model):
    id: str
    kind: QuoteKind
    content: str
    start: int
    end: int
    cue: str | None = None
    speaker: Speaker | None = None
    speakers: list[Speaker] = Field(default_factory=list)
    # added field: span of the cue word in text
    cue_start: int | None = None
    cue_end: int | None = None


class Source(_Model):
    name: str
    entity: str | None = None


class Stance(_Model):
    who: str
    stance: StanceKind
    entity: str | None = None
    # added field: the evidence of the stance
    start: int | None = None
    end: int | None = None


class Claim(_Model):
    id: str
    value: float | int
    unit: str | None = None
    approximate: bool = False
    statement: str
    start: int
    end: int
    sources: list[Source] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    # added fields
    quote: str | None = None  # id of the quote that carries the number
    currency: str | None = None  # ISO 4217 when the unit is money
    bound: Literal["exact", "lower", "upper", "range"] | None = None
    value_max: float | int | None = None  # upper end of a range
    number_text: str | None = None  # the number as written
    number_start: int | None = None
    number_end: int | None = None


class Actor(_Model):
    name: str
    country: str | None = None
    entity: str | None = None


class Evidence(_Model):
    start: int
    end: int
    text: str


class Event(_Model):
    id: str
    type: str  # PLOVER event type
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    targets: list[Actor] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_resolved: str | None = None
    evidence: Evidence
    reported_by: str | None = None
    # added field: the trigger as written
    trigger: str | None = None


class Article(_Model):
    schema_: str = Field(default=SCHEMA_VERSION, alias="schema")
    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None
    authors: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)
    language: str = "id"
    related: list[Related] = Field(default_factory=list)
    text: str = ""
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    # added fields: where the record came from, and why it failed (absent when it did not)
    source: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.model_dump(by_alias=True, mode="json")
        if data.get("error") is None:
            data.pop("error", None)
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        return cls.model_validate(data)

    @classmethod
    def from_json(cls, text: str) -> "Article":
        return cls.from_dict(json.loads(text))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the record, generated from the classes above."""
    schema = Article.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://warta.example/schema/warta.article-1.json"
    return schema


def error_record(source: str, message: str, *, id: str | None = None, url: str | None = None) -> Article:
    """The record for an input that could not be analysed: the batch goes on."""
    from warta.ids import article_id

    return Article(id=id or article_id(source=source), url=url, source=source, error=message)


SCHEMA_FILE = "article.schema.json"


def write_json_schema() -> str:
    """Regenerate src/warta/data/article.schema.json from the classes (python -m warta.record)."""
    from importlib import resources

    path = resources.files("warta.data").joinpath(SCHEMA_FILE)
    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    with open(str(path), "w", encoding="utf-8") as fh:
        fh.write(text)
    return str(path)


if __name__ == "__main__":
    print(write_json_schema())
