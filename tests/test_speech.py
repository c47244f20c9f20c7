"""Speech stage: quotes, speakers, channels, claims, hedges, denials and event attribution.

Every fixture here is invented news text written for these tests.
"""

from __future__ import annotations

import pytest

from tocsin import nlp
from tocsin.config import DEFAULT, Config
from tocsin.model import DocMeta, Document, Entity, Event, Mention
from tocsin.speech import annotate, attribute_events
from tocsin.speech.quotes import find_quotes


def run(text: str, entities: list[Entity] | None = None, outlet: str | None = None, config: Config = DEFAULT):
    document = Document(doc=DocMeta(id="t", published="2026-03-09", outlet=outlet), text=text)
    parsed = nlp.parse(text)
    if entities is None:
        from tocsin.actors import annotate as actors

        actors(document, parsed, config)
    else:
        document.entities = entities
    annotate(document, parsed, config)
    return document, parsed


def quote_with(document, words):
    found = [q for q in document.quotes if words in q.text]
    assert found, f"no quote with {words!r} in {[q.text for q in document.quotes]}"
    return found[0]


def claim_with(document, words):
    found = [c for c in document.claims if words in c.text]
    assert found, f"no claim with {words!r} in {[c.text for c in document.claims]}"
    return found[0]


# --- quote marks -------------------------------------------------------------------------------


def test_straight_and_curly_double_quotes():
    text = 'He said "we are leaving" and then “we are not.”'
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["we are leaving", "we are not."]


def test_single_quotes_inside_double_stay_inside():
    text = "“They told us ‘stay indoors’ and then shelled the road,” a farmer said."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["They told us ‘stay indoors’ and then shelled the road"]


def test_apostrophes_are_not_closing_quotes():
    text = "Kareva’s minister called the blockade ‘an act of war’ and said the ports aren’t closed."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["an act of war"]
    assert find_quotes("The rebels’ leader and the ’90s generation aren’t speaking.") == []


def test_straight_single_quotes_with_apostrophes():
    text = "In the '90s the rebels' chief called the accord 'a sham' on radio."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["a sham"]


def test_multi_paragraph_quote_continues():
    text = "She added: “The talks are over.\n\n“We will defend every metre.”\n\nThe meeting ended."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["The talks are over.", "We will defend every metre."]
    assert quotes[0].open_ended and quotes[1].continues


# --- speakers, cues and channels ---------------------------------------------------------------

ARTICLE = (
    'General Ana Ruiz said on Tuesday that the convoy had crossed the river. "We will not retreat," she said.\n\n'
    "Foreign Minister Carlos Mendel described the sanctions as “economic terrorism” "
    "in an interview with Reuters.\n\n"
    "“You have seen what happened at the port, and we will not allow it again,” Mr Mendel told "
    "reporters in a call on Friday.\n\n"
    "He added: “The border is calm, but that can change quickly.\n\n"
    "“We warned them many times.”\n\n"
    "The President took to social media to declare that the strikes would stop “for now.”\n\n"
    "The so-called “peace corridor” has been closed since May.\n\n"
    "“Nobody is coming to help us.”\n"
)


@pytest.fixture(scope="module")
def article():
    return run(ARTICLE)


def test_cue_after_quote_and_pronoun_takes_previous_speaker(article):
    document, _ = article
    quote = quote_with(document, "We will not retreat")
    assert quote.cue == "said"
    assert "Ruiz" in quote.speaker.name


def test_partial_quote_with_channel(article):
    document, _ = article
    quote = quote_with(document, "economic terrorism")
    assert "Mendel" in quote.speaker.name
    assert quote.cue == "described"
    assert quote.channel == "in an interview with Reuters"


def test_quote_before_cue_with_call_channel(article):
    document, _ = article
    quote = quote_with(document, "You have seen")
    assert "Mendel" in quote.speaker.name
    assert quote.cue == "told"
    assert quote.channel == "in a call"
    assert document.text[quote.start : quote.end] == quote.text


def test_he_added_and_continued_paragraph_keep_the_speaker(article):
    document, _ = article
    added = quote_with(document, "The border is calm")
    continued = quote_with(document, "We warned them")
    assert added.cue == "added"
    assert "Mendel" in added.speaker.name
    assert continued.speaker == added.speaker


def test_took_to_social_media_channel(article):
    document, _ = article
    quote = quote_with(document, "for now")
    assert quote.cue == "declare"
    assert quote.channel == "took to social media"
    assert quote.speaker is not None
    assert "President" in quote.speaker.name or quote.speaker.entity_id


def test_quotes_without_speaker_stay_unattributed(article):
    document, _ = article
    assert quote_with(document, "peace corridor").speaker is None
    assert quote_with(document, "Nobody is coming").speaker is None


def test_scare_quote_does_not_take_an_unrelated_cue():
    document, _ = run("The “peace plan”, which officials said would be signed in May, collapsed.")
    assert quote_with(document, "peace plan").speaker is None


def test_quote_interrupted_by_inverted_cue():
    document, _ = run("“We are ready,” said Colonel Baro Tembe, “and we will hold the bridge.”")
    first, second = document.quotes
    assert "Tembe" in first.speaker.name and first.cue == "said"
    assert second.speaker == first.speaker


def test_according_to_as_quote_cue():
    document, _ = run("“The rebels fled before dawn,” according to a statement from the Harbor Police.")
    quote = document.quotes[0]
    assert quote.cue == "according to"
    assert "Harbor Police" in quote.speaker.name


def test_statement_on_x_and_truth_social_channels():
    document, _ = run(
        "The defence minister, Ilya Varga, dismissed the report as “a fantasy” in a statement on X.\n\n"
        "Senator Dana Holt wrote on Truth Social that the deal was “a disgrace.”\n"
    )
    assert quote_with(document, "a fantasy").channel == "in a statement on X"
    holt = quote_with(document, "a disgrace")
    assert holt.channel == "on Truth Social"
    assert "Holt" in holt.speaker.name


def test_speaker_links_to_entity_id():
    text = "“The ceasefire holds,” Mr Okafor told state radio."
    start = text.index("Mr Okafor")
    okafor = Entity(id="e1", name="Ibrahim Okafor", type="PERSON",
                    mentions=[Mention(text="Mr Okafor", start=start, end=start + len("Mr Okafor"))])
    document, _ = run(text, entities=[okafor])
    assert document.quotes[0].speaker.entity_id == "e1"
    assert document.quotes[0].speaker.name == "Ibrahim Okafor"


def test_unresolved_pronoun_in_passive_takes_the_person_named_last():
    text = "Ms Ruiz defended her deputy, Mr Kato, after he was accused of ordering police to “clear the square”."
    ruiz, kato = text.index("Ms Ruiz"), text.index("Mr Kato")
    entities = [
        Entity(id="e1", name="Lina Ruiz", type="PERSON", mentions=[Mention(text="Ms Ruiz", start=ruiz, end=ruiz + 7)]),
        Entity(id="e2", name="Jun Kato", type="PERSON", mentions=[Mention(text="Mr Kato", start=kato, end=kato + 7)]),
    ]
    document, _ = run(text, entities=entities)
    quote = quote_with(document, "clear the square")
    assert quote.cue == "ordering"
    assert quote.speaker.entity_id == "e2"


# --- claims and hedges -------------------------------------------------------------------------

CLAIMS = (
    "Interior Minister Leila Haddad said that the militia had seized two border posts.\n\n"
    "According to a report in the Harbor Gazette, the militia commander asked for safe passage.\n\n"
    "It was reported that Colonel Petrov ordered his men to fire on the crowd.\n\n"
    "The crowd was dispersed with live rounds, The Daily Ledger reported.\n\n"
    "The group runs the smuggling network, which officials say is financed by Governor Mirel Dan, "
    "a claim Mr Dan denies.\n\n"
    "Now, it has emerged that the governor offered the rebels an amnesty.\n\n"
    "The rebels have reportedly shelled the airport.\n\n"
    "Troops fired on an alleged rebel convoy near the border.\n\n"
    "The army began raiding villages after claiming they were hiding weapons without providing evidence.\n"
)


@pytest.fixture(scope="module")
def claims():
    return run(CLAIMS)


def test_said_that_claim(claims):
    document, _ = claims
    claim = claim_with(document, "seized two border posts")
    assert "Haddad" in claim.source.name
    assert claim.cue == "said"
    assert claim.text.startswith("the militia")  # the complementiser is not part of the claim
    assert document.text[claim.start : claim.end] == claim.text


def test_according_to_a_report_in_outlet(claims):
    document, _ = claims
    claim = claim_with(document, "asked for safe passage")
    assert "Harbor Gazette" in claim.source.name
    assert "according to" in claim.hedges
    assert not claim.text.lower().startswith("according")


def test_it_was_reported_leaves_source_unnamed(claims):
    document, _ = claims
    claim = claim_with(document, "ordered his men to fire")
    assert claim.source.name == "unnamed"
    assert "it was reported" in claim.hedges


def test_outlet_reported_after_clause(claims):
    document, _ = claims
    claim = claim_with(document, "dispersed with live rounds")
    assert "Daily Ledger" in claim.source.name
    assert "reported" in claim.hedges


def test_officials_say_and_claim_x_denies(claims):
    document, _ = claims
    claim = claim_with(document, "financed by Governor Mirel Dan")
    assert claim.source.name.lower().endswith("officials")
    assert [ref.name for ref in claim.denied_by] and "Dan" in claim.denied_by[0].name


def test_it_has_emerged_claim(claims):
    document, _ = claims
    claim = claim_with(document, "offered the rebels an amnesty")
    assert claim.hedges == ["it has emerged"]
    assert claim.source.name == "unnamed"
    assert not claim.text.startswith("that")


def test_reportedly_and_alleged(claims):
    document, _ = claims
    assert "reportedly" in claim_with(document, "shelled the airport").hedges
    alleged = claim_with(document, "alleged rebel convoy")
    assert alleged.hedges == ["alleged"]
    assert "Troops fired" not in alleged.text  # "alleged" qualifies the convoy, not the shooting


def test_claiming_without_evidence(claims):
    document, _ = claims
    claim = claim_with(document, "hiding weapons")
    assert "without providing evidence" in claim.hedges
    assert "evidence" not in claim.text
    assert "army" in claim.source.name.lower() or claim.source.entity_id


# --- denials -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "denial",
    [
        "Mr Petrov refuted the allegations.",
        "Mr Petrov rejected the claim.",
        "Mr Petrov dismissed the reports as fabricated.",
        "Mr Petrov denies ordering the shooting.",
    ],
)
def test_denial_links_the_preceding_claim(denial):
    text = (
        "It was reported that Colonel Petrov ordered his men to fire on the crowd.\n\n"
        "The weather was cold.\n\n" + denial + "\n"
    )
    document, _ = run(text)
    claim = claim_with(document, "ordered his men")
    assert any("Petrov" in ref.name for ref in claim.denied_by)


def test_rejecting_a_request_is_no_denial():
    document, _ = run(
        "It was reported that Colonel Petrov ordered his men to fire.\n\nMr Petrov rejected the calls to resign.\n"
    )
    assert all(not c.denied_by for c in document.claims)


def test_denial_prefers_the_claim_about_the_denier():
    document, _ = run(
        "Officials said that Minister Sola had taken bribes.\n\n"
        "Officials said that the harvest had failed.\n\n"
        "Ms Sola denied the claim.\n"
    )
    assert any("Sola" in r.name for r in claim_with(document, "taken bribes").denied_by)
    assert not claim_with(document, "harvest had failed").denied_by


def test_denial_of_an_act_links_the_claim_of_that_act_not_the_last_one():
    document, _ = run(
        "Rebels said an air strike hit the hospital in Dilling on Monday.\n\n"
        "Local officials said protesters blocked the main highway near the airport.\n\n"
        "The Defence Ministry denied targeting the hospital.\n"
    )
    assert any("Defence Ministry" in r.name for r in claim_with(document, "hit the hospital").denied_by)
    assert not claim_with(document, "blocked the main highway").denied_by


def test_denial_of_an_act_links_the_claim_with_an_event_of_its_type():
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = (
        "Villagers said government jets bombed a market in Tawila on Sunday.\n\n"
        "The opposition said students marched through the capital on Monday.\n\n"
        "The air force denied that its pilots had attacked civilians.\n"
    )
    document = code_article(Article(id="t", text=text, published="2026-03-09"))
    bombed = claim_with(document, "bombed a market")
    assert any("air force" in r.name.lower() for r in bombed.denied_by)
    assert not claim_with(document, "students marched").denied_by
    market = next(e for e in document.events if e.event_text and "bombed" in e.event_text)
    assert market.attribution.status == "denied"


def test_a_deed_the_actor_tells_of_is_its_claim_and_a_speech_act_its_own_event():
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = ("The Velmoran army said it had killed 12 militants in a raid near the border on Sunday.\n\n"
            "The Ostravan foreign minister said she condemned the raid.\n")
    events = {e.event: e for e in code_article(Article(id="t", text=text, published="2026-03-09")).events}
    assert events["ASSAULT"].attribution.status == "claimed" and "army" in events["ASSAULT"].attribution.source
    assert events["ACCUSE"].attribution.status == "asserted"  # done by saying it: nobody else vouches


def test_user_lexicon_adds_cue_verbs(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("speech:\n  cue_verbs: [grumble]\n", encoding="utf-8")
    text = "“This is absurd,” Mr Lind grumbled."
    assert run(text)[0].quotes[0].speaker is None
    document, _ = run(text, config=Config(lexicon_files=(extra,)))
    assert "Lind" in document.quotes[0].speaker.name


# --- event attribution -------------------------------------------------------------------------


def _event(document, trigger: str, number: int) -> Event:
    start = document.text.index(trigger)
    return Event(id=f"t-{number}", doc_id="t", event="ASSAULT", text=trigger, span=(start, start + len(trigger)),
                 event_text=trigger, event_span=(start, start + len(trigger)))


def _attributed(text: str, triggers: list[str], outlet=None):
    document, parsed = run(text, outlet=outlet)
    document.events = [_event(document, trigger, n) for n, trigger in enumerate(triggers)]
    attribute_events(document, parsed, DEFAULT)
    return {e.event_text: e.attribution for e in document.events}


def test_event_attribution_statuses():
    text = (
        "Government forces shelled the market on Monday.\n\n"
        "Rebels have reportedly ambushed a patrol.\n\n"
        "It was reported that Colonel Petrov executed two prisoners.\n\n"
        "Mr Petrov refuted the allegations.\n\n"
        "The militia attacked the depot, the Harbor Gazette reported.\n\n"
        "Troops fired on an alleged rebel convoy.\n"
    )
    result = _attributed(text, ["shelled", "ambushed", "executed", "attacked", "fired"], outlet="Example Times")
    assert result["shelled"].status == "asserted" and result["shelled"].source == "Example Times"
    assert result["ambushed"].status == "claimed" and "reportedly" in result["ambushed"].hedges
    assert result["executed"].status == "denied" and result["executed"].claim_id
    assert result["attacked"].status == "claimed" and "Harbor Gazette" in result["attacked"].source
    assert result["fired"].status == "asserted"  # only the convoy is alleged


def test_what_could_not_be_verified_is_hedged_in_its_sentence_and_the_one_before():
    text = (
        "Gunmen torched a police station in Tarvo on Sunday, residents said. The claim could not be"
        " independently verified.\n\n"
        "Soldiers shot dead three herders near Beli, though the account could not be confirmed.\n\n"
        "Riot police detained 40 students in Orsk, a report AFP was unable to verify.\n\n"
        "Militants ambushed a convoy on the Kade road. The army could not immediately confirm it.\n\n"
        "Troops shelled the airport at dawn. Rebels later seized a bridge, which could not be verified.\n"
    )
    result = _attributed(text, ["torched", "shot", "detained", "ambushed", "shelled", "seized"])
    for trigger in ("torched", "shot", "detained", "ambushed", "seized"):
        assert result[trigger].status == "alleged", trigger
        assert "not independently verified" in result[trigger].hedges, trigger
    # the next sentence speaks of its own event: the one before stays as it was told
    assert result["shelled"].status == "asserted" and not result["shelled"].hedges



def test_a_doubt_in_a_paragraph_of_its_own_hedges_the_deed_before_but_not_a_statement():
    text = ("Gunmen torched a police station in Tarvo on Sunday.\n\n"
            "The death toll could not be independently verified.\n\n"
            "The foreign minister condemned the raid. The claim could not be verified.\n")
    document, parsed = run(text)
    torched, condemned = _event(document, "torched", 0), _event(document, "condemned", 1)
    condemned.event, condemned.quad_code = "ACCUSE", 3
    document.events = [torched, condemned]
    attribute_events(document, parsed, DEFAULT)
    assert torched.attribution.status == "alleged" and torched.attribution.hedges == ["not independently verified"]
    assert condemned.attribution.status == "asserted" and not condemned.attribution.hedges


def test_event_in_quote_is_claimed_by_speaker():
    result = _attributed("“We destroyed their radar,” General Ruiz said.", ["destroyed"])
    assert result["destroyed"].status == "claimed"
    assert "Ruiz" in result["destroyed"].source
    assert result["destroyed"].quote_id == "q1"


def test_accusation_alleges_the_deed_not_the_accusation():
    text = "The colonel was accused of burning three villages near the river."
    document, _ = run(text)
    claim = claim_with(document, "burning three villages")
    assert claim.hedges == ["accused"] and claim.source.name == "unnamed"
    result = _attributed(text, ["accused", "burning"])
    assert result["accused"].status == "asserted"
    assert result["burning"].status == "alleged"


def test_event_in_claim_without_evidence_is_alleged():
    result = _attributed("The minister claimed, without evidence, that rebels bombed the bridge.", ["bombed"])
    assert result["bombed"].status == "alleged"
    assert "without evidence" in result["bombed"].hedges


# --- speech acts: what a statement does is an event of its speaker -------------------------------


def _acts(text: str):
    """Code an invented article through the whole pipeline; the speech-act events and all events."""
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    document = code_article(Article(id="t", text=text, published="2026-03-09"))
    return [e for e in document.events if (e.rule or "").startswith("speech act")], document.events


def _one(events, event_type: str):
    found = [e for e in events if e.event == event_type]
    assert len(found) == 1, [(e.event, e.event_text, e.rule) for e in events]
    return found[0]


@pytest.mark.parametrize("text, event_type, speaker, recipient", [
    # disapproval: a denied virtue, a judgement adjective, a word of the speaker's feeling, a misdeed
    ("“The Tanzanians are not being honest with us,” the Kenyan foreign minister, Amina Odhiambo, said.",
     "ACCUSE", "KEN", "TZA"),
    ("Ugandan President Yoweri Museveni said the Rwandan proposal was unacceptable.", "ACCUSE", "UGA", None),
    ("“We are deeply disappointed that Chile has blocked the vote,” Peru's foreign minister said.",
     "ACCUSE", "PER", "CHL"),
    ("“The Bolivian authorities have failed the miners,” Peru's labour minister said.", "ACCUSE", "PER", "BOL"),
    # demands: an obligation put on another party, an appeal phrase, an imperative
    ("Ghana's president told reporters that Togo must reopen the border crossing.", "REQUEST", "GHA", "TGO"),
    ("“It is high time to end this blockade,” the Qatari foreign minister said.", "REQUEST", "QAT", None),
    ("“We reiterate our calls on Ethiopia to explain the closure,” the Egyptian foreign ministry said.",
     "REQUEST", "EGY", "ETH"),
    ("Any strike on the dam would be unacceptable, the Egyptian foreign minister said.", "ACCUSE", "EGY", None),
    ("The Turkish army announced an operation against the militants. “We will do it,” the Turkish defence "
     "minister said.", "THREATEN", "TUR", None),
    ("“Stop the shelling now,” the Armenian prime minister told Azerbaijan.", "REQUEST", "ARM", None),
    ("“Don’t lecture Ghana about its debts,” the Ghanaian finance minister said.", "REQUEST", "GHA", None),
    # a threat of the speaker's side, a promise, a refusal
    ("“If they cross the line again, we will respond with force,” the Indian army chief said.",
     "THREATEN", "IND", None),
    ("Iranian President Hassan Rouhani said he had ordered the army to retaliate.", "THREATEN", "IRN", None),
    ("“We will continue to cooperate with the Nepalese authorities,” the Indian ambassador said.",
     "AGREE", "IND", "NPL"),
    ("Colombian President Gustavo Petro said he would not budge on the pipeline.", "REJECT", "COL", None),
])
def test_statement_is_an_event_of_its_speaker(text, event_type, speaker, recipient):
    _, events = _acts(text)  # the lexicon codes some of these itself ("cooperate"): once, by the speaker
    event = _one(events, event_type)
    assert speaker in {a.code for a in event.actor}
    if recipient is not None:  # whom it is about (a partner of a promise is a party to it)
        assert recipient in {r.code for r in event.recipient + event.actor}
    # reported directly: the speaker's own act, no one else vouches for it
    assert event.attribution.status == "asserted"


def test_naming_verb_with_a_judgement_is_an_accusation():
    acts, everything = _acts("Kenya's foreign minister described the Ugandan statement as deeply disappointing. "
                             "The Ghanaian ambassador denied the claims, calling them a cheap propaganda stunt.")
    assert [e.event for e in acts] == ["ACCUSE", "ACCUSE"]
    assert acts[0].actor[0].code == "KEN" and acts[1].actor[0].code == "GHA"
    # "calling them X" names them; it is no phone call
    assert not [e for e in everything if e.event == "CONSULT"]


@pytest.mark.parametrize("text", [
    "The Ghanaian ambassador denied the accusations, calling them lies.",
    "The Ghanaian ambassador denied the accusations, calling them a lie.",
    "The Ghanaian ambassador called the Togolese minister a liar.",
    "The Ghanaian president called the Togolese envoy a very stupid man.",
])
def test_a_noun_or_adjective_of_disapproval_after_a_naming_verb_is_an_accusation(text):
    acts, everything = _acts(text)
    assert [e.event for e in acts] == ["ACCUSE"] and acts[0].actor[0].code == "GHA"
    assert not [e for e in everything if e.event == "CONSULT"]  # naming someone is no phone call


@pytest.mark.parametrize("text", [
    "The Ghanaian president called the Togolese leader on Monday.",
    # the parser may take the person called for a predicate: there is still no other
    "Mr Macron called Mr Tebboune on Friday following a series of deadly drone strikes.",
])
def test_calling_someone_without_naming_them_is_still_a_call(text):
    _, everything = _acts(text)
    assert [e.event for e in everything if e.event_text == "called"] == ["CONSULT"]


def test_naming_speaker_named_in_an_earlier_paragraph():
    text = ("Kenya's army chief, General Omar Said, spoke to officers in Nairobi on Monday.\n\n"
            "He described the online campaign by rival factions as a kind of cyber terrorism.")
    acts, _ = _acts(text)
    event = _one(acts, "ACCUSE")
    assert event.actor[0].code == "KEN" and "terrorism" in event.event_text


def test_a_second_party_judging_the_same_thing_is_a_second_accusation():
    acts, events = _acts("Kenya condemned the raid, and Uganda called it unacceptable. Growing criticism "
                         "followed, with the UN secretary general describing the siege as a nightmare.")
    assert [(e.event, e.actor[0].code) for e in events if e.event == "ACCUSE"] == [
        ("ACCUSE", "KEN"), ("ACCUSE", "UGA"), ("ACCUSE", "UNO")]
    assert len(acts) == 2


def test_speaker_named_after_the_quote_and_by_pronoun():
    text = ("“The Russian inspectors have lied again. This is a farce,” said Moldova's foreign minister, "
            "Ion Rusu.\n\n“The inspection must resume at once,” he added.")
    _, events = _acts(text)
    # two sentences of one judgement are one speech act; the demand that follows is another
    assert [e.event for e in events] == ["ACCUSE", "REQUEST"]
    assert all(e.actor[0].code == "MDA" for e in events)
    assert "lied" in events[0].event_text


def test_we_in_a_quote_is_the_speaker():
    _, events = _acts("“We condemn the shelling of Odesa,” the Ukrainian foreign minister said.")
    event = _one(events, "ACCUSE")
    assert event.actor[0].code == "UKR" and event.actor[0].text == "We"


@pytest.mark.parametrize("text", [
    "“It was an awful week for the whole village,” a resident of Mombasa said.",  # feeling about no one
    "“What is so dangerous about a poem?” the writer asked.",  # a question
    "Around a dozen rockets failed to reach their targets, the Jordanian army said.",  # no party failed
    "“We must defend our own borders,” the Latvian defence minister said.",  # the speaker's own resolve
    "The Malian minister said none of the soldiers had violated the truce.",  # denied misdeed
    "The minister said the court had ruled that the strikers must return to work.",  # the court's words
])
def test_no_speech_act(text):
    acts, _ = _acts(text)
    assert acts == [], [(e.event, e.event_text, e.rule) for e in acts]


def test_speech_act_words_are_data(tmp_path):
    from tocsin.speech.acts import load

    extra = tmp_path / "mine.yaml"
    extra.write_text("speech_acts:\n  disapproval:\n    adjectives: [beastly]\n", encoding="utf-8")
    words = load((extra,))
    assert "beastly" in words.disapproval_adjectives and "unacceptable" in words.disapproval_adjectives
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = "“The Tanzanian plan is beastly,” the Kenyan foreign minister said."
    coded = code_article(Article(id="t", text=text), Config(lexicon_files=(extra,)))
    assert [(e.event, e.actor[0].code) for e in coded.events] == [("ACCUSE", "KEN")]
    assert code_article(Article(id="t", text=text)).events == []  # only the user's word judges


def test_unclosed_double_quote_ends_where_the_next_one_opens():
    text = "She spoke. “Where can we go now? Nobody knows. “The agencies have failed,” she added. Then it rained."
    spans = [text[q.start:q.end] for q in find_quotes(text)]
    assert spans == ["Where can we go now? Nobody knows.", "The agencies have failed"]


@pytest.mark.parametrize("text, event_type", [
    ("Indian defence officials have warned that Pakistan is sending drones across the border.", "ACCUSE"),
    ("The Kenyan army chief warned that foreign websites are being exploited to sow unrest.", "ACCUSE"),
    ("Uganda warned that it would respond to any incursion by Rwanda.", "THREATEN"),  # its own side
    ("Kenya warned Somalia to withdraw its troops from the border.", "THREATEN"),  # told what to do
])
def test_warning_about_another_partys_deeds_is_an_accusation(text, event_type):
    _, events = _acts(text)
    assert [e.event for e in events if e.event in ("ACCUSE", "THREATEN")] == [event_type], \
        [(e.event, e.event_text, e.rule) for e in events]


def test_a_quote_whose_words_the_parser_hangs_on_the_speech_verb_keeps_the_named_speaker():
    # the parser gives "told" a second subject inside the quote ("people who ..."); the speaker
    # is the one beside the verb
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = ("“What we have seen this year is such contempt, such disgust with migrants, people who do not "
            "fit their idea of what France is,” Dupont told Le Monde.")
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    assert [q.speaker.name for q in document.quotes] == ["Dupont"]


def test_an_act_its_actor_denies_is_attributed_to_the_denier():
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = ("Residents said the army shelled the village on Monday.\n"
            "The army denied shelling the village.\n")
    document = code_article(Article(id="d", text=text, published="2025-12-01", outlet="Wire"))
    claimed, denied = [e for e in document.events if e.event == "ASSAULT"]
    assert claimed.attribution.source == "Residents" and claimed.attribution.status == "denied"
    assert "negation" in denied.auxiliary
    assert denied.attribution.status == "claimed" and "army" in denied.attribution.source
    # a plain act of the narrator keeps the outlet
    plain = code_article(Article(id="p", text="The army shelled the village on Monday.", outlet="Wire"))
    assert plain.events[0].attribution.source == "Wire" and plain.events[0].attribution.status == "asserted"


def test_lines_listed_after_said_colon_are_the_speakers_claims():
    text = ("In a long interview on Sunday, Chancellor Marta Vogel also said:\n\n"
            "Greece must cut its deficit before new loans are agreed\n\n"
            "Talks with Turkey on migration will resume in May\n\n"
            "The chancellor flies to Rome on Monday.")
    document, _ = run(text)
    for line in ("Greece must cut its deficit", "Talks with Turkey on migration"):
        assert claim_with(document, line).source.name in ("Marta Vogel", "Chancellor Marta Vogel")
    assert not [c for c in document.claims if "flies to Rome" in c.text]  # a full sentence ends the list


def test_a_listed_demand_is_the_speakers_request():
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = ("In a long interview on Sunday, Chancellor Marta Vogel also said:\n\n"
            "Greece must cut its deficit before new loans are agreed\n\n"
            "The chancellor flies to Rome on Monday.")
    evs = code_article(Article(id="t", text=text, published="2026-03-09")).events
    asks = [e for e in evs if e.event == "REQUEST"]
    assert [[a.text for a in e.actor] for e in asks] and all(
        any("Vogel" in (a.name or a.text) for a in e.actor) for e in asks)


def test_denial_of_an_act_on_a_named_place_does_not_answer_a_claim_about_another_place():
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    text = (
        "Syrian jets shelled farms near Idlib on Monday, killing four people, local medics said. "
        "The strikes came after weeks of calm. Damascus denied that it had shelled Aleppo.\n"
    )
    document = code_article(Article(id="t", text=text, published="2026-03-09"))
    assert not claim_with(document, "shelled farms").denied_by
    farms = next(e for e in document.events if any("farms" in r.text for r in e.recipient))
    assert farms.attribution.status == "claimed"
    # the same denial naming the place of the claim answers it
    document = code_article(Article(id="t", text=text.replace("shelled Aleppo", "shelled Idlib"), published="2026-03-09"))
    assert any("Damascus" in r.name for r in claim_with(document, "shelled farms").denied_by)


def test_according_to_after_a_result_clause_vouches_for_the_main_event():
    document, _ = run(
        "Malian drones struck militant hideouts near Gao on Sunday, killing at least seven people, "
        "according to two hospital workers.\n"
    )
    claim = claim_with(document, "struck militant hideouts")
    assert "killing at least seven" in claim.text
    assert "hospital workers" in claim.source.name


def test_a_short_denial_right_after_a_narrated_deed_marks_it_denied():
    from tocsin.model import Article
    from tocsin.pipeline import code_article

    def strike(text):
        document = code_article(Article(id="t", text=text, published="2026-03-09"))
        return next(e for e in document.events if e.event == "ASSAULT")

    told = "Venezuelan gunboats fired on a fishing trawler off Trinidad on Saturday.\n\n"
    assert strike(told + "Caracas denied it.\n").attribution.status == "denied"
    assert strike(told + "Caracas denied this.\n").attribution.status == "denied"
    assert strike(told + "Caracas said it would respond.\n").attribution.status == "asserted"
