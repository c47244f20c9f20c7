"""The dated actor knowledge base and actors from context, on invented people and articles.

Every person, party and quote below is invented; the small dictionaries are written to a temporary
--actors file (people: / organisations:, the layout of tocsin/data/office_holders.yaml).
"""

from __future__ import annotations

import pytest

from tocsin import nlp
from tocsin.actors import annotate, context, knowledge
from tocsin.config import Config
from tocsin.errors import BadOption
from tocsin.model import DocMeta, Document, Event, EventActor, Quote, Ref

KB = """
people:
  ITA:
  - {name: Aldo Verrani, aliases: [A. Verrani], spans: [[2019-01-01, 2022-01-01]]}
  KEN:
  - {name: Jane Wambui Otieno, spans: [[2020-01-01, null, GOV]]}
  UGA:
  - {name: Peter Otieno, spans: [[2021-01-01, null, OPP]]}
  EUR:
  - {name: Hedda Lindqvist, spans: [[2016-01-01, 2020-01-01, GOV, SWE], [2020-01-01]]}
organisations:
  KEN:
  - {name: Unity Front, sector: PTY}
  GHA:
  - {name: Unity Front, sector: OPP}
"""


@pytest.fixture
def kb_file(tmp_path):
    path = tmp_path / "kb.yaml"
    path.write_text(KB, encoding="utf-8")
    return path


def entities(text: str, published: str, path) -> list:
    document = Document(doc=DocMeta(id="t", published=published), text=text)
    annotate(document, nlp.parse(text), Config(actors_files=(path,)))
    return document.entities


def holding(ents, text):
    for e in ents:
        if any(text in m.text for m in e.mentions):
            return e
    raise AssertionError(f"no entity with a mention {text!r} in {[(e.name, e.mentions) for e in ents]}")


def test_a_leader_in_office_is_government_and_an_elite_after_the_term(kb_file):
    text = "Aldo Verrani criticised the new budget on Tuesday."
    during = holding(entities(text, "2020-06-01", kb_file), "Aldo Verrani")
    after = holding(entities(text, "2024-06-01", kb_file), "Aldo Verrani")
    assert (during.code, during.sector, during.rule) == ("ITA", ["GOV"], "knowledge base")
    assert (after.code, after.sector) == ("ITA", ["ELI"])


def test_a_span_moves_a_person_to_another_body(kb_file):
    text = "Hedda Lindqvist visited the flooded region."
    assert holding(entities(text, "2018-03-01", kb_file), "Hedda Lindqvist").code == "SWE"
    assert holding(entities(text, "2021-03-01", kb_file), "Hedda Lindqvist").code == "EUR"


def test_aliases_and_accents_fold_to_the_same_person(kb_file):
    assert holding(entities("A. Verrani spoke to reporters in Rome.", "2020-06-01", kb_file), "A. Verrani").code == "ITA"
    accented = holding(entities("Aldo Verranì spoke to reporters.", "2020-06-01", kb_file), "Aldo Verranì")
    assert accented.code == "ITA"


def test_a_bare_surname_needs_a_fuller_mention_or_a_unique_office_holder(kb_file):
    # back-reference: the article named him in full first
    ents = entities("Aldo Verrani arrived late. Later Verrani denied the report.", "2024-06-01", kb_file)
    assert holding(ents, "Verrani").code == "ITA"
    # alone: the one office-holder of that name in office on the day
    assert holding(entities("The report was denied by Mr Verrani on Tuesday.", "2020-06-01", kb_file), "Verrani").code == "ITA"
    # alone and out of office: not enough to name him
    assert holding(entities("The report was denied by Mr Verrani on Tuesday.", "2024-06-01", kb_file), "Verrani").code is None
    # office-holders of two countries called Otieno in office: the surname alone names neither
    assert holding(entities("In the end, Otieno denied the report.", "2022-06-01", kb_file), "Otieno").code is None


def test_the_text_beats_the_knowledge_base(kb_file):
    ents = entities("Spanish official Aldo Verrani denied the report.", "2020-06-01", kb_file)
    assert holding(ents, "Aldo Verrani").code == "ESP"


def test_a_name_several_countries_share_goes_to_the_article_country(kb_file):
    kenya = ("Kenyan lawmakers met in Nairobi. Kenya's president spoke to Kenyan farmers. "
             "The Unity Front rejected the bill.")
    ghana = "Ghana's president met Ghanaian chiefs in Accra. Ghana's cabinet agreed. The Unity Front rejected the bill."
    assert holding(entities(kenya, "2022-06-01", kb_file), "Unity Front").code == "KEN"
    assert holding(entities(ghana, "2022-06-01", kb_file), "Unity Front").code == "GHA"
    assert holding(entities("The Unity Front rejected the bill.", "2022-06-01", kb_file), "Unity Front").code is None


def test_shipped_knowledge_base_knows_a_leader_without_a_title():
    kb = knowledge.load()
    hit = kb.lookup("Angela Merkel", "2019-05-01")
    assert (hit.code, hit.sectors) == ("DEU", ("GOV",))
    assert kb.lookup("Angela Merkel", "2023-05-01").sectors == ("ELI",)


def test_a_malformed_user_knowledge_file_is_a_typed_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("people:\n  ITA:\n  - {aliases: [nobody]}\n", encoding="utf-8")
    with pytest.raises(BadOption):
        entities("Somebody spoke.", "2020-01-01", path)


# -- actors from context -------------------------------------------------------------------

def _document(text: str, entities_: list, quotes=(), events=()) -> tuple[Document, object]:
    document = Document(doc=DocMeta(id="t", published="2022-01-01"), text=text,
                        entities=entities_, quotes=list(quotes), events=list(events))
    return document, nlp.parse(text)


def _entity(eid, name, typ, code, text, mentions):
    from tocsin.model import Entity, Mention

    return Entity(id=eid, name=name, type=typ, code=code,
                  mentions=[Mention(text=m, start=text.index(m), end=text.index(m) + len(m)) for m in mentions])


def _event(text, sentence, kind, actor_text, occurrence=0):
    start = text.index(sentence)
    at = text.index(actor_text, start) if actor_text else None
    actor = [EventActor(text=actor_text, start=at, end=at + len(actor_text))] if actor_text else []
    return Event(id=f"ev{start}", doc_id="t", event=kind, actor=actor, text=sentence,
                 span=(start, start + len(sentence)), event_text=kind.lower())


def test_we_in_a_quote_is_the_speaker_country():
    text = "“We will not accept this,” said the Kenyan minister Jane Wambui. The talks ended."
    minister = _entity("e1", "Jane Wambui", "PERSON", "KEN", text, ["Jane Wambui"])
    q_start = text.index("“")
    quote = Quote(id="q1", text=text[q_start:text.index("”") + 1], start=q_start, end=text.index("”") + 1,
                  speaker=Ref(name="Jane Wambui", entity_id="e1"))
    event = _event(text, text.split(" said")[0], "REJECT", "We")
    document, parsed = _document(text, [minister], [quote], [event])
    context.fill(document, parsed)
    actor = document.events[0].actor[0]
    assert (actor.code, actor.from_context) == ("KEN", True)
    assert actor.evidence.text == "Jane Wambui"


def test_he_refers_back_to_the_coded_person():
    text = "Aldo Verrani visited the port. He then criticised the harbour police."
    person = _entity("e1", "Aldo Verrani", "PERSON", "ITA", text, ["Aldo Verrani"])
    event = _event(text, "He then criticised the harbour police.", "ACCUSE", "He")
    document, parsed = _document(text, [person], events=[event])
    context.fill(document, parsed)
    actor = document.events[0].actor[0]
    assert (actor.code, actor.from_context) == ("ITA", True)
    assert actor.evidence in person.mentions


def test_a_domestic_group_takes_the_article_country_and_a_foreign_one_does_not():
    text = ("Chile's president spoke in Santiago. Chile's senate met. Chile's courts agreed. "
            "Protesters blocked the road. Peru's army answered.")
    chile = _entity("e1", "Chile", "GPE", "CHL", text, ["Chile's president", "Chile's senate", "Chile's courts"])
    peru = _entity("e2", "Peru", "GPE", "PER", text, ["Peru's army"])
    protest = _event(text, "Protesters blocked the road.", "PROTEST", "Protesters")
    protest.actor[0].sector = ["CVL"]
    document, parsed = _document(text, [chile, peru], events=[protest])
    context.fill(document, parsed)
    assert (document.events[0].actor[0].code, document.events[0].actor[0].from_context) == ("CHL", True)
    # no clear main country: nothing is guessed
    text2 = "Chile's president spoke. Peru's army answered. Protesters blocked the road."
    chile2 = _entity("e1", "Chile", "GPE", "CHL", text2, ["Chile's president"])
    peru2 = _entity("e2", "Peru", "GPE", "PER", text2, ["Peru's army"])
    protest2 = _event(text2, "Protesters blocked the road.", "PROTEST", "Protesters")
    protest2.actor[0].sector = ["CVL"]
    document2, parsed2 = _document(text2, [chile2, peru2], events=[protest2])
    context.fill(document2, parsed2)
    assert document2.events[0].actor[0].code is None


def test_a_material_event_told_again_keeps_its_actor():
    text = "Narnian artillery shelled the village on Monday. Three people were wounded in the shelling."
    first = _event(text, "Narnian artillery shelled the village on Monday.", "ASSAULT", "Narnian artillery")
    first.actor[0].code = "ARM"
    again = _event(text, "Three people were wounded in the shelling.", "ASSAULT", "")
    document, parsed = _document(text, [], events=[first, again])
    context.fill(document, parsed)
    actor = document.events[1].actor[0]
    assert (actor.code, actor.from_context, actor.evidence.text) == ("ARM", True, "Narnian artillery")
    # a verbal event with no actor is not given one
    verbal = _event(text, "Three people were wounded in the shelling.", "ACCUSE", "")
    document, parsed = _document(text, [], events=[first, verbal])
    context.fill(document, parsed)
    assert document.events[1].actor == []


def test_a_user_file_wins_over_the_shipped_knowledge_base(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("people:\n  EUR:\n  - {name: Angela Merkel, spans: [[2030-01-01]]}\n", encoding="utf-8")
    text = "Angela Merkel opened the summit."
    assert holding(entities(text, "2030-06-01", path), "Angela Merkel").code == "EUR"
    plain = tmp_path / "none.yaml"
    plain.write_text("actors: []\n", encoding="utf-8")
    assert holding(entities(text, "2030-06-01", plain), "Angela Merkel").code == "DEU"


def test_a_surname_ner_takes_for_a_nationality_is_still_the_office_holder(kb_file):
    ents = entities("On Tuesday, Verrani denied the report.", "2020-06-01", kb_file)
    person = holding(ents, "Verrani")
    assert (person.type, person.code) == ("PERSON", "ITA")
    assert not [e for e in entities("On Tuesday, Verrani denied the report.", "2024-06-01", kb_file)
                if e.name == "Verrani"]


# -- the data and its generator ------------------------------------------------------------

def test_office_holders_file_is_consistent():
    import datetime
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("tocsin.data").joinpath("office_holders.yaml").read_text(encoding="utf-8"))
    countries = yaml.safe_load(resources.files("tocsin.data").joinpath("countries.yaml").read_text(encoding="utf-8"))
    codes = {c["code"] for c in countries["countries"]} | {c["code"] for c in countries["plover_codes"]} | {"VAT"}
    sectors = set(yaml.safe_load(resources.files("tocsin.data").joinpath("sectors.yaml").read_text())["codes"])
    for part in ("people", "organisations"):
        for code, items in data[part].items():
            assert code in codes, code
            for item in items:
                for span in item.get("spans") or ():
                    start, end = span[0], span[1] if len(span) > 1 else None
                    assert isinstance(start, datetime.date), (item["name"], span)
                    assert end is None or start < end, (item["name"], span)
                    assert len(span) < 3 or span[2] in sectors, (item["name"], span)
                    assert len(span) < 4 or span[3] in codes, (item["name"], span)
                assert item.get("sector") is None or item["sector"] in sectors, item["name"]


def test_generator_folds_old_codes_and_drops_regional_ones(tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "scripts" / "make_actor_kb.py"
    spec = importlib.util.spec_from_file_location("make_actor_kb", script)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    known = gen.countries()
    assert gen.parse_code("ANGGOV", known) == ("AGO", ["GOV"])
    assert gen.parse_code("IGOUNOKID", known) == ("UNO", [])
    assert gen.parse_code("SASREB", known) == (None, ["REB"])
    assert gen.parse_code("MED", known) is None
    source = tmp_path / "tiny.actors.txt"
    source.write_text(
        "NARNIA_  [ANG]\n+CAIR_PARAVEL_\n\n"
        "PRESIDENT_ALDO_VERRANI_  # invented\n+ALDO_VERRANI_\n+VERRANI_\n"
        "\t[ANGGOV 190101-220101]\n\t[ANGELI]\n", encoding="utf-8")
    rows = [e for e in gen.read_phoenix(source, known, "test") if gen.keep(e)]
    assert [(e["name"], e["aliases"], e["spans"], e["default"]) for e in rows] == [
        ("Aldo Verrani", ["Verrani"], [["AGO", ["GOV"], "2019-01-01", "2022-01-01"]], ["AGO", ["ELI"]])]


def test_the_president_refers_back_to_the_office_holder_named_before():
    text = ("President Aldo Verrani flew to Nairobi. Verrani met traders there. Kenya hosted him. "
            "The president later criticised Kenya's tariffs.")
    person = _entity("e1", "Aldo Verrani", "PERSON", "ITA", text, ["President Aldo Verrani", "Verrani"])
    person.sector = ["GOV"]
    event = _event(text, "The president later criticised Kenya's tariffs.", "ACCUSE", "The president")
    event.actor[0].sector = ["GOV"]
    document, parsed = _document(text, [person], events=[event])
    context.fill(document, parsed)
    actor = document.events[0].actor[0]
    assert (actor.code, actor.from_context) == ("ITA", True)
    assert actor.evidence in person.mentions


def test_a_speech_act_inside_a_quote_with_no_actor_is_the_speaker_s():
    text = "“Release the prisoners now,” said Jane Wambui, Kenya's envoy."
    envoy = _entity("e1", "Jane Wambui", "PERSON", "KEN", text, ["Jane Wambui"])
    end = text.index("”") + 1
    quote = Quote(id="q1", text=text[:end], start=0, end=end, speaker=Ref(name="Jane Wambui", entity_id="e1"))
    event = _event(text, text, "REQUEST", "")
    at = text.index("Release")
    event.event_span = (at, at + len("Release"))
    document, parsed = _document(text, [envoy], [quote], [event])
    context.fill(document, parsed)
    actor = document.events[0].actor[0]
    assert (actor.code, actor.from_context, actor.text) == ("KEN", True, "Jane Wambui")


def test_a_knowledge_base_read_back_from_the_data_cache_keeps_its_ranks():
    # The shipped base is kept pickled; ranks (a hand-written entry over a generated one) must survive.
    import pickle

    kb = knowledge.KnowledgeBase()
    generated = knowledge.Actor("Mara Quell", (knowledge._span("NOR", "GOV", "2020-01-01"),), None, "wikidata", True)
    kb.add(generated, ["Mara Quell"], 1)
    knowledge.add_hand_written(kb, {"people": {"DNK": [{"name": "Mara Quell", "spans": [["2020-01-01"]]}]}},
                               "hand", 2)
    copy = pickle.loads(pickle.dumps(kb))
    assert copy.lookup("Mara Quell", "2021-01-01").code == kb.lookup("Mara Quell", "2021-01-01").code == "DNK"
    assert copy.surname("Quell", "2021-01-01").code == "DNK"
