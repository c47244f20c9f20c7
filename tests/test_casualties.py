"""Death tolls: what counts as a death, how counts are qualified, and which event gets them."""


import pytest

from tocsin import casualties, nlp
from tocsin.config import DEFAULT
from tocsin.model import DocMeta, Document, Mention

from hand_events import with_events


def toll_of(sentence):
    found = [t for sent in nlp.parse(sentence).sents for t in casualties.tolls(sent)]
    return [(t.number, t.qualifier) for t in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Ecuador has denounced the bombings, which have killed more than 80 people.", [(80, "at least")]),
        ("At least 12 people were killed when a car bomb exploded outside the ministry.", [(12, "at least")]),
        ("The blast left at least 12 dead and dozens injured.", [(12, "at least")]),
        ("Gunmen killed five villagers and wounded 30 others.", [(5, "exact")]),
        ("Dozens were killed in the airstrikes, officials said.", [(24, "at least")]),
        ("Rebels stormed the town, killing dozens of civilians.", [(24, "at least")]),
        ("Police said three protesters died in the clashes.", [(3, "exact")]),
        ("The death toll from the landslide rose to 45.", [(45, "exact")]),
        ("The fighting has left nearly 300 dead since March.", [(300, "about")]),
        ("The floods have killed twenty-five people.", [(25, "exact")]),
        ("A strike on a school killed 1,200 people, the ministry said.", [(1200, "exact")]),
        ("The attack on a fishing boat carrying 11 people left only two survivors.", [(9, "exact")]),
        ("The dinghy was carrying 14 migrants and there were no survivors.", [(14, "exact")]),
    ],
)
def test_death_tolls(sentence, expected):
    assert toll_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "About 30 people were wounded in the shelling.",
        "Two hundred protesters marched to the parliament.",
        "Troops detained 40 suspects during the raid.",
        "The militia has 3,000 fighters in the province.",
    ],
)
def test_counts_that_are_not_deaths(sentence):
    assert toll_of(sentence) == []


def test_text_and_offsets_point_at_the_count():
    sentence = "Officials said the raid killed at least 17 fighters."
    (toll,) = [t for s in nlp.parse(sentence).sents for t in casualties.tolls(s)]
    assert toll.text == "at least 17 fighters" and sentence[toll.start : toll.end] == toll.text


def annotate(text, triggers):
    document, parsed = with_events(text, triggers)
    casualties.annotate(document, parsed, DEFAULT)
    return [e.fatalities for e in document.events]


def test_relative_clause_gives_the_toll_to_the_attacks_not_the_condemnation():
    text = "The government condemned the air strikes, which have killed more than 40 people.\n"
    condemned, strikes = annotate(text, ["condemned", "strikes"])
    assert condemned is None
    assert (strikes.number, strikes.qualifier, strikes.text) == (40, "at least", "more than 40 people")


def test_argument_relative_clause_when_it_is_the_only_event():
    text = "The government condemned the air strikes, which have killed more than 40 people.\n"
    (condemned,) = annotate(text, ["condemned"])
    assert condemned.number == 40


def test_toll_stays_with_its_own_sentence_and_event():
    text = "Gunmen killed six miners on Sunday.\nThe army deployed troops to the region.\n"
    killed, deployed = annotate(text, ["killed", "deployed"])
    assert (killed.number, killed.qualifier) == (6, "exact") and deployed is None


def test_wounded_never_become_fatalities():
    (hit,) = annotate("A rocket hit the market and about 30 were wounded.\n", ["hit"])
    assert hit is None


def test_toll_on_a_later_mention_goes_to_the_event_it_names():
    text = (
        "Gunmen attacked a police post near Garissa on Friday.\n"
        "The governor condemned the attacks, which have killed more than 20 people.\n"
    )
    document, parsed = with_events(text, ["attacked", "condemned"], event=["ASSAULT", "ACCUSE"])
    start = text.index("the attacks")
    document.events[0].mentions.append(Mention(text="the attacks", start=start, end=start + len("the attacks")))
    casualties.annotate(document, parsed, DEFAULT)
    attack, condemnation = (e.fatalities for e in document.events)
    assert condemnation is None
    assert (attack.number, attack.qualifier, attack.text) == (20, "at least", "more than 20 people")


def test_pipeline_gives_the_toll_of_the_condemned_attacks_to_the_attack():
    from tocsin.actors import annotate as annotate_actors
    from tocsin.events import annotate as annotate_events

    text = (
        "Ethiopian troops attacked a market in the town of Dolo on Friday.\n"
        "Somalia condemned the attacks, which killed 14 people.\n"
    )
    parsed = nlp.parse(text)
    document = Document(doc=DocMeta(id="d", published="2025-12-01"), text=text)
    annotate_actors(document, parsed, DEFAULT)
    annotate_events(document, parsed, DEFAULT)
    casualties.annotate(document, parsed, DEFAULT)
    by_type = {e.event: e for e in document.events}
    assert by_type["ASSAULT"].fatalities.number == 14
    assert by_type["ACCUSE"].fatalities is None


def test_a_participle_clause_of_the_attack_gives_the_attack_its_toll():
    text = "Gunmen stormed a police post near the border on Sunday, killing at least seven officers.\n"
    (stormed,) = annotate(text, ["stormed"])
    assert (stormed.number, stormed.qualifier, stormed.text) == (7, "at least", "at least seven officers")
    # a participle clause that tells no harm done gives none
    text = "Gunmen stormed a police post near the border on Sunday, saying seven officers were spies.\n"
    assert annotate(text, ["stormed"]) == [None]
