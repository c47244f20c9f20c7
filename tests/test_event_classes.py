"""Classes of events real articles hold, on invented sentences: who acts in a passive deployment,
acts named inside other acts, criticism and backing received, verbal events with no one acting,
victims and places that are no actors, questions, interviews, members of a group."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from tocsin import nlp
from tocsin.model import Article
from tocsin.pipeline import code_article

from events_alone import code




def events(text: str, kind: str, pipeline: bool = False) -> list:
    document = code_article(Article(id="a", text=text, published="2024-05-01")) if pipeline else code(text)
    return [e for e in document.events if e.event == kind]


def actor_texts(event) -> list[str]:
    return [a.text for a in event.actor]


# --- who acts ------------------------------------------------------------------------------------


def test_a_force_deployed_with_no_agent_is_the_side_that_mobilises():
    found = events("Riot police were deployed in the capital on Monday.", "MOBILIZE")
    assert [actor_texts(e) for e in found] == [["Riot police"]]
    # an agent, when there is one, still acts
    found = events("Troops were deployed by the Malian government to the northern border.", "MOBILIZE")
    assert len(found) == 1 and "the Malian government" in actor_texts(found[0])


def test_the_possessor_of_an_arrest_or_a_killing_undergoes_it():
    arrest = events("The union leader's arrest came a week before the strike vote.", "COERCE")
    assert len(arrest) == 1
    assert "The union leader" not in actor_texts(arrest[0])
    assert any("union leader" in r.text for r in arrest[0].recipient)


def test_a_noun_modified_by_a_passive_participle_is_not_its_actor():
    killed = events("The number of farmers killed by bandits has doubled, the report said.", "ASSAULT")
    assert all("farmers" not in " ".join(actor_texts(e)) for e in killed)


def test_a_named_weapon_is_no_actor_of_the_strike():
    found = events("The defence minister ordered a Hellfire missile strike on the convoy last week.", "ASSAULT")
    assert len(found) == 1 and actor_texts(found[0]) == ["The defence minister"]


def test_the_members_a_group_lists_are_parties_of_its_act():
    found = events("Several West African states, including Ghana and Senegal, denounced the coup.", "ACCUSE")
    assert len(found) == 1
    codes = {a.code for a in found[0].actor}
    assert {"GHA", "SEN"} <= codes


# --- acts inside other acts ----------------------------------------------------------------------


def test_an_event_noun_with_a_named_author_is_that_authors_act():
    text = "The Ghanaian parliament refused Togo's request to repatriate the detained fishermen."
    assert [actor_texts(e) for e in events(text, "REJECT")] == [["The Ghanaian parliament"]]
    request = events(text, "REQUEST")
    assert len(request) == 1 and request[0].actor[0].code == "TGO"
    # a pronoun possessor names no new author: "rejected his request" stays one act
    assert events("The minister rejected his request for a visa.", "REQUEST") == []


def test_criticism_and_backing_received_are_acts_of_whom_they_come_from():
    rebuke = events("The decision attracted fierce criticism from the Argentine trade minister.", "ACCUSE")
    assert len(rebuke) == 1 and actor_texts(rebuke[0]) == ["the Argentine trade minister"]
    backing = events("The candidate won backing from the Bolivian labour unions.", "SUPPORT")
    assert len(backing) == 1 and actor_texts(backing[0]) == ["the Bolivian labour unions"]


@pytest.mark.parametrize("sentence, actor", [
    ("Ecuador's foreign minister hit back at remarks by the Colombian president on Sunday.", "Ecuador's foreign minister"),
    ("The senator spoke out against the mining bill in parliament.", "The senator"),
])
def test_idioms_of_criticism(sentence, actor):
    found = events(sentence, "ACCUSE")
    assert [actor_texts(e) for e in found] == [[actor]]


def test_a_civil_war_names_a_place_and_advisers_sent_are_aid():
    text = "At the height of Sudan's civil war, Egypt sent military advisers to assist the army."
    assert events(text, "ASSAULT") == []
    aid = events(text, "AID")
    assert len(aid) == 1 and aid[0].actor[0].code == "EGY"
    joined = events("By 2019 Turkey had intervened in Libya's civil war.", "ASSAULT")
    assert len(joined) == 1 and joined[0].actor[0].code == "TUR"


# --- what is not coded ---------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, kind", [
    ("The mayor's offers of talks were rebuffed throughout the spring.", "REJECT"),
    ("She was asked whether she would run for a second term.", "REQUEST"),
    ("The communique contained not a single word of praise for the ruling party.", "SUPPORT"),
])
def test_a_verbal_event_with_no_one_acting_is_not_coded(sentence, kind):
    assert events(sentence, kind, pipeline=True) == []


def test_a_material_event_with_no_actor_is_kept():
    found = events("A school building in the capital was shelled overnight.", "ASSAULT", pipeline=True)
    assert len(found) == 1 and found[0].actor == []


def test_an_interview_is_no_consultation():
    assert events("The Nigerian vice-president spoke to Al Jazeera in Abuja on Sunday.", "CONSULT",
                  pipeline=True) == []
    assert len(events("The Nigerian vice-president spoke to the Ghanaian president on Sunday.", "CONSULT",
                      pipeline=True)) == 1


def test_shooting_oneself_is_no_attack():
    found = events("A guard killed three inmates and then shot himself, officials said.", "ASSAULT")
    assert all("himself" not in [r.text for r in e.recipient] for e in found)
    assert len(found) == 1


def test_a_question_asks_and_asserts_nothing():
    found = events("Will Russia attack Ukraine again?", "THREATEN")
    assert len(found) == 1 and "hypothetical" in found[0].auxiliary
    told = events("Russia will attack Ukraine again.", "THREATEN")
    assert len(told) == 1 and "hypothetical" not in told[0].auxiliary


# --- parse repairs -------------------------------------------------------------------------------


def _doc(words, heads, deps, pos, tags=None):
    vocab = nlp.load().vocab
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags or [""] * len(words),
               lemmas=[w.lower() for w in words])


def test_a_subject_parsed_under_the_auxiliary_is_the_verbs():
    from tocsin.events.syntax import subject

    doc = _doc(["Munir", "has", "repeatedly", "warned", "that", "riots", "loom"],
               [1, 3, 3, 3, 6, 6, 3], ["nsubj", "aux", "advmod", "ROOT", "mark", "nsubj", "ccomp"],
               ["PROPN", "AUX", "ADV", "VERB", "SCONJ", "NOUN", "VERB"])
    assert subject(doc[3]).text == "Munir"


def test_a_past_verb_tagged_as_adjective_still_triggers():
    from tocsin.events.lexicon import load_lexicon
    from tocsin.events.matcher import find_triggers

    doc = _doc(["Trump", "rebuffed", "the", "arguments"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
               ["PROPN", "ADJ", "DET", "NOUN"], ["NNP", "JJ", "DT", "NNS"])
    triggers = find_triggers(doc[:], load_lexicon())
    assert [(t.entry.event, t.head.text) for t in triggers] == [("REJECT", "rebuffed")]


def test_he_added_is_the_last_person_who_spoke_not_a_document():
    text = ("Interior Minister Goran Ilic said the border would reopen on Friday, according to a statement "
            "released by his office. Serbia would also send buses for stranded travellers, he added.")
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    added = [c.source.name for c in document.claims if c.cue == "added"]
    assert added == ["Goran Ilic"]


def test_a_dateline_is_no_actor_but_the_subject_after_it_is():
    found = events("SOFIA — She has voted against every budget since 2019.", "REJECT")
    assert len(found) == 1 and actor_texts(found[0]) != ["SOFIA"]


def test_a_participle_with_its_agent_is_the_agents_act():
    found = events("A Rwandan-led coalition, supported by Belgium and Canada, has begun patrols along the border.", "SUPPORT")
    assert len(found) == 1
    assert {a.code for a in found[0].actor} == {"BEL", "CAN"}


@pytest.mark.parametrize("text, actor", [
    ("Velmora is widely believed to be arming the separatists in the north.", "Velmora"),
    ("The defence minister is said to have ordered the arrests of the strike leaders.", "The defence minister"),
    ("Brenia is reported to be sending tanks to the separatists.", "Brenia"),
])
def test_the_subject_of_a_raising_passive_does_what_follows(text, actor):
    found = [e for e in code(text).events if e.event in ("AID", "COERCE", "MOBILIZE")]
    assert len(found) == 1 and actor_texts(found[0]) == [actor]


@pytest.mark.parametrize("text, kind", [
    ("Tehran has long backed the Houthi rebels.", "AID"),
    ("Washington's support for the Kurdish militia has angered Ankara.", "AID"),
    ("Velmora supports the separatists in the east.", "AID"),
    # backing a government, a candidate or a policy stays support
    ("The opposition backed the president's budget.", "SUPPORT"),
    ("Washington's support for the Kurdish government has angered Ankara.", "SUPPORT"),
    # an armed group beside what is backed is not what is backed
    ("The president backed a peace deal with the rebels on Monday.", "SUPPORT"),
])
def test_backing_an_armed_group_is_material_aid(text, kind):
    found = [e for e in code(text).events if e.event in ("AID", "SUPPORT")]
    assert [e.event for e in found] == [kind]
    if kind == "AID":
        assert found[0].mode == ["military"]


def test_the_means_of_an_attempt_was_used_though_the_aim_is_only_sought():
    found = events("By arming the separatist militias, Velmora has tried to weaken the government in Korvin.", "AID")
    assert len(found) == 1 and "hypothetical" not in found[0].auxiliary
    assert actor_texts(found[0]) == ["Velmora"]
    # what is only tried stays hypothetical
    found = events("Velmora has tried to arm the separatist militias.", "AID")
    assert len(found) == 1 and "hypothetical" in found[0].auxiliary


@pytest.mark.parametrize("text, kind", [
    ("Senator Ruth Alder proposed a bill to raise the minimum wage.", "REQUEST"),
    ("The Labour MP tabled a motion on the hospital closures.", "REQUEST"),
    ("The minister proposed a ban on trawling in the bay.", "REQUEST"),
    ("Two senators introduced legislation on campaign finance.", "REQUEST"),
    # an offer made to another party is still a promise
    ("Velmora proposed a ceasefire to the rebels.", "AGREE"),
    # a bill that would punish a party threatens it
    ("Two senators introduced a bill that would sanction Velmoran officials.", "THREATEN"),
])
def test_a_measure_put_forward_for_adoption_asks_others_to_act(text, kind):
    found = [e for e in code(text).events if e.event in ("REQUEST", "AGREE", "THREATEN")]
    assert [e.event for e in found] == [kind]


@pytest.mark.parametrize("text, recipient", [
    ("The opposition leader named the army chief as responsible for the crackdown.", "the army chief"),
    ("The senator singled out the border police as the culprits.", "the border police"),
    ("The Brenian minister compared Velmora's new security law with Nazi decrees of the 1930s.", "Velmora"),
    ("The mayor likened the governor to a fascist.", "the governor"),
])
def test_blame_named_and_comparisons_with_infamous_regimes_are_accusations(text, recipient):
    found = events(text, "ACCUSE")
    assert len(found) == 1 and [r.text.split("'")[0] for r in found[0].recipient] == [recipient]


def test_naming_someone_to_an_office_or_comparing_figures_is_no_accusation():
    assert events("The president named the general as minister responsible for energy.", "ACCUSE") == []
    assert events("The economist compared inflation in Brenia with inflation in Velmora.", "ACCUSE") == []


def test_the_event_someone_is_blamed_for_is_coded_as_theirs():
    found = events("The minister held Velmora responsible for the attack on the convoy.", "ASSAULT")
    assert len(found) == 1 and actor_texts(found[0]) == ["Velmora"]
    found = events("The opposition leader named the army chief as responsible for the crackdown.", "COERCE")
    assert len(found) == 1 and actor_texts(found[0]) == ["the army chief"]


@pytest.mark.parametrize("text, actor", [
    ("Brenia blamed the bombing of the market on the rebels.", "the rebels"),
    ("The president condemned a rocket attack on a school in the northern province, which the army blamed on "
     "the separatists.", "the separatists"),
    ("Brenia blamed the separatists for the bombing of the market.", "the separatists"),
])
def test_an_event_blamed_on_a_party_is_coded_as_that_partys(text, actor):
    found = [e for e in events(text, "ASSAULT") if e.event_text in ("bombing", "attack", "rocket attack")]
    assert len(found) == 1 and actor_texts(found[0]) == [actor]
    assert len(events(text, "ACCUSE")) >= 1  # the blame itself is still an accusation


def test_a_blame_denied_or_only_possible_makes_no_act_of_the_party():
    for text in ["Velmora did not blame Ostrava for the attack on the dam.",
                 "Analysts said Velmora could blame Ostrava for the bombing."]:
        assert events(text, "ACCUSE") and not events(text, "ASSAULT"), text


def test_the_party_blamed_is_not_where_the_blamed_act_happened():
    (bombing,) = events("Velmora blamed Ostrava for the bombing of the bridge.", "ASSAULT", pipeline=True)
    assert actor_texts(bombing) == ["Ostrava"] and bombing.event_loc is None


def test_an_act_told_by_a_possessed_deed_noun_is_its_possessors_act():
    found = events("Brenia welcomed Velmora's decision to expel the Korvin envoy.", "SANCTION")
    assert len(found) == 1 and actor_texts(found[0]) == ["Velmora"]
    assert len(events("Brenia welcomed Velmora's decision to expel the Korvin envoy.", "SUPPORT")) == 1
    # what is only planned is no act of its own
    assert events("Brenia welcomed Velmora's plan to withdraw troops from the border.", "RETREAT") == []


@pytest.mark.parametrize("text", [
    "The Velmoran army used sarin against the villagers.",
    "Reports of an attack in the valley, where chlorine has been used before by the Velmoran army, were denied.",
    "Chlorine, which has been used repeatedly by the Velmoran army, was found in the samples.",
])
def test_a_banned_weapon_used_is_an_assault_by_its_user(text):
    found = [e for e in events(text, "ASSAULT") if e.mode == ["wmd"]]
    assert len(found) == 1 and actor_texts(found[0]) == ["the Velmoran army" if "by" in text else "The Velmoran army"]
    assert all(r.text.lower() not in ("sarin", "chlorine") for r in found[0].recipient)  # the weapon is no party


def test_a_fuel_used_is_no_weapon():
    assert events("The Velmoran army used natural gas to heat its barracks.", "ASSAULT") == []


def test_a_war_fought_is_an_assault_by_both_sides():
    found = events("Ethiopia and Eritrea fought a bloody border war in 1998.", "ASSAULT")
    assert len(found) == 1 and {a.code for a in found[0].actor} == {"ETH", "ERI"}


def test_what_a_warning_tells_another_party_does_is_its_own_event():
    text = "Kenyan officials have warned that Sudan is delivering missiles to the rebels."
    warning = events(text, "ACCUSE")
    assert len(warning) == 1 and warning[0].actor[0].code == "KEN"
    aid = events(text, "AID")
    assert len(aid) == 1 and aid[0].actor[0].code == "SDN" and "hypothetical" not in aid[0].auxiliary
    # a warning of what might happen stays unasserted
    maybe = events("Kenyan officials have warned that Sudan could deliver missiles to the rebels.", "AID")
    assert all("hypothetical" in e.auxiliary for e in maybe)


def test_a_text_that_acts_stands_for_its_author():
    found = events("The Security Council resolution demanded an immediate end to the fighting.", "REQUEST")
    assert len(found) == 1 and found[0].actor[0].code == "UNO"


@pytest.mark.parametrize("sentence", [
    "The ex-governor pleaded not guilty to fraud at a hearing in Lagos on Friday.",
    "The senator asked a similar question of the defence chief.",
])
def test_a_plea_in_court_and_a_question_asked_are_no_requests(sentence):
    assert events(sentence, "REQUEST") == []


def test_a_speaker_who_goes_on_speaking_acts_in_the_second_verb():
    text = ("Uruguayan president Marta Rios said Argentina would “pay a price” for quitting the treaty and "
            "warned that the decision could cause “fresh tension along the border”.")
    found = events(text, "ACCUSE")
    assert len(found) == 1 and found[0].actor[0].code == "URY"


def test_an_agentless_verbal_passive_is_skipped_and_a_material_one_kept():
    # Whoever turned the request down is not said: a refusal by no one is no event an analyst can
    # use; a killing by no one named still happened.
    text = "The Bolivian leader responded by asking for a full amnesty, which was rejected."
    assert events(text, "REJECT", pipeline=True) == []
    assert len(events(text, "REQUEST", pipeline=True)) == 1
    assert len(events("Three farmers were killed near the border on Monday.", "ASSAULT", pipeline=True)) == 1


def test_a_trip_to_a_country_and_an_address_to_a_body_are_meetings():
    visit = events("The Ghanaian foreign minister will then travel to Nigeria on Thursday.", "AGREE") \
        + events("The Ghanaian foreign minister will then travel to Nigeria on Thursday.", "CONSULT")
    assert len(visit) == 1 and any(r.code == "NGA" for r in visit[0].recipient)
    assert events("Thousands of refugees travelled to the border.", "CONSULT") == []
    address = events("The Egyptian president addressed the Arab League in Cairo.", "CONSULT")
    assert len(address) == 1



def test_a_quoted_obligation_on_the_speakers_own_side_is_no_demand():
    text = ("“Kenyan troops must stay in Somalia to protect the border,” the Kenyan president continued. "
            "“Somalia must stop the attacks,” the Kenyan president continued.")
    demands = events(text, "REQUEST", pipeline=True)
    assert [[r.code for r in e.recipient] for e in demands] == [["SOM"]]


def test_an_attack_that_did_harm_is_coded_though_no_one_is_named():
    found = events("A hospital ward was damaged by an attack as patients slept.", "ASSAULT")
    assert len(found) == 1
    assert events("The strikes were lawful.", "ASSAULT") == []
    assert events("He said that military action could begin very soon.", "ASSAULT") == []


def test_fighters_recruited_are_forces_raised():
    found = events("Officials say Iran has recruited thousands of fighters in Syria.", "MOBILIZE")
    assert len(found) == 1 and found[0].actor[0].code == "IRN"
    assert events("The company recruited new staff in Nairobi.", "MOBILIZE") == []


# --- court rulings -------------------------------------------------------------------------------


def test_a_court_ruling_that_someone_must_be_detained_is_the_courts_coercion():
    text = ("A journalist, Pavel Dusek, testified on Monday. He said after the constitutional court had "
            "ruled, in March, that the mayor must go to prison, the city council stopped meeting.")
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    coerced = [e for e in document.events if e.event == "COERCE"]
    assert [actor_texts(e) for e in coerced] == [["the constitutional court"]]
    assert [r.text for r in coerced[0].recipient] == ["the mayor"]
    # the ruling is no demand of the witness who reports it
    assert not [e for e in document.events if e.event == "REQUEST"]


def test_a_court_saying_someone_must_stay_in_custody_coerces_and_the_detained_does_not_act():
    found = events("The regional tribunal said the opposition leader must remain in custody until the trial.",
                   "COERCE")
    assert [actor_texts(e) for e in found] == [["The regional tribunal"]]
    assert [r.text for r in found[0].recipient] == ["the opposition leader"]


def test_a_court_saying_someone_must_stay_behind_bars_coerces_and_demands_nothing():
    # "bars" is read by its lemma; the court's "said" is its ruling, not a demand of its own
    found = code("The tribunal in the port city, near the Moroccan frontier, said the smuggler must "
                 "stay behind bars until his appeal.").events
    assert [(e.event, actor_texts(e)) for e in found if e.event in ("COERCE", "REQUEST")] == [
        ("COERCE", ["The tribunal in the port city, near the Moroccan frontier"])]


def test_a_place_the_actor_is_only_near_does_not_give_its_country():
    found = events("The court in a small town near the Syrian border said the smuggler must stay in jail.",
                   "COERCE")
    assert len(found) == 1 and found[0].actor[0].code != "SYR"
    found = events("Protesters outside the Russian embassy condemned the arrests.", "ACCUSE")
    assert len(found) == 1 and found[0].actor[0].code != "RUS"
    # where an actor is, it still says its country
    found = events("Protesters in eastern Syria condemned the arrests.", "ACCUSE")
    assert len(found) == 1 and found[0].actor[0].code == "SYR"


def test_an_obligation_of_detention_not_ruled_by_a_court_stays_as_it_was():
    # a minister's demand is a demand, and a court ruling on something else is no detention
    assert not [e for e in events("The interior minister said the rioters must go to jail.", "COERCE")
                if "minister" in " ".join(actor_texts(e))]
    assert not events("The court ruled that the election must be held again in June.", "COERCE")


# --- harm predicted by a speaker -----------------------------------------------------------------


def test_harm_a_speaker_predicts_from_another_partys_doing_is_an_accusation():
    text = ("Kenyan officials met the envoy on Monday. Senator Ruth Alder said: “Closing the clinics in "
            "Mombasa will undo years of work and hurt the poorest families.”")
    found = events(text, "ACCUSE", pipeline=True)
    assert [actor_texts(e) for e in found] == [["Senator Ruth Alder"]]
    # a warned-of outcome in a quoted fragment, with the modal outside the quote
    text = "Chile's foreign minister said the Peruvian decision would “cause instability in the region”."
    found = events(text, "ACCUSE", pipeline=True)
    assert len(found) == 1 and found[0].actor[0].code == "CHL"


def test_harm_the_speakers_own_side_will_do_or_good_it_brings_is_no_accusation():
    assert not events("“We will hurt no one who lays down arms,” the rebel commander Joseph Ladu said.", "ACCUSE",
                      pipeline=True)
    assert not events("The Kenyan minister said the new dam would create jobs for thousands.", "ACCUSE",
                      pipeline=True)


def test_a_spokesman_for_a_known_leader_speaks_for_the_leaders_country():
    for text in ("A spokesman for Erdoğan condemned the raid on Monday.",
                 "Erdoğan's spokeswoman condemned the raid on Monday."):
        found = events(text, "ACCUSE", pipeline=True)
        assert [a.code for e in found for a in e.actor] == ["TUR"], text


# --- questions asked -----------------------------------------------------------------------------


def test_a_question_asked_is_no_request_but_asking_someone_to_act_is():
    assert not events("“Why should a farmer in Kisumu pay for a war in Sudan?” the senator asked.", "REQUEST")
    assert not events("Later I asked the prime minister how many allies she had persuaded on the trade pact.",
                      "REQUEST")
    asked = events("The Kenyan president asked the Ugandan government to hand over the suspects.", "REQUEST")
    assert [actor_texts(e) for e in asked] == [["The Kenyan president"]]
    asked = events("Mali asked for urgent food aid after the floods.", "REQUEST")
    assert [actor_texts(e) for e in asked] == [["Mali"]]


# --- noun-phrase re-mentions ---------------------------------------------------------------------


def test_a_rejected_demand_named_again_as_a_noun_is_no_new_demand():
    text = ("Kenya's president William Ruto warned Uganda's Yoweri Museveni to withdraw his troops from the "
            "border. On Friday Museveni rejected Ruto's demands to pull back.")
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    kinds = [(e.event, [a.code for a in e.actor]) for e in document.events]
    assert ("REJECT", ["UGA"]) in kinds
    assert ("REQUEST", ["KEN"]) not in kinds


def test_a_rejected_demand_first_named_as_a_noun_is_still_coded():
    text = "On Friday Uganda's Yoweri Museveni rejected Kenya's demands to pull back his troops."
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    kinds = [(e.event, [a.code for a in e.actor]) for e in document.events]
    assert ("REJECT", ["UGA"]) in kinds and ("REQUEST", ["KEN"]) in kinds


# --- idioms of the body --------------------------------------------------------------------------


def test_a_body_slam_is_an_assault_and_a_slammed_ruling_an_accusation():
    for text in ("The senator won national attention when he choke-slammed a reporter at a rally.",
                 "The candidate body-slammed a photographer outside the hall."):
        assert len(events(text, "ASSAULT")) == 1 and not events(text, "ACCUSE"), text
    assert len(events("The Kenyan president slammed the ruling as a disgrace.", "ACCUSE")) == 1


def test_heads_bowed_in_prayer_concede_nothing():
    assert not events("The ministers bowed their heads in prayer before the talks.", "CONCEDE")
    assert len(events("The junta bowed to pressure from the regional bloc.", "CONCEDE")) == 1


# --- acts that are only possible -----------------------------------------------------------------


def test_a_right_or_power_to_act_is_no_act_done():
    found = events("The attorney noted that the ministry still had a right to appeal the Tarsk verdict.", "REQUEST")
    assert found and all("hypothetical" in e.auxiliary for e in found)
    found = events("The decree gave the Kenyan police the power to arrest protesters without a warrant.", "COERCE")
    assert found and all("hypothetical" in e.auxiliary for e in found)
    # the act itself stays asserted
    found = events("The Kenyan police arrested protesters without a warrant.", "COERCE")
    assert found and not any("hypothetical" in e.auxiliary for e in found)


def test_forces_stationed_somewhere_are_a_state_and_stationing_them_an_act():
    assert not events("Ostravan troops never switched on the radar batteries stationed along the coast.", "MOBILIZE")
    assert not events("About 2,000 Ugandan troops are stationed near the border.", "MOBILIZE")
    found = events("Uganda stationed 2,000 troops near the border last week.", "MOBILIZE")
    assert [actor_texts(e) for e in found] == [["Uganda"]]


def test_what_analysts_say_is_commentary_and_what_officials_say_an_act():
    assert not events("Military analysts warned that the Kenyan move could isolate Uganda.", "ACCUSE")
    assert not events("Several experts criticised the Ugandan budget on Monday.", "ACCUSE")
    found = events("Kenyan officials warned that Uganda is arming the rebels.", "ACCUSE")
    assert [actor_texts(e) for e in found] == [["Kenyan officials"]]


def test_an_effort_or_bid_to_act_is_no_act_done():
    found = events("The ruling was a blow to Kenya's efforts to prosecute the suspect at home.", "ACCUSE")
    assert found and all("hypothetical" in e.auxiliary for e in found)


# --- denials -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The Ostravan defence ministry denied the accusations on Tuesday.",
    "Militia commanders denied carrying out the raid on the border village.",
    "Officials say the network is run by the governor, a claim the governor denies.",
    "The foreign ministry has denied any involvement in the explosion.",
])
def test_denying_an_account_is_no_rejection(text):
    assert events(text, "REJECT") == []


@pytest.mark.parametrize("text", [
    "The Velmoran government denied entry to three foreign journalists.",
    "The president denied the opposition's request for a recount.",
    "The army refuted the reports as fabricated propaganda.",
])
def test_denying_what_was_asked_or_refuting_a_report_is_a_rejection(text):
    assert len(events(text, "REJECT")) == 1


# --- datelines, silence, absent evidence, legal charges ------------------------------------------


def test_a_dateline_is_never_the_subject_of_its_sentence():
    text = ("PORT VELMA, Ostrava – At least nine people were killed when militiamen shelled the market,"
            " officials said.\n\nKORVIN, Ostrava (AP) — Police arrested 12 protesters on Monday.")
    shelled = events(text, "ASSAULT", pipeline=True)
    assert shelled and all("PORT VELMA" not in a.text for e in shelled for a in e.actor + e.recipient)
    assert [actor_texts(e) for e in events(text, "COERCE", pipeline=True)] == [["Police"]]


def test_a_paragraph_break_is_not_part_of_an_actor():
    found = events("Farmers clash with police over land seizure\n\nThe protest began at dawn.", "ASSAULT")
    assert found and all(not a.text.endswith(("\n", " ")) for e in found for a in e.actor + e.recipient)


@pytest.mark.parametrize("text", [
    "The embassy in Velmora declined to comment.",
    "A senior official, who refused to be named, confirmed the meeting.",
    "The ministry declined comment on the report.",
])
def test_declining_to_comment_is_no_rejection(text):
    assert events(text, "REJECT") == []


def test_refusing_a_request_is_still_a_rejection():
    assert len(events("The governor refused to respond to a request from the auditors for the accounts.",
                      "REJECT")) == 1


@pytest.mark.parametrize("text", [
    "The coalition said it had no report of such an incursion.",
    "Investigators found no evidence of an attack on the convoy.",
])
def test_no_evidence_of_an_event_negates_it(text):
    found = events(text, "ASSAULT")
    assert found and all("negation" in e.auxiliary for e in found)


def test_a_legal_charge_is_an_accusation():
    charged = events("Prosecutors in Velmora charged the former governor with fraud on Monday.", "ACCUSE")
    assert [actor_texts(e) for e in charged] == [["Prosecutors in Velmora"]]
    assert [r.text for r in charged[0].recipient] == ["the former governor"]
    assert events("A military court indicted three generals.", "ACCUSE")
    assert events("Prosecutors charged the former governor with fraud.", "COERCE") == []


def test_a_material_act_told_in_a_quote_keeps_its_own_actor():
    text = "“Herders from the valley have joined paramilitary forces,” the district governor, Ana Rulo, said."
    joined = events(text, "COOPERATE", pipeline=True)
    assert joined and all("Ana Rulo" not in (a.text or "") for e in joined for a in e.actor)


def test_negation_of_one_verb_does_not_reach_a_verb_set_against_it():
    urged = events("The envoy did not address the shelling but urged both sides to show restraint.", "REQUEST")
    assert urged and all("negation" not in e.auxiliary for e in urged)
    both = events("The army did not attack the village or shell the town.", "ASSAULT")
    assert len(both) == 2 and all("negation" in e.auxiliary for e in both)


def test_what_parties_discuss_is_no_party():
    found = events("Ostrava is discussing with its allies the possibility of a summit on the border.", "CONSULT")
    assert found and all("possibility" not in a.text for e in found for a in e.actor)


def test_the_reason_for_an_attack_is_not_its_target():
    found = events("Velmoran jets struck the depot in retaliation for the rebels' raid on the airport.", "ASSAULT")
    struck = [e for e in found if e.event_text == "struck"]
    assert struck and all("retaliation" not in r.text for e in struck for r in e.recipient)


def test_the_party_after_anti_or_pro_is_no_actor():
    found = events("An anti-government protest drew thousands to the square in Velmora.", "PROTEST")
    assert all("government" not in a.text for e in found for a in e.actor)


def test_the_means_and_the_aim_of_an_act_are_no_recipients():
    text = "The rally was broken up with tear gas, and 40 students were detained in an attempt to stop the march."
    found = events(text, "COERCE")
    assert found and all(r.text not in ("tear gas", "an attempt") for e in found for r in e.recipient)
    assert events("Government troops clashed with rebels near Korvin.", "ASSAULT")


def test_a_charge_needs_someone_charged():
    assert events("Riot police charged with shields at dawn.", "ACCUSE", pipeline=True) == []
    assert events("Prosecutors charged the mayor with fraud.", "ACCUSE")


def test_two_titled_leaders_who_met_are_both_parties():
    text = "Ostravan President Ana Rulo and Velmoran President Piet Korvin met in Geneva last week."
    met = events(text, "CONSULT", pipeline=True)
    assert len(met) == 1 and len(met[0].actor) == 2


def test_demonstrating_a_commitment_is_no_protest():
    assert events("The grants demonstrate the donors' commitment to the region.", "PROTEST") == []
    assert events("Thousands demonstrated outside the parliament in Velmora.", "PROTEST")


def test_a_town_in_a_dateline_is_no_person():
    document = code_article(Article(id="a", text="DERA ISMAIL KHAN, Pakistan – Police arrested two men on Monday.",
                                    published="2008-09-03"))
    assert not [e for e in document.entities if e.type == "PERSON"]
    assert [a.code for e in document.events for a in e.actor] == ["PAK"]


def test_a_party_before_an_abbreviation_hyphen_acts():
    found = events("The U.S.-led coalition in Ostrava bombed a fuel depot.", "ASSAULT", pipeline=True)
    assert [a.code for e in found for a in e.actor] == ["USA"]


def test_what_an_attack_hits_is_not_the_attackers_own():
    text = "Pakistan said 11 of its soldiers died when U.S. aircraft bombed their border post."
    found = events(text, "ASSAULT", pipeline=True)
    assert [r.code for e in found for r in e.recipient] == ["PAK"]


def test_an_attack_in_a_misparsed_after_clause_is_not_the_main_subjects():
    text = "On Saturday, the African Union urged both sides to show restraint after a drone attack on a village near Korvin killed at least nine civilians."
    killed = [e for e in events(text, "ASSAULT") if e.event_text == "killed"]
    assert killed and all(a.text != "the African Union" for e in killed for a in e.actor)


def test_a_news_conference_is_no_meeting_and_calling_in_an_envoy_is_a_summons():
    assert events("Coast guard officials held a news conference on Monday.", "CONSULT") == []
    assert events("The two foreign ministers held a conference in Velmora.", "CONSULT")
    summoned = events("The foreign ministry called in the Velmoran ambassador on Thursday.", "ACCUSE")
    assert [e.mode for e in summoned] == [["summon"]]
    assert events("The foreign ministry called in the Velmoran ambassador on Thursday.", "CONSULT") == []


def test_who_after_a_place_is_the_group_before_it():
    text = "The strikes targeted militants in the border area who had opened fire on the soldiers."
    fired = [e for e in events(text, "ASSAULT") if e.event_text == "opened fire"]
    assert [actor_texts(e) for e in fired] == [["militants in the border area"]]


def test_the_place_of_a_clash_is_no_party():
    found = events("Hamas said it was unaware of clashes in Rafah.", "ASSAULT")
    assert all(a.text != "Rafah" for e in found for a in e.actor)


def test_a_crowd_counted_acts_as_the_group_it_counts():
    stormed = events("Dozens of soldiers stormed the parliament building in Velmora.", "ASSAULT", pipeline=True)
    assert [a.sector for e in stormed for a in e.actor] == [["MIL"]]
    gassed = events("Hundreds of police fired tear gas at protesters on Monday.", "COERCE", pipeline=True)
    assert [e.mode for e in gassed] == [["repress"]] and [r.text for e in gassed for r in e.recipient] == ["protesters"]


def test_a_hyphenated_word_the_parser_splits_badly_stays_whole():
    found = events("Thousands rallied in Velmora against the re-election of President Ana Rulo.", "PROTEST")
    assert [r.text for e in found for r in e.recipient] == ["the re-election of President Ana Rulo"]


# --- argument selection in odd constructions ------------------------------------------------------


def test_a_finite_verb_after_a_relative_clause_keeps_its_subject():
    # parsed with the noun as root and "called" as its clause
    found = events("A Security Council resolution, which was passed without a vote on Tuesday, called for a "
                   "weeklong truce around Korvin.", "REQUEST")
    assert len(found) == 1 and [a.code for a in found[0].actor] == ["UNO"]


def test_the_security_council_in_lower_case_is_the_un_body():
    found = events("The security council called for an immediate truce in Velmora.", "REQUEST")
    assert len(found) == 1 and [a.code for a in found[0].actor] == ["UNO"]


def test_two_verbs_joined_by_and_share_the_object():
    found = events("Ostravan air defences destroyed and jammed 40 drones and 5 missiles.", "ASSAULT")
    destroyed = [e for e in found if e.event_text == "destroyed"]
    assert len(destroyed) == 1
    assert [r.text for r in destroyed[0].recipient] == ["40 drones", "5 missiles"]


def test_an_interception_is_no_earlier_telling_of_the_attack():
    text = ("Russian forces launched a massive barrage on Kyiv overnight. Ukrainian air defences shot down "
            "40 drones and 5 missiles. A residential building in the Brenko district was hit, officials said.")
    hit = [e for e in events(text, "ASSAULT", pipeline=True) if e.event_text == "hit"]
    assert len(hit) == 1 and [a.code for a in hit[0].actor] == ["RUS"]


@pytest.mark.parametrize("text, actor", [
    ("It is Valdoria that launched several strikes on the rebel camps this year.", "Valdoria"),
    ("It was the police who fired on the crowd.", "the police"),
])
def test_the_focus_of_a_cleft_sentence_acts(text, actor):
    found = events(text, "ASSAULT")
    assert len(found) == 1 and actor_texts(found[0]) == [actor]


@pytest.mark.parametrize("text", [
    "The Velmoran army responded with airstrikes on rebel positions.",
    "It is Korvin that seems to have opened the campaign with repeated strikes on the militia bases.",
])
def test_an_attack_a_verb_is_done_with_is_its_subjects(text):
    found = events(text, "ASSAULT")
    assert len(found) == 1 and found[0].actor and "strike" in found[0].event_text


def test_a_subject_that_meets_with_sanctions_or_wakes_to_strikes_does_not_do_them():
    assert all(not e.actor for e in events("Residents woke up with airstrikes pounding the city.", "ASSAULT")
               if "airstrike" in e.event_text)
    assert not any(actor_texts(e) == ["The rebels"] for e in events("The rebels met with sanctions.", "SANCTION"))


def test_leading_the_charge_is_no_accusation():
    assert events("The senator led the charge against the farm bill.", "ACCUSE") == []
    assert len(events("The senator brought charges against the mayor.", "ACCUSE")) == 1


# --- what is only possible -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Officials cited the likelihood of attacks by militants returning from abroad.",
    "The governor cited the risk of attacks on the pipeline.",
    "Marek told reporters he did not think an open clash with Ostrava was likely this year.",
    "Velmora would respond if a Brenian strike on Tarsk endangered its soldiers.",
    "Tarsk has no interceptors capable of downing long-range rockets.",
])
def test_an_attack_framed_as_only_possible_is_hypothetical(text):
    found = [e for e in events(text, "ASSAULT") if e.event_text in ("attacks", "war", "clash", "strike", "downing")]
    assert found and all("hypothetical" in e.auxiliary for e in found)


def test_an_attack_that_was_likely_carried_out_is_still_told():
    found = events("The attack was likely carried out by the militia.", "ASSAULT")
    assert len(found) == 1 and "hypothetical" not in found[0].auxiliary


# --- words that look like events -----------------------------------------------------------------


def test_endangering_integrity_or_peace_is_no_threat():
    assert events("The rebels threaten the territorial integrity of Velmora.", "THREATEN") == []
    assert len(events("The rebels threatened Velmora with reprisals.", "THREATEN")) == 1


def test_advance_warning_of_a_strike_is_information_shared():
    text = "Velmora gave Brenia advance warning of the strike through a deconfliction notice."
    assert events(text, "THREATEN") == []
    assert len(events(text, "COOPERATE")) == 1
    assert len(events("Velmora gave Brenia a stark warning.", "THREATEN")) == 1


def test_it_speaks_to_her_courage_is_no_meeting():
    assert events("Pelle said it speaks to her courage and bravery.", "CONSULT") == []
    assert len(events("Pelle spoke to the minister on Monday.", "CONSULT")) == 1


def test_arguing_for_an_act_is_a_request():
    found = events("The prosecutors, who argued for Varga's extradition, will appeal.", "REQUEST")
    assert any(e.event_text == "argued for" and actor_texts(e) == ["The prosecutors"] for e in found)


@pytest.mark.parametrize("text", [
    "President Brandt of Velmora was bringing the troops home.",
    "The Velmoran army brought its soldiers back from Tarsk on Friday.",
])
def test_bringing_troops_home_is_a_withdrawal(text):
    found = events(text, "RETREAT")
    assert len(found) == 1 and found[0].mode == ["withdraw"]


def test_bringing_an_issue_back_is_no_withdrawal():
    assert events("Brandt brought the issue back to parliament.", "RETREAT") == []


def test_an_anti_terror_operation_is_an_armed_operation():
    found = events("The Velmoran army has initiated the Azm anti-terror operation in the north.", "ASSAULT")
    assert len(found) == 1 and actor_texts(found[0]) == ["The Velmoran army"]


def test_the_jailing_of_someone_is_coercion():
    found = events("The riots followed the jailing of Marlo Petrov for contempt of court.", "COERCE")
    assert len(found) == 1 and any("Marlo Petrov" in r.text for r in found[0].recipient)


@pytest.mark.parametrize("text, actor", [
    ("The meeting was held at the request of Velmora.", "Velmora"),
    ("The summit was called at the behest of the Velmoran president.", "the Velmoran president"),
])
def test_at_the_request_of_a_party_is_that_partys_request(text, actor):
    found = events(text, "REQUEST")
    assert len(found) == 1 and actor_texts(found[0]) == [actor]


def test_a_request_of_things_is_no_request_by_them():
    assert events("The request of documents took weeks.", "REQUEST") == []


# --- coordinated passives ------------------------------------------------------------------------


def test_participles_joined_in_a_passive_share_patient_and_agent():
    found = {e.event: e for e in events("The activist was beaten and arrested by police.", "ASSAULT")
             + events("The activist was beaten and arrested by police.", "COERCE")}
    assert set(found) == {"ASSAULT", "COERCE"}
    for e in found.values():
        assert actor_texts(e) == ["police"] and [r.text for r in e.recipient] == ["The activist"]


@pytest.mark.parametrize("text, kind, trigger", [
    ("Varga was detained in May and later released.", "CONCEDE", "released"),
    ("Varga was found alive and arrested.", "COERCE", "arrested"),
])
def test_a_participle_joined_to_a_passive_is_passive(text, kind, trigger):
    found = [e for e in events(text, kind) if e.event_text == trigger]
    assert len(found) == 1 and [r.text for r in found[0].recipient] == ["Varga"]


# --- who is said to have done it -----------------------------------------------------------------


@pytest.mark.parametrize("text, kind, actor", [
    ("Brenia said Velmora was responsible for the attack on the convoy.", "ASSAULT", "Velmora"),
    ("Pelle named Varga as being responsible for his arrest in May.", "COERCE", "Varga"),
    ("Brenia said the militia, which was responsible for the bombing of the market, had withdrawn.", "ASSAULT",
     "the militia"),
])
def test_the_party_responsible_for_an_event_did_it(text, kind, actor):
    found = [e for e in events(text, kind) if e.event_text in ("attack", "arrest", "bombing")]
    assert len(found) == 1 and actor_texts(found[0]) == [actor]


def test_nobody_responsible_is_no_actor():
    found = events("Nobody was responsible for the attack.", "ASSAULT", pipeline=True)
    assert all(not e.actor for e in found)


def test_an_attack_told_again_by_the_harm_it_did_is_coded_again():
    text = ("Russia launched a massive missile attack on Kyiv overnight. The intense aerial assault damaged "
            "buildings across the capital, officials said.")
    found = events(text, "ASSAULT", pipeline=True)
    assert len(found) == 2 and [a.code for a in found[1].actor] == ["RUS"]


def test_an_attack_named_again_in_a_statement_or_as_a_cause_is_no_new_event():
    text = ("Velmoran forces launched an offensive on the border town of Tarsk. The offensive has raised tensions "
            "with Brenia.")
    assert len(events(text, "ASSAULT", pipeline=True)) == 1


@pytest.mark.parametrize("text, kind", [
    ("Brazil's foreign minister, Pelle Varga, resigned on Monday. His resignation letter criticised the president.",
     "RETREAT"),
    ("Chad pulled its troops out of Tarsk on Monday. The timetable for Chadian withdrawal from the region was "
     "30 days.", "RETREAT"),
])
def test_a_resignation_or_withdrawal_named_again_as_a_noun_is_no_new_event(text, kind):
    assert len(events(text, kind, pipeline=True)) == 1


def test_another_concession_of_the_same_party_is_a_new_event():
    text = "Chad declared a ceasefire on Monday. Chad's release of 40 prisoners followed on Friday."
    assert any(e.event_text == "release" for e in events(text, "CONCEDE", pipeline=True))


def test_relief_bodies_are_parties_a_speaker_can_blame():
    text = ("“Our patients are starving,” said one nurse in Tarsk. “The aid agencies have failed. Perhaps we "
            "should appeal to the wildlife charities instead,” she added.")
    found = events(text, "ACCUSE", pipeline=True)
    assert [e.event_text for e in found] == ["failed"] and actor_texts(found[0]) == ["one nurse"]


@pytest.mark.parametrize("text", [
    "The Security Council resolution did not include a deadline, though it called for a pause in the shelling.",
    "The resolution adopted by the Security Council named no deadline, but it demanded a truce in Korvin.",
])
def test_it_in_a_clause_about_a_text_is_the_text_and_speaks_for_its_author(text):
    found = events(text, "REQUEST")
    assert len(found) == 1 and [a.code for a in found[0].actor] == ["UNO"]


@pytest.mark.parametrize("text, accused", [
    ("Velmora last year blocked a joint inquiry panel on the shelling of Tarsk, citing bias.", True),
    ("The opposition rejected the result, citing widespread fraud.", True),
    ("The ministry postponed the vote, citing security concerns.", False),
])
def test_a_misdeed_cited_as_the_reason_is_an_accusation(text, accused):
    assert bool(events(text, "ACCUSE")) == accused


@pytest.mark.parametrize("text, kind", [
    ("The witness, who laid the complaint against Varga with the police, will testify on Tuesday.", "ACCUSE"),
    ("The government laid charges against three activists.", "ACCUSE"),
    ("The army laid siege to the town.", "ASSAULT"),
])
def test_laying_a_complaint_charges_or_siege_is_the_act(text, kind):
    assert len(events(text, kind)) == 1


def test_laying_a_wreath_is_no_event():
    assert events("The president laid a wreath at the memorial.", "ACCUSE") == []


@pytest.mark.parametrize("text", [
    "He was buoyed by wins after bitter battles with his many critics.",
    "The president clashed with lawmakers over the budget.",
    "The mayor has fought with the unions for months.",
])
def test_a_contest_with_critics_lawmakers_or_unions_is_no_armed_clash(text):
    assert events(text, "ASSAULT") == []


@pytest.mark.parametrize("text", [
    "Police fought with protesters outside parliament.",
    "Rebels clashed with troops near Tarsk.",
])
def test_fighting_an_armed_or_street_party_is_still_a_clash(text):
    assert len(events(text, "ASSAULT")) == 1


@pytest.mark.parametrize("text, trigger", [
    ("Pelle and two senior aides sought to change Varga's mind on Friday, to no avail.",
     "change Varga's mind"),
    ("Pelle tried to persuade the rebels to lay down their arms.", "persuade"),
])
def test_trying_to_win_someone_over_is_a_request_made(text, trigger):
    found = events(text, "REQUEST")
    assert [e.event_text for e in found] == [trigger] and "hypothetical" not in found[0].auxiliary


def test_an_attack_tried_is_still_only_attempted():
    found = events("The rebels tried to attack the convoy.", "ASSAULT")
    assert found and "hypothetical" in found[0].auxiliary


def test_being_convinced_or_a_report_changing_minds_is_no_request():
    assert events("I am convinced that the plan will work.", "REQUEST") == []
    assert events("The report could change many minds.", "REQUEST", pipeline=True) == []


def test_a_message_speaks_for_its_author_and_without_one_names_no_one():
    found = events("Brandt's tweet called for calm in Tarsk.", "REQUEST")
    assert [actor_texts(e) for e in found] == [["Brandt"]]
    assert events("He featured in propaganda videos exhorting young men to join the militia.", "REQUEST",
                  pipeline=True) == []


def test_of_doing_something_is_no_part_of_the_accuser():
    found = events("Turkey has been accused by its rivals of seeking to arm proxy militias along the "
                   "Velmoran border.", "ACCUSE", pipeline=True)
    assert [actor_texts(e) for e in found] == [["its rivals"]]


def test_its_enemies_are_not_the_possessors_side():
    found = events("Egypt is accused by its enemies of stirring up unrest in Sudan.", "ACCUSE", pipeline=True)
    assert found and all(a.code != "EGY" for e in found for a in e.actor)
    found = events("Russia said its forces had shelled Kharkiv overnight.", "ASSAULT", pipeline=True)
    assert [a.code for e in found for a in e.actor] == ["RUS"]


def test_a_sentence_naming_no_attacker_tells_one_attack():
    text = ("Russian troops opened a heavy bombardment of Odesa. A hospital wing was shelled, which started a "
            "blaze, and one guard was killed, the mayor said.")
    found = events(text, "ASSAULT", pipeline=True)
    assert [e.event_text for e in found] == ["opened a heavy bombardment", "shelled"]


def test_attacks_with_their_attackers_named_in_one_sentence_stay_apart():
    text = "Velmoran troops shelled Tarsk and Brenian rebels attacked a convoy near Orsk."
    assert len(events(text, "ASSAULT", pipeline=True)) == 2


def test_a_passive_joined_to_an_active_verb_is_undergone_by_the_shared_subject():
    found = events("The activist protested outside parliament and was arrested.", "COERCE")
    assert len(found) == 1 and not found[0].actor and [r.text for r in found[0].recipient] == ["The activist"]
    found = events("The activist protested outside parliament and was later arrested by police.", "COERCE")
    assert len(found) == 1 and actor_texts(found[0]) == ["police"]
    assert events("The army did not attack the town but was accused of looting.", "ACCUSE", pipeline=True) == []


def test_a_conjunct_with_its_own_auxiliary_is_not_under_the_first_ones_negation():
    text = "Brenia does not admit any presence in Korvin, but is generally thought to be backing the militia."
    found = events(text, "AID")  # backing an armed group is material aid
    assert len(found) == 1 and "negation" not in found[0].auxiliary
    assert actor_texts(found[0]) == ["Brenia"]  # the subject "is thought" shares with "does not admit"
    found = events("Velmora will not attack the convoy or shell the town.", "ASSAULT")
    assert len(found) == 2 and all("negation" in e.auxiliary for e in found)


@pytest.mark.parametrize("text, kind, code", [
    ("Oman rejects the charges but ties with its neighbours stay strained, and it has restored full "
     "diplomatic ties with Damascus.", "SUPPORT", "OMN"),
    ("The Security Council resolution did not include a deadline, though it called for a pause in the shelling.",
     "REQUEST", "UNO"),
])
def test_it_in_a_joined_clause_is_the_state_or_text_the_sentence_began_with(text, kind, code):
    found = events(text, kind, pipeline=True)
    assert len(found) == 1 and [a.code for a in found[0].actor] == [code]


@pytest.mark.parametrize("text, kind", [
    ("Pelle has joined Brandt on the campaign trail in Ohio.", "SUPPORT"),
    ("The senator campaigned for Brandt in Ohio.", "SUPPORT"),
    ("Farmers campaigned for lower taxes.", "REQUEST"),
])
def test_campaigning_for_a_candidate_is_support_for_a_cause_a_request(text, kind):
    found = [e for e in events(text, "SUPPORT") + events(text, "REQUEST")]
    assert [e.event for e in found] == [kind]


@pytest.mark.parametrize("text, kind", [
    ("Velmora vowed a swift response to the attack.", "THREATEN"),
    ("The president promised retaliation for the bombing.", "THREATEN"),
    ("The minister promised a response to the union's letter.", "AGREE"),
])
def test_a_promised_reprisal_is_a_threat(text, kind):
    found = events(text, "THREATEN") + events(text, "AGREE")
    assert [e.event for e in found] == [kind]


def test_what_a_cause_led_to_is_not_the_causes_act():
    found = events("The mayor's arrest led to riots in the capital.", "PROTEST")
    assert all("The mayor" not in " ".join(actor_texts(e)) for e in found)
    found = events("The opposition leader led a protest in the capital.", "PROTEST")
    assert [actor_texts(e) for e in found] == [["The opposition leader"]]


def test_coordinating_incidents_or_activities_is_no_cooperation():
    assert events("He used encrypted chat groups to recruit, arm, direct and coordinate violent incidents.",
                  "COOPERATE") == []
    assert events("The movement leaned on online forums to coordinate its activities.", "COOPERATE") == []
    assert len(events("Velmora coordinated with Brenia on border security.", "COOPERATE")) == 1


@pytest.mark.parametrize("text, attacks", [
    ("The verdict, together with further measures targeting Velmora's shipping firms, upset Brenia.", 0),
    ("The new sanctions target Velmora's banks.", 0),
    ("Velmoran jets targeted rebel positions.", 1),
    ("Troops targeting rebel positions shelled the hills.", 2),
])
def test_a_measure_aimed_at_someone_is_no_attack(text, attacks):
    assert len(events(text, "ASSAULT")) == attacks


# --- what a call, a failed negotiation and a return are ------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The Danish prime minister telephoned President Ruto to congratulate him on his re-election.",
    "The Emir of Qatar phoned the Sudanese president to express his support for the transition.",
])
def test_a_call_made_to_congratulate_or_back_someone_is_support(sentence):
    found = events(sentence, "SUPPORT")
    assert len(found) == 1 and found[0].recipient, sentence
    assert not events(sentence, "CONSULT") and not events(sentence, "REQUEST")


def test_a_call_made_to_voice_concern_is_no_support():
    sentence = "The French foreign minister called her Iranian counterpart to express concern over the arrests."
    assert not events(sentence, "SUPPORT")


def test_failing_to_reach_a_deal_is_a_rejection_and_failing_to_reach_a_place_is_nothing():
    failed = events("Britain and the European Union failed to reach a deal on fishing rights on Tuesday.", "REJECT")
    assert len(failed) == 1 and failed[0].mode == ["agreement"]
    assert not events("Britain and the European Union failed to reach a deal on fishing rights.", "SUPPORT")
    assert not events("Government troops failed to reach the besieged city before nightfall.", "REJECT")


def test_what_is_handed_back_is_no_recipient_of_the_return():
    found = events("US customs officials returned a stolen bronze statue to Cambodian authorities.", "CONCEDE")
    assert len(found) == 1
    assert [r.text for r in found[0].recipient] == ["Cambodian authorities"]


def test_what_an_agreed_act_is_done_to_is_its_content_and_no_recipient():
    built = events("The two provinces agreed to build a new bridge over the river.", "AGREE")
    assert len(built) == 1 and built[0].recipient == []
    # a party it is done to stays the recipient, and so does what a threatened attack would hit
    freed = events("The junta agreed to release the detained opposition leaders.", "AGREE")
    assert [r.text for r in freed[0].recipient] == ["the detained opposition leaders"]
    shelled = events("The rebels threatened to shell the airport.", "THREATEN")
    assert [r.text for r in shelled[0].recipient] == ["the airport"]


@pytest.mark.parametrize("sentence", [
    "The army denied shelling the village.",
    "Moscow denied that its forces had targeted civilians in Kharkiv.",
])
def test_a_denied_act_is_coded_negated(sentence):
    found = events(sentence, "ASSAULT", pipeline=True)
    assert len(found) == 1 and "negation" in found[0].auxiliary


def test_denying_someone_something_is_a_refusal_not_a_negation():
    found = events("Israel denied the aid convoy entry to Gaza.", "REJECT", pipeline=True)
    assert len(found) == 1 and "negation" not in found[0].auxiliary


def test_the_officials_of_two_countries_are_one_party_each():
    met = events("The foreign ministers of India and China met in Moscow on Thursday.", "CONSULT", pipeline=True)
    assert [(a.text, a.code, a.sector) for a in met[0].actor] == [("India", "IND", ["GOV"]), ("China", "CHN", ["GOV"])]
    met = events("The presidents of the United States and South Africa met in Washington.", "CONSULT", pipeline=True)
    assert [a.code for a in met[0].actor] == ["USA", "ZAF"]
    # one country: the office stays one party
    one = events("The foreign minister of India met his counterpart in Moscow.", "CONSULT", pipeline=True)
    assert [a.code for a in one[0].actor][:1] == ["IND"]
