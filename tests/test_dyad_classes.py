"""Classes of dyads the PLOVER coding gets wrong without a rule of their own, on invented
sentences: calls for punishment, orders to act, documents that speak for their issuer, verbal
attacks, broken truces, officials speaking for their state, hyphenated words."""

from __future__ import annotations

from events_alone import code


def coded(text: str) -> list:
    return code(text).events


def of_type(text: str, kind: str) -> list:
    return [e for e in coded(text) if e.event == kind]


def texts(parties) -> list[str]:
    return [p.text for p in parties]


def assert_one_dyad(kind: str, cases: list[tuple[str, str, str]]) -> None:
    """Each text codes exactly one `kind` event, with that actor and recipient."""
    for text, actor, recipient in cases:
        found = of_type(text, kind)
        assert len(found) == 1, text
        assert texts(found[0].actor) == [actor] and texts(found[0].recipient) == [recipient], text


# --- calls for punishment ------------------------------------------------------------------------


def test_a_call_for_sanctions_or_an_inquiry_against_a_party_accuses_it():
    found = of_type("The Velmoran foreign minister called for sanctions against Ostrava after the border clash.",
                    "ACCUSE")
    assert len(found) == 1 and texts(found[0].recipient) == ["Ostrava"]
    assert texts(found[0].actor) == ["The Velmoran foreign minister"]
    found = of_type("Opposition lawmakers are pressing for an independent inquiry into the port contracts.", "ACCUSE")
    assert len(found) == 1 and found[0].mode == ["allege"]
    assert not of_type("Opposition lawmakers are pressing for an independent inquiry into the port contracts.",
                       "REQUEST")


def test_a_call_for_a_punishment_to_end_stays_a_request():
    assert not of_type("The president called for the lifting of sanctions against Ostrava.", "ACCUSE")
    assert not of_type("The minister called for sanctions on Ostrava to be lifted.", "ACCUSE")
    assert len(of_type("The minister called for sanctions on Ostrava to be lifted.", "REQUEST")) == 1


# --- orders and pressure to act ------------------------------------------------------------------


def test_an_order_or_pressure_to_act_is_a_demand_of_the_party_told():
    cases = [
        ("The anti-graft agency has ordered the former governor to appear for questioning next week.",
         "The anti-graft agency", "the former governor"),
        ("A court in Velmora ordered the mining company to pay $3 million in damages to the villagers.",
         "A court in Velmora", "the mining company"),
        ("Riot police have been pressuring the dock workers to call off their strike.", "Riot police",
         "the dock workers"),
    ]
    assert_one_dyad("REQUEST", cases)
    assert not any(of_type(text, "COERCE") for text, _, _ in cases)


def test_an_order_that_restrains_is_still_coercion():
    found = of_type("The government ordered the opposition newspaper to suspend publication for a month.", "COERCE")
    assert len(found) == 1
    assert not of_type("The government ordered the opposition newspaper to suspend publication for a month.",
                       "REQUEST")


# --- a text speaks for whoever put it out ----------------------------------------------------------


def test_a_text_that_accuses_is_the_act_of_its_issuer():
    assert_one_dyad("ACCUSE", [
        ("Amnesty International published a report accusing the Velmoran army of torturing detainees.",
         "Amnesty International", "the Velmoran army"),
        ("The two governments released a joint statement condemning the raid on the Ostravan embassy.",
         "The two governments", "the raid on the Ostravan embassy"),
        ("A UN committee has issued a report highly critical of the Velmoran government.", "A UN committee",
         "the Velmoran government"),
    ])


def test_a_text_read_or_rejected_is_not_issued_by_the_reader():
    # the minister did not write the report she rejected; the report's accusation has no named author
    events = coded("The minister rejected a report accusing the Velmoran army of torture.")
    assert [texts(e.actor) for e in events if e.event == "REJECT"] == [["The minister"]]
    assert not [e for e in events if e.event == "ACCUSE" and texts(e.actor) == ["The minister"]]
    (read,) = of_type("The minister read a report accusing the Velmoran army of torture.", "ACCUSE")
    assert texts(read.actor) == ["a report"]


def test_critical_of_names_whom_it_criticises():
    found = of_type("The opposition leader was highly critical of the Ostravan prime minister.", "ACCUSE")
    assert len(found) == 1 and texts(found[0].recipient) == ["the Ostravan prime minister"]


# --- attacks in words, inquiries sent --------------------------------------------------------------


def test_an_attack_said_to_be_in_words_is_criticism():
    text = "The former premier launched a blistering personal attack on the central bank governor."
    found = of_type(text, "ACCUSE")
    assert len(found) == 1 and texts(found[0].recipient) == ["the central bank governor"]
    assert not of_type(text, "ASSAULT")
    assert len(of_type("Rebels launched a fierce attack on the army base at dawn.", "ASSAULT")) == 1


def test_a_recipient_parsed_as_the_subject_of_a_gerund_is_still_the_recipient():
    found = of_type("The Velmoran premier launched a scathing attack on the Ostravan government calling it "
                    "corrupt.", "ACCUSE")
    assert len(found) == 1 and texts(found[0].recipient) == ["the Ostravan government"]


def test_experts_sent_to_investigate_open_an_inquiry_where_they_go():
    found = of_type("Ostrava has sent a team of experts to Velmora to investigate the downing of the airliner.",
                    "ACCUSE")
    assert len(found) == 1 and found[0].mode == ["investigate"]
    assert texts(found[0].actor) == ["Ostrava"] and texts(found[0].recipient) == ["Velmora"]
    # experts sent to help are aid
    assert len(of_type("The ministry sent experts to Velmora to help repair the dam.", "AID")) == 1


# --- broken truces ----------------------------------------------------------------------------------


def test_breaking_a_ceasefire_agreement_is_an_armed_act_not_defiance():
    text = "Both armies were guilty of violating the ceasefire agreement in the northern province."
    found = of_type(text, "ASSAULT")
    assert len(found) == 1 and found[0].mode == ["ceasefire_violation"]
    assert not of_type(text, "REJECT")
    # another agreement broken is defiance
    assert len(of_type("The rebels violated the peace agreement by refusing to disarm.", "REJECT")) == 1


# --- an official speaks for the state ----------------------------------------------------------------


def test_an_official_saying_what_his_country_will_do_is_its_actor():
    for text in ["The Velmoran foreign minister said his government would send troops to the border.",
                 "Velmoran President Ana Rulo announced that the government will send troops to the border."]:
        found = of_type(text, "THREATEN")
        assert len(found) == 1, text
        assert texts(found[0].actor)[0].endswith(("foreign minister", "Ana Rulo")), text


def test_a_speaker_out_of_state_office_does_not_speak_for_the_government():
    for text in ["The opposition leader said the government will send troops to the border.",
                 "Former prime minister Ana Rulo said the government would send troops to the border.",
                 "The Velmoran foreign minister said the Ostravan government would send troops to the border.",
                 # an envoy's or another body's "government" is as often the host's
                 "The Velmoran ambassador to Ostrava said the government would send troops to the border.",
                 "A UN spokesman said the government would send troops to the border."]:
        found = of_type(text, "THREATEN")
        assert len(found) == 1, text
        assert texts(found[0].actor)[0].endswith("government"), text


# --- words split at hyphens ------------------------------------------------------------------------------


def test_a_word_split_at_its_hyphen_matches_the_lexicon_either_way():
    # the lexicon writes "ceasefire"; the text "cease-fire", split by the tokenizer into three tokens
    found = of_type("Velmoran troops violated the cease-fire near the border on Sunday.", "ASSAULT")
    assert len(found) == 1 and found[0].mode == ["ceasefire_violation"]
    assert found[0].event_text == "violated the cease-fire"
    declared = [e for e in coded("The rebels declared a cease-fire in the eastern province.")
                if e.mode == ["ceasefire"]]
    assert len(declared) == 1 and "cease-fire" in declared[0].event_text


def test_a_hyphenated_lexicon_word_matches_it_written_solid_or_split(tmp_path):
    from tocsin.config import Config

    extra = tmp_path / "extra.yaml"
    extra.write_text("event: PROTEST\nentries:\n  - noun: [die-in]\n    light: true\n", encoding="utf-8")
    config = Config(lexicon_files=(extra,))
    for text in ["Climate activists staged a diein outside the Velmoran embassy.",
                 "Climate activists staged a die-in outside the Velmoran embassy."]:
        found = [e for e in code(text, config=config).events if e.event == "PROTEST"]
        assert len(found) == 1, text
        assert texts(found[0].actor) == ["Climate activists"], text


# --- releases and truces in other words ------------------------------------------------------------------


def test_let_free_with_the_particle_read_as_an_adjective_is_a_release():
    for text, freed in [("The Ostravan junta let free dissidents after the vote.", "dissidents"),
                        ("The Ostravan junta let free Ana Rulo after the vote.", "Ana Rulo")]:
        found = [e for e in coded(text) if e.mode == ["release"]]
        assert len(found) == 1 and texts(found[0].recipient) == [freed], text
        assert found[0].event_text == "let free"


def test_a_cessation_of_hostilities_ends_fighting():
    text = "The Velmoran president on Monday declared a cessation of hostilities with the rebels."
    assert not of_type(text, "ASSAULT")
    found = [e for e in coded(text) if e.event in ("CONCEDE", "RETREAT")]
    assert len(found) == 1 and texts(found[0].recipient) == ["the rebels"]
    # asked for, it is the request that is coded
    assert [e.event for e in coded("The UN called for a cessation of hostilities in Velmora.")] == ["REQUEST"]


# --- craft let in or kept out ----------------------------------------------------------------------


def test_a_craft_refused_or_allowed_in_is_the_recipient():
    assert_one_dyad("REJECT", [
        ("Velmora refused to allow two Ostravan airlines to land in the capital.", "Velmora",
         "two Ostravan airlines"),
        ("The port authority has refused to allow the tanker to dock at the harbour.", "The port authority",
         "the tanker"),
    ])
    # What is let in that is no party and no craft stays content, not a recipient.
    found = of_type("The ministry refused to allow the new rules to take effect.", "REJECT")
    assert len(found) == 1 and not any(r.text == "the new rules" for r in found[0].recipient)


# --- an inquiry into a question or a claim ---------------------------------------------------------


def test_an_inquiry_into_a_claim_or_a_question_is_aimed_at_its_subject():
    assert_one_dyad("ACCUSE", [
        ("Military prosecutors opened an investigation into claims that two servicemen beat a detainee.",
         "Military prosecutors", "two servicemen"),
        ("The ethics committee has launched a probe into whether the deputy speaker took bribes.",
         "The ethics committee", "the deputy speaker"),
        ("Anti-graft investigators are investigating allegations that the governor accepted bribes.",
         "Anti-graft investigators", "the governor"),
    ])
    # A claim with no party as its subject is left as it is.
    found = of_type("Prosecutors opened an investigation into claims that the vote was rigged.", "ACCUSE")
    assert len(found) == 1 and not any(r.text == "the vote" for r in found[0].recipient)


# --- an order or a decree speaks for whoever issued it ---------------------------------------------


def test_an_order_or_decree_stands_for_its_issuer():
    assert_one_dyad("REJECT", [
        ("The supreme court on Tuesday quashed the detention orders issued by the interior minister.",
         "The supreme court", "the interior minister"),
    ])
    found = of_type("The Velmoran president has signed a decree granting citizenship to 30 foreign volunteers.",
                    "CONCEDE")
    assert len(found) == 1 and texts(found[0].actor) == ["The Velmoran president"]
    assert texts(found[0].recipient) == ["30 foreign volunteers"]


# --- a pronoun in an adverbial clause --------------------------------------------------------------


def test_a_pronoun_in_an_adverbial_clause_stands_for_the_main_subject():
    found = of_type("The blogger was freed on Sunday after the Velmoran president pardoned him.", "CONCEDE")
    pardon = [e for e in found if e.mode == ["pardon"]]
    assert len(pardon) == 1 and texts(pardon[0].actor) == ["the Velmoran president"]
    assert texts(pardon[0].recipient) == ["The blogger"]
    # A pronoun of the main clause itself is left to the pronoun resolver.
    found = of_type("The president pardoned him on Sunday.", "CONCEDE")
    assert len(found) == 1 and texts(found[0].recipient) == ["him"]


# --- an act settled with another party -------------------------------------------------------------


def test_an_act_ended_after_an_agreement_is_aimed_at_the_other_party():
    assert_one_dyad("CONCEDE", [
        ("Velmoran dock workers called off their strike after an agreement with the port authority.",
         "Velmoran dock workers", "the port authority"),
        ("The miners ended their sit-in on Friday after reaching a deal with the mining company.",
         "The miners", "the mining company"),
    ])
    # No party to settle with: no recipient is made up.
    found = of_type("The dock workers called off the strike after an agreement on wages.", "CONCEDE")
    assert len(found) == 1 and found[0].recipient == []


# --- a go-between and the pair it brings together --------------------------------------------------


def test_a_mediation_names_its_parties_in_its_purpose():
    found = of_type("Oman has launched a mediation effort to end the feud between Velmora and Ostrava.", "CONSULT")
    assert len(found) == 1 and texts(found[0].actor) == ["Oman", "Velmora", "Ostrava"]
    # A purpose that names no pair adds no party.
    found = of_type("Oman has launched a mediation effort to end the feud.", "CONSULT")
    assert len(found) == 1 and texts(found[0].actor) == ["Oman"]


# --- the party a promised or refused gift goes to ----------------------------------------------------


def test_the_party_a_complement_gives_to_is_the_recipient():
    assert_one_dyad("AGREE", [
        ("Velmora has agreed to lend up to $2 billion to Ostrava to support its recovery.", "Velmora", "Ostrava"),
    ])
    assert_one_dyad("REJECT", [
        ("The Velmoran government refused to sell patrol boats to Ostrava.", "The Velmoran government", "Ostrava"),
    ])
