"""Who did it, on invented articles: each test is one class of actor error the whole pipeline
(actors, events, actors from context) must get right."""

from __future__ import annotations

from tocsin.model import Article
from tocsin.pipeline import code_article


def events(text: str, published: str = "2024-05-01"):
    return code_article(Article(id="t", text=text, published=published)).events


def actors_of(evs, kind: str) -> list[list[tuple[str, str | None]]]:
    return [[(a.text, a.code) for a in e.actor] for e in evs if e.event == kind]


def test_second_verb_after_and_keeps_the_first_verbs_subject():
    evs = events("Brazilian president Luiz Inacio Lula da Silva said the deal would fail and warned that "
                 "it would cause trouble.")
    assert actors_of(evs, "THREATEN") == [[("Brazilian president Luiz Inacio Lula da Silva", "BRA")]]


def test_finite_verb_joined_to_a_nested_clause_keeps_the_main_subject():
    text = ("Kenyan army chief Charles Kahariri spoke in May. In June, Kahariri repeated these concerns, stating "
            "that the internet is being misused to spread chaos and warned against groups targeting the army.")
    assert [c for (_, c) in sum(actors_of(events(text), "THREATEN"), [])] == ["KEN"]


def test_reporting_verb_conjunct_without_and_is_no_coordination():
    # "it has emerged X offered": the reporting verb's subject does not act
    evs = events("It has emerged Chile offered Peru a new trade deal.")
    assert actors_of(evs, "AGREE") == [[("Chile", "CHL")]]


def test_deployed_force_is_the_actor_of_its_deployment():
    evs = events("Protesters filled the square in Lima on Monday. Riot police were deployed in Lima.")
    assert actors_of(evs, "MOBILIZE") == [[("Riot police", "PER")]]


def test_deployed_participle_modifying_a_force():
    evs = events("French troops in Mali – deployed in the fight against jihadists – have acted as a buffer.")
    assert actors_of(evs, "MOBILIZE") == [[("French troops in Mali", "FRA")]]


def test_ship_prefix_names_the_navy():
    evs = events("The HMS Albert Reed, a frigate, was deployed to the Gulf this week.")
    assert actors_of(evs, "MOBILIZE") == [[("The HMS Albert Reed", "GBR")]]


def test_person_named_after_no_prefix_stays_a_person():
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    text = "Albert Reed, a British diplomat, met the envoy."
    document = Document(doc=DocMeta(id="t", published="2024-05-01"), text=text)
    annotate(document, nlp.parse(text), Config())
    assert any(e.type == "PERSON" and e.name == "Albert Reed" for e in document.entities)


def test_dateline_before_a_pronoun_subject():
    text = ("Maria Lopez is a Peruvian lawmaker running for president. Lopez has visited Lima, Cusco and Arequipa. "
            "LIMA — She’s slammed the IMF, voted against trade treaties and promised change.")
    evs = events(text)
    coded = [a for e in evs if e.event in ("REJECT", "ACCUSE") for a in e.actor]
    assert coded and all(a.text == "She" and a.code == "PER" for a in coded)
