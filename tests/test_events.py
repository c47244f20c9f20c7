"""The event coder on invented news sentences: types, arguments, auxiliary modes, PLOVER rules."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tocsin import nlp
from tocsin.config import Config
from tocsin.errors import BadOption
from tocsin.events.lexicon import load_lexicon
from tocsin.events.ontology import ontology
from tocsin.model import DocMeta, Document, Event

from events_alone import code




def only(text: str, event: str, **kw):
    """The single event of `text`, which must be of type `event`."""
    events = [e for e in code(text, **kw).events if e.event == event]
    assert len(events) == 1, [(e.event, e.event_text, e.rule) for e in code(text, **kw).events]
    return events[0]


def texts(actors) -> list[str]:
    return [a.text for a in actors]


@pytest.mark.parametrize("sentence, event, actor, recipient", [
    ("The Kenyan government agreed to reopen the border crossing with Somalia.", "AGREE",
     "The Kenyan government", "Somalia"),
    ("The Brazilian president praised the Argentine government for its handling of the crisis.", "SUPPORT",
     "The Brazilian president", "the Argentine government"),
    ("The military junta released 40 political prisoners on Tuesday.", "CONCEDE",
     "The military junta", "40 political prisoners"),
    ("Rebel fighters withdrew from the northern town of Kalema.", "RETREAT",
     "Rebel fighters", "the northern town of Kalema"),
    ("Danish investigators shared evidence with their Swedish counterparts.", "COOPERATE",
     "Danish investigators", "their Swedish counterparts"),
    ("Japan provided $5 million in humanitarian aid to flood victims in Malawi.", "AID",
     "Japan", "flood victims"),
    ("The opposition called for the resignation of the interior minister.", "REQUEST",
     "The opposition", "the interior minister"),
    ("The Kenyan foreign ministry condemned the Somali government.", "ACCUSE",
     "The Kenyan foreign ministry", "the Somali government"),
    ("The prime minister rejected the union's demands.", "REJECT", "The prime minister", "the union"),
    ("Thousands of teachers protested against the new pension law.", "PROTEST",
     "Thousands of teachers", "the new pension law"),
    ("The Dutch government suspended aid to the Malawian health ministry.", "SANCTION",
     "The Dutch government", "the Malawian health ministry"),
    ("The army deployed 3,000 troops to the border region.", "MOBILIZE", "The army", "the border region"),
    ("Police arrested twelve activists outside the parliament.", "COERCE", "Police", "twelve activists"),
    ("Rebels attacked a police station in the north.", "ASSAULT", "Rebels", "a police station"),
])
def test_each_plover_type(sentence, event, actor, recipient):
    ev = only(sentence, event)
    assert texts(ev.actor) == [actor]
    assert recipient in texts(ev.recipient)
    assert ev.auxiliary == []


def test_consult_is_reciprocal_with_all_parties_as_actors():
    ev = only("The Turkish foreign minister held talks with his Greek counterpart in Ankara.", "CONSULT")
    assert texts(ev.actor) == ["The Turkish foreign minister", "his Greek counterpart"]
    assert ev.recipient == []
    assert ev.mode == ["meet"] and ev.cameo == "044"


def test_passive_voice_agent_is_actor_and_subject_is_recipient():
    ev = only("A police station was attacked by rebels on Sunday.", "ASSAULT")
    assert texts(ev.actor) == ["rebels"]
    assert texts(ev.recipient) == ["A police station"]


def test_nominal_trigger_takes_its_adjective_as_actor():
    ev = only("Residents fled after American drone strikes against militant camps.", "ASSAULT")
    assert texts(ev.actor) == ["American"] and ev.actor[0].code == "USA"
    assert texts(ev.recipient) == ["militant camps"]
    assert ev.mode == ["drone"] and ev.cameo == "1952"
    assert ev.event_text == "strikes"


def test_coordinated_actors_make_one_event_with_a_compound_actor():
    events = code("Egypt and Jordan condemned the decision.").events
    assert len(events) == 1
    assert texts(events[0].actor) == ["Egypt", "Jordan"]
    assert {a.code for a in events[0].actor} == {"EGY", "JOR"}


def test_imposed_sanctions_are_sanction_as_the_manual_says_and_coerce_for_older_gold_sets():
    ev = only("The European Union imposed sanctions on three Belarusian officials.", "SANCTION")
    assert ev.mode == ["sanctions"] and ev.cameo == "163"
    assert ontology().root("SANCTION", "sanctions") == "COERCE" and ontology().root("SANCTION", "embargo") == "SANCTION"
    assert texts(ev.recipient) == ["three Belarusian officials"]


def test_negated_event_is_kept_and_flagged():
    ev = only("The army did not attack the village.", "ASSAULT")
    assert ev.auxiliary == ["negation"]  # the PLOVER manual's word


def test_stored_events_with_the_old_word_read_as_negation():
    ev = only("The army did not attack the village.", "ASSAULT")
    old = ev.model_dump_json().replace('"negation"', '"negated"')
    assert '"negated"' in old and Event.model_validate_json(old).auxiliary == ["negation"]


def test_hypothetical_event_is_flagged_not_dropped():
    ev = only("The rebels could attack the capital.", "ASSAULT")
    assert ev.auxiliary == ["hypothetical"]


def test_future_cooperation_is_agree():
    # the agreement is made now (PLOVER recodes the future act): it happened, with no mode "future"
    ev = only("The two leaders will meet in Geneva next week.", "AGREE")
    assert ev.auxiliary == [] and ev.mode == ["consult"]


def test_future_force_is_a_threat_not_a_hypothetical_assault():
    ev = only("The militia will attack the convoy.", "THREATEN")
    assert ev.auxiliary == [] and ev.mode == ["assault"]
    assert not [e for e in code("The militia will attack the convoy.").events if e.event == "ASSAULT"]


def test_threat_verb_absorbs_the_threatened_act():
    events = code("The Iranian navy threatened to seize foreign tankers in the strait.").events
    assert [e.event for e in events] == ["THREATEN"]
    assert texts(events[0].recipient) == ["foreign tankers"]


def test_refusal_in_the_future_is_reject():
    ev = only("The government will not release the prisoners.", "REJECT")
    assert ev.auxiliary == []  # the refusal is made, not denied: it is no negated event
    # a future act PLOVER does not recode keeps its modes: it has not happened
    assert only("The army will not attack the village.", "ASSAULT").auxiliary == ["negation", "future"]


def test_announced_retreat_is_concede():
    ev = only("The government announced the withdrawal of its troops from the region.", "CONCEDE")
    assert "the region" in texts(ev.recipient)


def test_events_in_reported_speech_stay_events():
    ev = only("“We attacked the convoy,” the commander said.", "ASSAULT")
    assert texts(ev.recipient) == ["the convoy"]


def test_historical_event_is_flagged():
    ev = only("In 1998, the army shelled the town.", "ASSAULT", published="2024-05-01")
    assert ev.auxiliary == ["historical"]


def test_no_actor_is_not_guessed():
    ev = only("A fuel depot was bombed overnight.", "ASSAULT")
    assert ev.actor == []
    assert texts(ev.recipient) == ["A fuel depot"]


def test_event_carries_its_evidence_and_codes():
    text = "Talks stalled. Rebels attacked a police station in the north."
    document = code(text)
    [ev] = document.events
    assert ev.id == "doc-e1" and ev.doc_id == "doc"
    assert text[ev.span[0]:ev.span[1]] == ev.text == "Rebels attacked a police station in the north."
    assert text[ev.event_span[0]:ev.event_span[1]] == ev.event_text == "attacked"
    assert ev.rule.startswith("assault.yaml#")
    assert ev.cameo == "190" and ev.quad_code == 4 and ev.event_scale < 0
    assert 0 < ev.confidence < 1


def test_several_events_in_one_sentence_are_numbered_in_order():
    document = code("Police arrested two protesters and the army shelled the village.")
    assert [e.event for e in document.events] == ["COERCE", "ASSAULT"]
    assert [e.id for e in document.events] == ["doc-e1", "doc-e2"]


def test_user_lexicon_adds_an_entry(tmp_path):
    sentence = "The synod excommunicated the rebel bishop."
    assert code(sentence).events == []
    extra = tmp_path / "church.yaml"
    extra.write_text("event: ACCUSE\nentries:\n  - verb: excommunicate\n    mode: disapprove\n", encoding="utf-8")
    ev = only(sentence, "ACCUSE", config=Config(lexicon_files=(extra,)))
    assert texts(ev.recipient) == ["the rebel bishop"]
    assert ev.rule.startswith("church.yaml#")


def test_user_lexicon_with_unknown_type_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - verb: smite\n    event: SMITE\n", encoding="utf-8")
    with pytest.raises(BadOption):
        load_lexicon((bad,))


def test_prepositions_on_and_off_stay_words_in_yaml():
    entry = load_lexicon().candidates("noun", "attack")[0]
    assert "on" in entry.recipient_preps


def test_ontology_types_have_quads_scores_and_cameo_codes():
    onto = ontology()
    assert len(onto.types) == 16
    for name, kind in onto.types.items():
        assert kind.quad in (1, 2, 3, 4)
        assert -10 <= kind.score <= 10
        assert onto.goldstein(kind.cameo) is not None, name
        for mode, cameo in kind.modes.items():
            assert onto.goldstein(cameo) is not None, (name, mode)
    assert onto.root("RETREAT") == onto.root("CONCEDE") == "YIELD"


# --- orders to one's own side (tocsin.events.directives)

@pytest.mark.parametrize("sentence", [
    # an uncoded group of subordinates
    "The Chilean defence minister told army officers to 'kill everybody' on the island.",
    "The colonel commanded his men to shoot anyone who resisted.",
    # an addressee coded with the director's own country
    "Kenyan President William Ruto told Kenyan commanders to burn the camps.",
])
def test_order_to_own_side_is_no_event(sentence):
    assert code(sentence).events == []


def test_order_to_own_side_that_names_another_party_keeps_the_complement():
    ev = only("Peru's interior minister ordered police to arrest the protest leaders.", "COERCE")
    assert texts(ev.recipient) == ["the protest leaders"]
    assert "hypothetical" in ev.auxiliary


def test_ordered_retreat_is_still_an_announced_concession():
    ev = only("The president ordered troops to withdraw from the border town of Kalema.", "CONCEDE")
    assert "announced" in ev.rule


@pytest.mark.parametrize("sentence, event, actor, recipient", [
    ("The Kenyan president urged Russia to withdraw its troops from Ukraine.", "REQUEST", "KEN", "RUS"),
    ("Kenyan President William Ruto ordered Somali troops to withdraw from the border.", "CONCEDE", "SOM", None),
])
def test_order_or_request_to_another_party_stays_an_event(sentence, event, actor, recipient):
    ev = only(sentence, event)
    assert [a.code for a in ev.actor] == [actor]
    if recipient:
        assert [r.code for r in ev.recipient] == [recipient]


# --- later mentions of an event (tocsin.events.coreference)

def test_condemned_attacks_are_a_mention_of_the_earlier_attack():
    text = "Ethiopian troops attacked a market in the town of Dolo on Friday.\nSomalia condemned the attacks.\n"
    assault, accuse = code(text).events
    assert (assault.event, accuse.event) == ("ASSAULT", "ACCUSE")
    [mention] = assault.mentions
    assert mention.text == "the attacks" and text[mention.start:mention.end] == "the attacks"
    # The condemnation stays, aimed at the attackers; its rule says what the noun refers to.
    assert [r.code for r in accuse.recipient] == ["ETH"]
    assert assault.id in accuse.rule and "absorbs ASSAULT" not in accuse.rule
    assert accuse.mentions == []


def test_definite_event_noun_with_no_actor_is_no_new_event():
    text = "Turkish jets struck Kurdish positions in northern Iraq on Sunday.\nA spokesman said the strikes were lawful.\n"
    [ev] = code(text).events
    assert ev.event == "ASSAULT" and [m.text for m in ev.mentions] == ["the strikes"]


@pytest.mark.parametrize("text", [
    # "second" announces another event
    "Rebels shelled the town of Kalema on Monday.\nThe second attack came hours later.\n",
    # an attack that did not happen is not what "the attack" names
    "Rebels did not attack the town on Monday.\nThe government condemned the attack.\n",
    # the mention's own recipient does not fit the earlier event's
    "The rebels attacked a police station in Rutshuru.\nThe UN condemned the attacks on Goma.\n",
])
def test_event_nouns_that_name_no_earlier_event(text):
    assert all(e.mentions == [] for e in code(text).events)


@pytest.mark.parametrize("second, mentions, events", [
    ("The attack on the station lasted hours.", ["The attack on the station"], 1),  # its recipient fits
    ("An attack on the station followed hours later.", [], 2),  # an indefinite noun is a new event
])
def test_mention_with_a_recipient_of_its_own(second, mentions, events):
    document = code("Rebels attacked a police station in the north.\n" + second + "\n")
    assert len(document.events) == events
    assert [m.text for m in document.events[0].mentions] == mentions


def test_entity_lookup_follows_a_replaced_entity_list():
    from tocsin.actors import entity_at
    from tocsin.model import Entity, Mention

    document = Document(doc=DocMeta(id="d"), text="Kenya and Somalia")
    document.entities = [Entity(id="e1", name="Kenya", type="GPE", mentions=[Mention(text="Kenya", start=0, end=5)])]
    assert entity_at(document, 0, 5).id == "e1" and entity_at(document, 10, 17) is None
    document.entities = document.entities + [
        Entity(id="e2", name="Somalia", type="GPE", mentions=[Mention(text="Somalia", start=10, end=17)])]
    assert entity_at(document, 12, 13).id == "e2"
    assert entity_at(document, 3, 3).id == "e1"  # an empty span inside a mention


# --- compound actors: one event, every party of a list (tocsin.actors.actors_for)

def codes_of(actors) -> list:
    return [a.code for a in actors]


def _disjoint(actors) -> bool:
    """No two parties share words: a list is never counted twice."""
    spans = sorted((a.start, a.end) for a in actors)
    return all(e <= s for (_, e), (s, _) in pairwise(spans))


def test_signed_deal_has_both_signatories_as_actors():
    # The lexicon codes signing an agreement as SUPPORT (mode agreement), reciprocal.
    ev = only("Russia and Turkey signed a ceasefire deal on Thursday.", "SUPPORT")
    assert codes_of(ev.actor) == ["RUS", "TUR"] and ev.recipient == []
    assert ev.mode == ["agreement"]


def test_shared_head_is_split_into_its_parties():
    ev = only("US and Afghan forces raided a compound in Helmand province.", "ASSAULT")
    assert codes_of(ev.actor) == ["USA", "AFG"]
    assert all("MIL" in a.sector for a in ev.actor) and _disjoint(ev.actor)


def test_three_party_list_is_one_accusation_with_three_actors():
    document = code("France, Germany and Italy condemned the coup in Niger.")
    [ev] = [e for e in document.events if e.event == "ACCUSE"]
    assert codes_of(ev.actor) == ["FRA", "DEU", "ITA"] and _disjoint(ev.actor)
    assert "NER" in codes_of(ev.recipient)


@pytest.mark.parametrize("sentence, event, actors, recipients", [
    # object
    ("Taliban fighters ambushed US and Afghan troops near Kandahar.", "ASSAULT", None, ["USA", "AFG"]),
    # subject and prepositional object both lists
    ("The United States and the European Union imposed sanctions on Russia and Belarus.", "SANCTION",
     ["USA", "EUR"], ["RUS", "BLR"]),
    # dative prepositional object
    ("Kenya sent humanitarian aid to Somalia and Ethiopia.", "AID", ["KEN"], ["SOM", "ETH"]),
    # "call on X and Y"
    ("Jordan called on Israel and Egypt to reopen the crossing.", "REQUEST", ["JOR"], ["ISR", "EGY"]),
    # agent of a passive, a shared head
    ("The town was bombed by Russian and Syrian jets on Sunday.", "ASSAULT", ["RUS", "SYR"], None),
    # adjectives of a nominal trigger
    ("Villagers fled after American and British strikes on the port.", "ASSAULT", ["USA", "GBR"], None),
    # possessors, "X and Y's veto" (parsed as X coordinated with the noun)
    ("Russia and China's veto of the resolution angered diplomats.", "REJECT", ["RUS", "CHN"], None),
])
def test_lists_give_one_party_each(sentence, event, actors, recipients):
    [ev] = [e for e in code(sentence).events if e.event == event]
    if actors is not None:
        assert codes_of(ev.actor) == actors and _disjoint(ev.actor)
    if recipients is not None:
        assert codes_of(ev.recipient) == recipients and _disjoint(ev.recipient)


def test_reciprocal_meeting_puts_every_listed_party_in_actor():
    ev = only("Egypt and Qatar held talks with Israel and Jordan in Cairo.", "CONSULT")
    assert codes_of(ev.actor) == ["EGY", "QAT", "ISR", "JOR"] and ev.recipient == []


# --- object predicates: "declared the airspace closed" whatever the parse

def _hand_parsed(words, heads, deps, pos, tags, lemmas):
    """A Doc with a given parse, so each parse spaCy may give is tested whatever the model says."""
    from spacy.tokens import Doc

    return Doc(nlp.parse("x").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


_WORDS = ["The", "junta", "declared", "the", "border", "closed", "."]
_LEMMAS = ["the", "junta", "declare", "the", "border", "close", "."]


@pytest.mark.parametrize("heads, deps, pos, tags", [
    # "closed" an adjective with its own subject
    ([1, 2, 2, 4, 5, 2, 2], ["det", "nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"],
     ["DET", "NOUN", "VERB", "DET", "NOUN", "ADJ", "PUNCT"], ["DT", "NN", "VBD", "DT", "NN", "JJ", "."]),
    # "closed" a bare participle with its own subject
    ([1, 2, 2, 4, 5, 2, 2], ["det", "nsubj", "ROOT", "det", "nsubj", "ccomp", "punct"],
     ["DET", "NOUN", "VERB", "DET", "NOUN", "VERB", "PUNCT"], ["DT", "NN", "VBD", "DT", "NN", "VBN", "."]),
    # "closed" an object predicate of the verb, "the border" its object
    ([1, 2, 2, 4, 2, 2, 2], ["det", "nsubj", "ROOT", "det", "dobj", "oprd", "punct"],
     ["DET", "NOUN", "VERB", "DET", "NOUN", "VERB", "PUNCT"], ["DT", "NN", "VBD", "DT", "NN", "VBN", "."]),
    # "closed" an adjective predicate of the verb, "the border" its object
    ([1, 2, 2, 4, 2, 2, 2], ["det", "nsubj", "ROOT", "det", "dobj", "oprd", "punct"],
     ["DET", "NOUN", "VERB", "DET", "NOUN", "ADJ", "PUNCT"], ["DT", "NN", "VBD", "DT", "NN", "JJ", "."]),
    # "closed" a participle modifying the object
    ([1, 2, 2, 4, 2, 4, 2], ["det", "nsubj", "ROOT", "det", "dobj", "acl", "punct"],
     ["DET", "NOUN", "VERB", "DET", "NOUN", "VERB", "PUNCT"], ["DT", "NN", "VBD", "DT", "NN", "VBN", "."]),
    # "closed" a noun object swallowing "border" as a compound
    ([1, 2, 2, 5, 5, 2, 2], ["det", "nsubj", "ROOT", "det", "compound", "dobj", "punct"],
     ["DET", "NOUN", "VERB", "DET", "NOUN", "NOUN", "PUNCT"], ["DT", "NN", "VBD", "DT", "NN", "NN", "."]),
], ids=["adjective", "participle", "object-predicate", "adjective-object-predicate", "participle-modifier",
        "noun-object"])
def test_declared_closed_whatever_the_parse(heads, deps, pos, tags):
    from tocsin.events.arguments import find_arguments
    from tocsin.events.matcher import find_triggers

    lex = load_lexicon()
    doc = _hand_parsed(_WORDS, heads, deps, pos, tags, _LEMMAS)
    [trig] = find_triggers(next(iter(doc.sents)), lex)
    assert trig.entry.event == "COERCE" and trig.head.text == "closed" and trig.adjectival
    args = find_arguments(trig, lex)
    assert [t.text for t in args.actors] == ["junta"]
    assert [t.text for t in args.recipients] == ["border"]


def test_reported_closure_with_its_own_clause_is_not_a_declaration():
    # "declared that the border had closed": a clause with its own auxiliary is no object predicate.
    words = ["The", "junta", "declared", "that", "the", "border", "had", "closed", "."]
    doc = _hand_parsed(words, [1, 2, 2, 7, 5, 7, 7, 2, 2],
                       ["det", "nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "punct"],
                       ["DET", "NOUN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
                       ["DT", "NN", "VBD", "IN", "DT", "NN", "VBD", "VBN", "."],
                       ["the", "junta", "declare", "that", "the", "border", "have", "close", "."])
    from tocsin.events.matcher import find_triggers

    assert not any(t.adjectival for t in find_triggers(next(iter(doc.sents)), load_lexicon()))


@pytest.mark.parametrize("sentence, actor, recipient", [
    ("The president declared Venezuela's airspace closed on Saturday.", "The president", "VEN"),
    ("Ankara declared the crossing closed to all traffic.", "TUR", "the crossing"),
    ("The government declared the border shut.", "The government", "border"),
    ("The army declared the area off-limits to foreign journalists.", "The army", "foreign journalists"),
    ("Israel ordered the Rafah crossing sealed until further notice.", "ISR", "the Rafah crossing"),
])
def test_object_predicate_closures_are_coercion(sentence, actor, recipient):
    [ev] = [e for e in code(sentence).events if e.event == "COERCE"]
    assert ev.mode == ["restrict"]
    assert actor in [a.code for a in ev.actor] + texts(ev.actor)
    assert recipient in [r.code for r in ev.recipient] + texts(ev.recipient)
    assert ev.event_text in ("closed", "shut", "off-limits", "sealed")


def test_reflexive_subject_of_a_predicate_is_the_actor_not_a_recipient():
    ev = only("The government declared itself ready to resume talks with the rebels.", "AGREE")
    assert texts(ev.actor) == ["The government"] and texts(ev.recipient) == ["the rebels"]


@pytest.mark.parametrize("sentence, verb, noun", [
    ("An Israeli airstrike killed three aid workers near Deir al-Balah on Monday.", "killed", "airstrike"),
    ("A Turkish drone strike hit a convoy of Kurdish fighters outside Qamishli.", "hit", "strike"),
    ("A rocket attack by Hezbollah wounded four Israeli soldiers near the border.", "wounded", "attack"),
    ("The Israeli strike on Monday killed five Hamas commanders in Khan Younis.", "killed", "strike"),
])
def test_event_noun_subject_of_a_same_type_verb_is_one_event(sentence, verb, noun):
    events = code(sentence).events
    assert [e.event for e in events] == ["ASSAULT"], [(e.event, e.event_text, e.rule) for e in events]
    ev = events[0]
    assert verb in ev.event_text and ev.recipient  # the verb's event, with the verb's recipient
    assert noun in ev.rule and any(a.code for a in ev.actor)
    start, end = ev.event_span
    assert code(sentence).text[start:end] == ev.event_text


def test_contiguous_event_noun_joins_the_trigger_and_lends_its_mode():
    ev = only("A Russian missile attack destroyed a power plant near Kharkiv.", "ASSAULT")
    assert ev.event_text == "attack destroyed"
    assert ev.mode == ["aerial"]  # the noun's mode: "destroyed" has none of its own
    assert [a.code for a in ev.actor] == ["RUS"] and texts(ev.recipient) == ["a power plant near Kharkiv"]


def test_verb_keeps_its_own_mode_over_the_subject_nouns():
    ev = only("An Israeli airstrike killed three aid workers near Deir al-Balah on Monday.", "ASSAULT")
    assert ev.mode == ["kill"] and ev.event_text == "airstrike killed"


def test_event_noun_subject_of_a_verb_of_another_type_stays_its_own_event():
    events = code("A general strike by dockworkers halted exports from the southern port.").events
    assert sorted(e.event for e in events) == ["PROTEST", "SANCTION"]
    [protest] = [e for e in events if e.event == "PROTEST"]
    assert protest.event_text == "strike" and texts(protest.actor) == ["dockworkers"]


def test_folded_event_noun_keeps_its_own_target_as_a_recipient():
    ev = only("The Russian shelling of Zaporizhzhia killed six civilians overnight.", "ASSAULT")
    assert texts(ev.recipient) == ["six civilians", "Zaporizhzhia"]
    assert [a.code for a in ev.actor] == ["RUS"]


@pytest.mark.parametrize("sentence, verb, noun, actor, recipients", [
    ("Four paramedics were killed in an Israeli airstrike on a clinic in Rafah.", "killed", "airstrike",
     "ISR", ["Four paramedics"]),
    ("Six villagers were wounded during Russian shelling of Kupiansk on Sunday.", "wounded", "shelling",
     "RUS", ["Six villagers", "Kupiansk"]),
    ("A grain silo was destroyed in a Russian missile attack overnight.", "destroyed", "attack",
     "RUS", ["A grain silo"]),
])
def test_event_noun_in_a_phrase_of_an_agentless_passive_is_one_event(sentence, verb, noun, actor, recipients):
    events = code(sentence).events
    assert [e.event for e in events] == ["ASSAULT"], [(e.event, e.event_text, e.rule) for e in events]
    ev = events[0]
    assert verb in ev.event_text and noun in ev.rule  # the verb's event, the noun folded in
    assert [a.code for a in ev.actor] == [actor]  # the author of the noun
    assert set(recipients) <= set(texts(ev.recipient))  # the passive subject, and the noun's own target
    start, end = ev.event_span
    assert code(sentence).text[start:end] == ev.event_text


def test_folded_phrase_noun_lends_its_mode_only_when_the_verb_has_none():
    assert only("A grain silo was destroyed in a Russian missile attack overnight.", "ASSAULT").mode == ["aerial"]
    assert only("Four paramedics were killed in an Israeli airstrike.", "ASSAULT").mode == ["kill"]


def test_event_noun_in_a_phrase_of_a_verb_of_another_type_stays_its_own_event():
    events = code("Two reporters were detained during a protest by dock workers in Mombasa.").events
    assert "PROTEST" in [e.event for e in events] and len(events) == 2, [(e.event, e.rule) for e in events]


def test_passive_with_its_own_agent_keeps_the_agent_as_actor():
    ev = only("Three police officers were killed by insurgents in an ambush near Kunduz.", "ASSAULT")
    # (the parse hangs "in an ambush" on the agent, whose phrase it joins)
    assert [a.text.split()[0] for a in ev.actor] == ["insurgents"]
    assert "Three police officers" in texts(ev.recipient)


def test_those_who_died_in_an_event_noun_are_its_recipients(tmp_path):
    sentence = "Two border guards died in a rocket attack on their outpost near Metula."
    extra = tmp_path / "perish.yaml"
    extra.write_text("grammar:\n  patient_verbs: [die, perish]\n", encoding="utf-8")
    ev = only(sentence, "ASSAULT", config=Config(lexicon_files=(extra,)))
    assert texts(ev.recipient) == ["Two border guards", "their outpost near Metula"]
    assert ev.event_text == "attack"


# --- events that had no trigger, by class

@pytest.mark.parametrize("sentence, event, mode, actor, recipient", [
    # maritime collisions done on purpose
    ("A Chinese coast guard cutter rammed a Philippine resupply boat near the atoll.", "ASSAULT", None,
     "A Chinese coast guard cutter", "a Philippine resupply boat"),
    ("The Russian frigate sideswiped a Norwegian trawler.", "ASSAULT", None, "The Russian frigate",
     "a Norwegian trawler"),
    # drills an armed force holds
    ("The Russian navy held huge drills in the Barents Sea.", "MOBILIZE", "show_force", "The Russian navy", None),
    ("Iranian forces staged naval manoeuvres near the strait.", "MOBILIZE", "show_force", "Iranian forces", None),
    # seizing power, coups
    ("Army officers seized power in Gabon on Monday.", "COERCE", None, "Army officers", "Gabon"),
    ("A colonel led a coup against the elected president.", "COERCE", None, "A colonel", "the elected president"),
    ("The president was deposed by mutinous soldiers.", "COERCE", None, "mutinous soldiers", "The president"),
    # a call, whatever was said in it
    ("Macron told Erdogan by telephone that the truce must hold.", "CONSULT", "phone", "Macron", None),
    # house arrest, confinement
    ("The opposition leader was confined to his home by the police.", "COERCE", "arrest", "the police",
     "The opposition leader"),
    ("The former premier was kept under house arrest.", "COERCE", "arrest", None, "The former premier"),
    # resignations: a retreat by the person resigning
    ("The three ministers tendered their resignations on Friday.", "RETREAT", "resign", "The three ministers", None),
    ("The defence secretary announced his resignation on Thursday.", "RETREAT", "resign", "The defence secretary",
     None),
    ("The resignation of the interior minister was accepted.", "RETREAT", "resign", "the interior minister", None),
    # killing or capturing fighters
    ("Security forces neutralized six militants in the hills.", "ASSAULT", "kill", "Security forces", "six militants"),
])
def test_events_of_classes_that_had_no_trigger(sentence, event, mode, actor, recipient):
    ev = only(sentence, event)
    assert ev.mode == ([mode] if mode else [])
    if actor:
        assert texts(ev.actor) == [actor] if event != "CONSULT" else actor in texts(ev.actor)
    if recipient:
        assert recipient in texts(ev.recipient)


@pytest.mark.parametrize("sentence", [
    "The school held a fire drill on Monday.",
    "The army neutralized the threat posed by the device.",
    "The opposition took power after winning the election.",
])
def test_look_alikes_of_those_classes_are_not_events(sentence):
    kinds = {"MOBILIZE", "ASSAULT", "COERCE"}
    assert not [e for e in code(sentence).events if e.event in kinds]


# --- PLOVER's category rules

def test_an_apology_is_a_concession():
    ev = only("The foreign minister apologized to Seoul for the remarks.", "CONCEDE")
    assert ev.mode == ["apologize"] and ev.cameo == "055"
    assert only("The airline offered an apology to the passengers.", "CONCEDE").mode == ["apologize"]


def test_protesters_demands_are_their_protest():
    ev = only("Protesters called for the ouster of the prime minister.", "PROTEST")
    assert ev.mode == ["demonstrate"]
    assert only("Thousands of demonstrators demanded the resignation of the governor.", "PROTEST")
    # a party's call is still a request
    assert only("Opposition leaders called for the resignation of the governor.", "REQUEST")


def test_ending_support_for_rebels_is_a_concession_and_the_ending_does_not_leak():
    events = code("Kigali will stop supporting the rebels and cooperate with the inquiry.").events
    kinds = {e.event: e for e in events}
    assert set(kinds) == {"CONCEDE", "AGREE"}
    assert "negation" not in kinds["CONCEDE"].auxiliary and "negation" not in kinds["AGREE"].auxiliary
    assert texts(kinds["CONCEDE"].recipient) == ["the rebels"]


def test_an_armed_force_leaving_a_place_withdraws():
    ev = only("Russian troops have begun leaving Kherson.", "RETREAT")
    assert ev.mode == ["withdraw"] and texts(ev.actor) == ["Russian troops"]


def test_ending_other_acts_follows_the_manual():
    assert only("The army will stop shelling the villages.", "RETREAT").mode == ["ceasefire"]
    ev = only("Uganda stopped supporting the government in 2019.", "SANCTION")
    assert "negation" not in ev.auxiliary
    # "will not stop" is negated: no ending happens
    ev = only("The army will not stop shelling the villages.", "ASSAULT")
    assert "negation" in ev.auxiliary


# --- spurious triggers

@pytest.mark.parametrize("sentence", [
    "Her reply left the reporters with the sense that nobody was convinced.",
    "The two delegations were left to settle the remaining points.",
    "The leaked memo offers a rare window into the negotiations.",
    "Her views on treating neighbours with respect are no secret.",
    "The ministry released opposing accounts of the clash.",
    "The leaked cables offer a glimpse of the talks.",
    "The militia was accused of committing abuses against villagers.",
    "Voters prefer diplomacy, as opposed to military action.",
    "A poll released on Monday showed the governor trailing.",
])
def test_words_that_only_look_like_triggers(sentence):
    spurious = {"CONCEDE", "REJECT", "AGREE", "RETREAT", "AID"}
    assert not [(e.event, e.event_text) for e in code(sentence).events if e.event in spurious]


# --- one act, told with its results

def test_a_participle_telling_the_result_of_an_attack_is_the_same_event():
    events = code("A sniper opened fire on a ferry in Brenia, killing four passengers and injuring nine more.").events
    assert [e.event for e in events] == ["ASSAULT"]
    assert "its result 'killing', 'injuring'" in events[0].rule
    # an act told after another is still its own event
    kinds = [e.event_text for e in code("Russian troops shelled the town after killing three civilians.").events]
    assert kinds == ["shelled", "killing"]


def test_the_result_of_a_nominal_act_names_whom_it_hit():
    ev = only("Jordanian jets carried out a raid overnight, targeting drug smugglers in southern Syria.", "ASSAULT")
    assert texts(ev.recipient) == ["drug smugglers in southern Syria"]


def test_pauses_and_ends_to_the_fighting_are_ceasefires():
    ev = only("The general ordered a nightly three-hour humanitarian pause around Tarsk.", "CONCEDE")  # announced
    assert "announced" in ev.rule
    ev = only("Sudan and South Sudan put an end to the fighting in Abyei.", "RETREAT")
    assert ev.mode == ["ceasefire"] and not [e for e in code("Sudan and South Sudan put an end to the fighting in Abyei."
                                                                 ).events if e.event == "ASSAULT"]


def test_a_failure_to_act_negates_the_act():
    ev = only("The mediators' failure to put an end to fighting in Korvin dismayed farmers.", "RETREAT")
    assert "negation" in ev.auxiliary


def test_a_decided_concession_is_the_concession_not_a_promise():
    ev = only("The ministry has decided to lift the curfew imposed on the border towns.", "CONCEDE")
    assert "future" not in ev.auxiliary


def test_a_practice_the_speaker_tells_of_in_the_present_is_no_event():
    # "only strikes": what the army always does, told after a past "said"; not an act done
    events = code("The navy rejected the report and said it only targets armed smugglers.").events
    assert not [e for e in events if e.event == "ASSAULT"]
    # the same deed in the past tense is an act done
    events = code("The navy said it targeted armed smugglers near the port on Monday.").events
    assert [e for e in events if e.event == "ASSAULT"]
    # a third party's ongoing act told as news stays
    events = code("Officials said Iran supplies drones to the militia.").events
    assert [e for e in events if e.event == "AID"]
