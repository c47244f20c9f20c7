"""Actors stage on invented news text: recognition, resolution within a document, coding."""

from __future__ import annotations

import pytest

from tocsin import nlp
from tocsin.actors import actor_for, annotate, entity_at
from tocsin.config import Config
from tocsin.errors import BadOption
from tocsin.model import DocMeta, Document


def run(text: str, config: Config = Config()):
    document = Document(doc=DocMeta(id="t", published="2025-03-01"), text=text)
    parsed = nlp.parse(text)
    annotate(document, parsed, config)
    return document, parsed


def find(document, name):
    hits = [e for e in document.entities if e.name == name]
    assert hits, f"no entity {name!r} in {[e.name for e in document.entities]}"
    return hits[0]


def holding(document, text):
    """The entity one of whose mentions reads `text`."""
    for e in document.entities:
        if any(m.text == text for m in e.mentions):
            return e
    return None


def span_of(parsed, text, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = parsed.text.index(text, start + 1)
    return parsed.char_span(start, start + len(text), alignment_mode="expand")


ARTICLE = (
    "Chilean President Gabriel Soto met Colombia's Ana Beltrán in Bogota on Monday.\n\n"
    "Mr Soto said the talks had been useful. Ms Beltran did not comment.\n\n"
    "Later, the Chilean leader thanked his Minister of Mines for the preparations.\n\n"
    "Peruvian troops were deployed to the border, defence officials said, according to Reuters.\n\n"
    "The Kremlin said the talks were a provocation, while NATO declined to comment."
)


@pytest.fixture(scope="module")
def article():
    return run(ARTICLE)


def test_title_and_name_give_country_sector_role(article):
    document, _ = article
    soto = find(document, "Gabriel Soto")
    assert (soto.type, soto.code, soto.sector, soto.role, soto.rule) == ("PERSON", "CHL", ["GOV"], "President", "title")
    assert soto.mentions[0].text == "Chilean President Gabriel Soto"


def test_honorific_surname_joins_full_name(article):
    document, _ = article
    soto = find(document, "Gabriel Soto")
    assert "Mr Soto" in [m.text for m in soto.mentions]
    for m in soto.mentions:
        assert document.text[m.start : m.end] == m.text


def test_diacritics_and_possessive_country(article):
    document, _ = article
    beltran = holding(document, "Colombia's Ana Beltrán")
    assert beltran is not None and beltran.name == "Ana Beltrán"
    assert (beltran.code, beltran.rule) == ("COL", "possessive")
    assert holding(document, "Ms Beltran") is beltran


def test_nominal_anaphora_joins_the_compatible_person(article):
    document, _ = article
    assert holding(document, "the Chilean leader") is find(document, "Gabriel Soto")


def test_his_minister_takes_the_country_of_his(article):
    document, _ = article
    minister = holding(document, "his Minister of Mines")
    assert minister is not None and minister is not find(document, "Gabriel Soto")
    assert (minister.code, minister.sector, minister.role) == ("CHL", ["GOV"], "Minister of Mines")
    assert minister.rule == "possessive"


def test_sector_nouns_find_actors_ner_misses(article):
    document, parsed = article
    troops = actor_for(document, span_of(parsed, "Peruvian troops"))
    assert (troops.code, troops.sector) == ("PER", ["MIL"])
    officials = actor_for(document, span_of(parsed, "defence officials"))
    assert officials.code is None and officials.sector == ["GOV"]
    assert holding(document, "defence officials").sector == ["GOV"]


def test_outlet_org_and_metonym(article):
    document, _ = article
    reuters = find(document, "Reuters")
    assert (reuters.type, reuters.code, reuters.sector, reuters.rule) == ("OUTLET", "GBR", ["JRN"], "outlet")
    kremlin = holding(document, "The Kremlin")
    assert (kremlin.code, kremlin.sector, kremlin.rule) == ("RUS", ["GOV"], "metonym")
    nato = find(document, "NATO")
    assert nato.code == "IGO"


def test_capital_in_a_place_phrase_is_the_country_not_its_government(article):
    document, _ = article
    bogota = holding(document, "Bogota")
    assert bogota is not None and bogota.code == "COL" and "GOV" not in bogota.sector


def test_ambiguous_pronoun_left_unresolved_and_clear_one_resolved():
    text = (
        "Brazilian President Marcos Lima called Argentine President Julio Ferraro on Friday after he "
        "returned from Europe.\n\nMr Lima said he would visit Buenos Aires in June."
    )
    document, parsed = run(text)
    first_he = span_of(parsed, "he", 0)
    assert entity_at(document, first_he.start_char, first_he.end_char) is None
    actor = actor_for(document, first_he)
    assert actor is not None and actor.code is None and actor.text == "he"
    second_he = span_of(parsed, " he ", 1)
    lima = find(document, "Marcos Lima")
    assert actor_for(document, second_he[1:2] if len(second_he) > 1 else second_he).entity_id == lima.id


def test_actor_for_returns_entity_and_none_for_non_actors(article):
    document, parsed = article
    soto = find(document, "Gabriel Soto")
    actor = actor_for(document, span_of(parsed, "Mr Soto"))
    assert (actor.entity_id, actor.code, actor.name) == (soto.id, "CHL", "Gabriel Soto")
    assert actor_for(document, span_of(parsed, "the talks")) is None


def test_user_actors_file(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - name: Frente Libertario del Sur\n"
        "    aliases: [FLS]\n"
        "    code: BOL\n"
        "    sector: [REB]\n"
        "sectors:\n"
        "  groups:\n"
        "    ronderos: [CVL]\n"
    )
    text = "The FLS attacked a police post near Cochabamba, while ronderos blocked the road."
    plain, _ = run(text)
    assert all(e.code != "BOL" or e.type == "GPE" for e in plain.entities if e.name != "Bolivia")
    document, parsed = run(text, Config(actors_files=(path,)))
    fls = holding(document, "The FLS")
    assert (fls.name, fls.code, fls.sector, fls.rule) == ("Frente Libertario del Sur", "BOL", ["REB"], "user file")
    assert holding(document, "ronderos").sector == ["CVL"]


def test_bad_user_file_is_a_typed_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n  - name: Somebody\n    code: venezuela\n")
    with pytest.raises(BadOption):
        run("Somebody spoke.", Config(actors_files=(path,)))


def test_shipped_example_actors_file_loads():
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "actors.yaml"
    document, _ = run("Tren de Aragua members clashed with colectivos in Caracas.", Config(actors_files=(example,)))
    assert holding(document, "Tren de Aragua").code == "VEN"
