import json

from tocsin.model import (
    Attribution, Document, DocMeta, Entity, Event, EventActor, Location, Mention, Removed, Segment, json_schema,
)


def _document() -> Document:
    text = "Mr Trump called Mr Maduro on Friday."
    return Document(
        doc=DocMeta(id="d1", published="2025-12-01"),
        text=text,
        removed=[Removed(start=0, end=14, text="Picture: Getty", reason="credit")],
        offset_map=[Segment(start=0, orig_start=16, length=len(text))],
        entities=[Entity(id="e1", name="Donald Trump", type="PERSON", code="USA", sector=["GOV"],
                         mentions=[Mention(text="Mr Trump", start=0, end=8)])],
        events=[Event(id="d1-e1", doc_id="d1", event="CONSULT", mode=["phone"],
                      actor=[EventActor(text="Mr Trump", code="USA", entity_id="e1")],
                      text=text, span=(0, len(text)), event_text="called", event_span=(9, 15),
                      event_loc=Location(name="Caribbean Sea"),
                      attribution=Attribution(hedges=["reportedly"], status="claimed"))],
    )


def test_json_round_trip_is_lossless():
    doc = _document()
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert json.loads(again.to_json())["events"][0]["span"] == [0, len(doc.text)]


def test_unknown_fields_are_refused():
    data = json.loads(_document().to_json())
    data["events"][0]["evnet"] = "ASSAULT"
    try:
        Document.model_validate(data)
    except ValueError as err:
        assert "evnet" in str(err)
    else:
        raise AssertionError("a misspelt field was accepted")


def test_original_offset_follows_segments():
    doc = _document()
    assert doc.original_offset(0) == 16
    assert doc.original_offset(9) == 25


def test_schema_names_plover_fields():
    schema = json.loads(json_schema())
    event = schema["$defs"]["Event"]["properties"]
    for field in ("actor", "recipient", "event", "mode", "context", "event_loc", "event_text", "quad_code",
                  "event_scale", "auxiliary"):
        assert field in event
