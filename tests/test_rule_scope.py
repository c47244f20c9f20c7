"""Rules kept to their scope, on invented sentences: each case is a phrasing a broad rule once
coded wrongly, beside the phrasing the rule is for."""

from __future__ import annotations

from tocsin.model import Article
from tocsin.pipeline import code_article


def events(text: str, kind: str) -> list:
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    return [e for e in document.events if e.event == kind]


def test_a_possessor_acts_when_the_of_object_undergoes():
    found = events("The junta's execution of three activists shocked the region.", "ASSAULT")
    assert len(found) == 1 and [a.text for a in found[0].actor] == ["The junta"]
    assert any("activists" in r.text for r in found[0].recipient)
    held = events("The journalist's arrest came a week before the vote.", "COERCE")
    assert len(held) == 1 and not held[0].actor and any("journalist" in r.text for r in held[0].recipient)


def test_a_call_with_a_possessor_is_no_request_unless_it_calls_for_something():
    text = "Ruto's call with Museveni lasted an hour, officials said."
    assert events(text, "REQUEST") == []
    assert len(events(text, "CONSULT")) == 1
    asked = events("Ruto's call for a ceasefire went unanswered.", "REQUEST")
    assert len(asked) == 1 and asked[0].actor[0].text == "Ruto"


def test_fighting_a_measure_is_no_act_of_it_but_fighting_a_war_is_an_assault():
    assert events("Russia fought the sanctions in court.", "SANCTION") == []
    war = events("The two clans fought a long battle over the wells.", "ASSAULT")
    assert len(war) == 1 and [a.text for a in war[0].actor] == ["The two clans"]


def test_criticism_received_takes_its_author_only_from_the_from_phrase():
    assert events("The minister's remarks sparked outrage across Kenya.", "ACCUSE") == []
    found = events("The remarks sparked outrage from Kenyan lawmakers.", "ACCUSE")
    assert len(found) == 1 and [a.text for a in found[0].actor] == ["Kenyan lawmakers"]


def test_a_quoted_question_leaves_the_verb_that_asks_it_told():
    # (a question asked is itself no request: here the president asks the rebels to explain)
    document = code_article(Article(id="a", text='The Kenyan president asked the rebels to explain: "Why did you '
                                    'attack the town?"', published="2024-05-01"))
    told = [e for e in document.events if [a.text for a in e.actor] == ["The Kenyan president"]]
    assert told and all("hypothetical" not in e.auxiliary for e in told)


def test_a_civil_war_someone_wages_is_their_assault():
    found = events("The insurgents waged a civil war against the junta.", "ASSAULT")
    assert len(found) == 1 and [a.text for a in found[0].actor] == ["The insurgents"]
    assert events("Thousands fled during Chad's civil war.", "ASSAULT") == []


def test_an_entrys_own_exclusions_keep_the_files_reflexives():
    assert events("The prisoner hit himself with a metal bar, guards said.", "ASSAULT") == []
    assert len(events("The prisoner hit a guard with a metal bar.", "ASSAULT")) == 1
