"""The article record: JSON round trip and the JSON Schema generated from the classes."""
import json
from importlib import resources

import jsonschema
import pytest

from warta.record import SCHEMA_VERSION, Article, Entity, Mention, Quote, Speaker, error_record, json_schema


def sample() -> Article:
    text = '"Kami siap membantu," kata Budi Santoso.'
    return Article(
        id="a1", title="Contoh", text=text, outlet="WARTAWARGA.ID", dateline="JAKARTA", published="2025-10-21",
        entities=[Entity(id="e1", name="Budi Santoso", type="PERSON", country="IDN",
                         mentions=[Mention(start=27, end=39, text="Budi Santoso")])],
        quotes=[Quote(id="q1", kind="direct", content="Kami siap membantu", start=1, end=19, cue="kata",
                      speaker=Speaker(name="Budi Santoso", entity="e1", mention="Budi Santoso"))],
    )


def test_round_trip_is_lossless():
    record = sample()
    again = Article.from_json(record.to_json())
    assert again == record
    assert again.to_dict() == record.to_dict()


def test_schema_field_and_offsets():
    data = sample().to_dict()
    assert data["schema"] == SCHEMA_VERSION
    assert "error" not in data  # only failed records carry it
    q = data["quotes"][0]
    assert data["text"][q["start"]:q["end"]] == q["content"]


def test_every_documented_field_is_present():
    data = sample().to_dict()
    for key in ("schema", "id", "url", "title", "outlet", "dateline", "published", "authors", "editors",
                "language", "related", "text", "entities", "quotes", "claims", "events"):
        assert key in data, key


def test_records_validate_against_the_shipped_schema():
    shipped = json.loads(resources.files("warta.data").joinpath("article.schema.json").read_text("utf-8"))
    assert shipped == json_schema(), "article.schema.json is stale: run `python -m warta.record`"
    jsonschema.validate(sample().to_dict(), shipped)
    jsonschema.validate(error_record("x.txt", "empty input").to_dict(), shipped)


def test_schema_rejects_a_wrong_kind():
    data = sample().to_dict()
    data["quotes"][0]["kind"] = "rumour"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())


def test_error_record_has_stable_id_and_message():
    a, b = error_record("x.txt", "empty input"), error_record("x.txt", "empty input")
    assert a.id == b.id and a.to_dict()["error"] == "empty input"
