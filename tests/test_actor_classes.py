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
    evs = events("Turkish soldiers in Somalia – deployed to train local recruits – have stayed in their barracks.")
    assert actors_of(evs, "MOBILIZE") == [[("Turkish soldiers in Somalia", "TUR")]]


def test_ship_prefix_names_the_navy():
    evs = events("The HMS Edith Vane, a patrol ship, was deployed off the Falklands on Friday.")
    assert actors_of(evs, "MOBILIZE") == [[("The HMS Edith Vane", "GBR")]]


def test_person_named_after_no_prefix_stays_a_person():
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    text = "Edith Vane, a British diplomat, met the envoy."
    document = Document(doc=DocMeta(id="t", published="2024-05-01"), text=text)
    annotate(document, nlp.parse(text), Config())
    assert any(e.type == "PERSON" and e.name == "Edith Vane" for e in document.entities)


def test_dateline_before_a_pronoun_subject():
    text = ("Rosa Mendez is an Ecuadorian senator seeking the presidency. Mendez has toured Quito, Cuenca and "
            "Guayaquil. QUITO — She’s criticised the World Bank, voted against the mining law and vowed reform.")
    evs = events(text)
    coded = [a for e in evs if e.event in ("REJECT", "ACCUSE") for a in e.actor]
    assert coded and all(a.text == "She" and a.code == "ECU" for a in coded)


def test_allies_of_a_country_are_not_that_country_and_the_members_listed_act():
    evs = events("Nairobi’s regional partners, including Tanzania’s Samia Suluhu Hassan and Rwanda’s Paul Kagame, "
                 "denounced the Somali raids.", "2024-05-01")
    codes = {c for (_, c) in sum(actors_of(evs, "ACCUSE"), [])}
    assert codes == {"TZA", "RWA"}


def test_a_counterpart_takes_its_own_country_word_not_the_possessors():
    from tocsin import nlp
    from tocsin.actors import actor_for, annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    text = "Chilean Ambassador Pedro Soto rejected his Peruvian counterpart’s claim. Chile’s allies said nothing."
    document = Document(doc=DocMeta(id="t", published="2024-05-01"), text=text)
    parsed = nlp.parse(text)
    annotate(document, parsed, Config())
    start = text.index("his Peruvian counterpart")
    span = parsed.char_span(start, start + len("his Peruvian counterpart"))
    assert actor_for(document, span).code == "PER"
    start = text.index("Chile’s allies")
    span = parsed.char_span(start, start + len("Chile’s allies"))
    found = actor_for(document, span)
    assert found is None or found.code is None


def test_people_from_a_body_belong_to_it():
    evs = events("Ministers from African Union countries plan to meet next month over the border dispute.")
    assert "IGO" in {c for (_, c) in sum(actors_of(evs, "AGREE") + actors_of(evs, "CONSULT"), [])}


def test_rebels_take_the_country_of_the_ruler_they_depose():
    text = ("Ana Ruiz is a Chilean senator. Ruiz has defended her trip to Niger under Nigerien President "
            "Mohamed Bazoum, whom rebels deposed in 2023. Ruiz spoke in Santiago and Valparaiso.")
    evs = events(text, "2024-05-01")
    assert [c for (_, c) in sum(actors_of(evs, "COERCE"), [])] == ["NER"]


def test_a_spokesman_for_a_body_speaks_for_its_country():
    evs = events("A spokesman for the Kenyan foreign ministry condemned the raid on Tuesday.")
    assert actors_of(evs, "ACCUSE") == [[("A spokesman for the Kenyan foreign ministry", "KEN")]]


def test_the_ministry_refers_back_to_the_ministry_named_before():
    evs = events("Peru's foreign ministry met Chilean officials on Monday. A spokesperson for the ministry later "
                 "condemned the raid. The ministry also criticised Bolivia.")
    assert [c for (_, c) in sum(actors_of(evs, "ACCUSE"), [])] == ["PER", "PER"]


def test_the_ministry_of_another_kind_does_not_refer_back():
    evs = events("Peru's foreign ministry met Chilean officials on Monday. The health ministry criticised Bolivia.")
    met = next(a for e in evs if e.event == "CONSULT" for a in e.actor if a.text == "Peru's foreign ministry")
    health = next(a for e in evs if e.event == "ACCUSE" for a in e.actor)
    assert health.entity_id != met.entity_id and health.code != "PER"


def test_countries_like_a_and_b_are_the_actors():
    evs = events("Nations like Bolivia and Venezuela denounced the embargo on Friday.")
    assert {c for (_, c) in sum(actors_of(evs, "ACCUSE"), [])} == {"BOL", "VEN"}


KB = """
people:
  ITA:
  - {name: Aldo Hammer, spans: [[2019-01-01, 2022-01-01]]}
"""


def test_an_untagged_surname_opening_a_sentence_is_the_office_holder_in_office(tmp_path):
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    path = tmp_path / "kb.yaml"
    path.write_text(KB, encoding="utf-8")
    text = "Hammer condemned the raid in Tunis on Monday."  # parsed as a common noun, no entity

    def person(published):
        document = Document(doc=DocMeta(id="t", published=published), text=text)
        parsed = nlp.parse(text)
        assert parsed[0].dep_ == "nsubj" and not parsed[0].ent_type_
        annotate(document, parsed, Config(actors_files=(path,)))
        return next((e for e in document.entities if any(m.text == "Hammer" for m in e.mentions)), None)

    found = person("2020-06-01")
    assert found is not None and (found.type, found.code) == ("PERSON", "ITA")
    assert person("2024-06-01") is None  # out of office: a bare surname says nothing


def test_a_one_word_name_joins_its_untagged_repeats():
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    text = "On Monday, Mr Verrani met the envoy. Verrani condemned the raid."
    document = Document(doc=DocMeta(id="t", published="2024-05-01"), text=text)
    annotate(document, nlp.parse(text), Config())
    owners = {e.id for e in document.entities for m in e.mentions if "Verrani" in m.text}
    assert len(owners) == 1 and sum("Verrani" in m.text for e in document.entities for m in e.mentions) == 2


SHARED = """
actors:
  - {name: Unity Front, code: KEN, type: ORG, sector: [PTY]}
organisations:
  KEN:
  - {name: Unity Front, sector: PTY}
  GHA:
  - {name: Unity Front, sector: OPP}
"""


def test_a_dictionary_party_name_several_countries_share_follows_the_article(tmp_path):
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    path = tmp_path / "actors.yaml"
    path.write_text(SHARED, encoding="utf-8")

    def code(text):
        document = Document(doc=DocMeta(id="t", published="2024-05-01"), text=text)
        annotate(document, nlp.parse(text), Config(actors_files=(path,)))
        return next(e.code for e in document.entities if e.name == "Unity Front")

    assert code("The Unity Front condemned the ruling in Accra. Ghanaian judges and Ghana's police disagree.") == "GHA"
    assert code("The Unity Front condemned the ruling.") == "KEN"  # no context: the dictionary's
    assert code("The Unity Front condemned the ruling in Nairobi. Ghana's envoy left.") == "KEN"


def test_a_body_owned_by_a_surname_resolved_later_takes_its_country():
    evs = events("Kenyan President William Ruto met Ugandan leaders. Ruto's government later accused Uganda of "
                 "arming rebels.")
    assert actors_of(evs, "ACCUSE") == [[("Ruto's government", "KEN")]]


def test_police_and_the_government_with_no_country_take_the_one_country_just_spoken_of():
    evs = events("Thousands of protesters marched in Nairobi on Tuesday. Police fired tear gas at them. "
                 "Officials said the government would not resign.")
    assert [a.code for e in evs if e.event in ("COERCE", "REJECT") for a in e.actor] == ["KEN", "KEN"]


def test_no_country_from_a_sentence_naming_two():
    evs = events("Kenyan and Ugandan officials met in Nairobi and Kampala on Tuesday. Police fired tear gas at "
                 "protesters.")
    assert [a.code for e in evs if e.event == "COERCE" for a in e.actor] == [None]  # tear gas: repression


def test_the_title_refers_back_to_the_person_holding_that_title():
    evs = events("Prime Minister Ana Ruiz of Peru met President Luis Soto of Chile in Lima. "
                 "The prime minister later criticised Bolivia.")
    assert [c for (_, c) in sum(actors_of(evs, "ACCUSE"), [])] == ["PER"]


def test_a_hyphenated_title_refers_back():
    evs = events("UN Secretary-General Ana Ruiz visited Haiti. The secretary-general condemned the killings.")
    assert [c for (_, c) in sum(actors_of(evs, "ACCUSE"), [])] == ["UNO"]


def test_the_administration_named_after_an_office_holder_is_the_office_holder_s_country(tmp_path):
    from tocsin import nlp
    from tocsin.actors import actor_for, annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    path = tmp_path / "kb.yaml"
    path.write_text(KB, encoding="utf-8")
    text = "The Hammer administration imposed sanctions on Tunisia."
    document = Document(doc=DocMeta(id="t", published="2020-06-01"), text=text)
    parsed = nlp.parse(text)
    annotate(document, parsed, Config(actors_files=(path,)))
    span = parsed.char_span(0, len("The Hammer administration"))
    assert actor_for(document, span).code == "ITA"


def test_a_short_mixed_case_acronym_is_no_ordinary_word():
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.config import Config
    from tocsin.model import DocMeta, Document

    text = "“Let her speak,” the crowd chanted. The AfD condemned the ruling."
    document = Document(doc=DocMeta(id="t", published="2024-05-01"), text=text)
    annotate(document, nlp.parse(text), Config())
    coded = {m.text: e.code for e in document.entities for m in e.mentions}
    assert "Let" not in coded and coded.get("The AfD", coded.get("AfD")) == "DEU"


def test_they_is_the_group_acting_just_before():
    evs = events("Russian President Vladimir Putin met reporters in Moscow. Hundreds of protesters marched in Kyiv. "
                 "They condemned the strikes.")
    assert actors_of(evs, "ACCUSE") == [[("They", "UKR")]]


def test_a_voluntary_body_by_its_name_and_the_person_who_heads_it_are_ngo():
    evs = events("“We are ashamed of the world,” said Maria Gonzalez, the chairman of the Andean Medical Relief Network, "
                 "which runs clinics in Peru. The Southern Charity Alliance condemned the raid.")
    coded = {a.text: a.code for e in evs for a in e.actor}
    assert coded.get("The Southern Charity Alliance") == "NGO" and coded.get("Maria Gonzalez") == "NGO"


def test_a_state_body_with_a_relief_word_is_no_ngo():
    evs = events("The National Relief Agency of Peru condemned the raid.")
    assert actors_of(evs, "ACCUSE") == [[("The National Relief Agency of Peru", "PER")]]


def test_the_country_an_act_is_aimed_at_is_not_the_actor_s():
    evs = events("Ms. Verrani criticised Greece on Monday. Protesters attacked the parliament building in Nairobi.")
    assert actors_of(evs, "ACCUSE") == [[("Ms. Verrani", None)]]
    assert [c for (_, c) in sum(actors_of(evs, "ASSAULT"), [])] == ["KEN"]


def test_the_two_ministers_are_the_two_parties_of_the_meeting_before():
    evs = events("Peruvian Foreign Minister Ana Ruiz met her Chilean counterpart in Lima. The two ministers agreed "
                 "to continue talks.")
    assert sorted(c for (_, c) in sum(actors_of(evs, "AGREE"), [])) == ["CHL", "PER"]


def recipients_of(evs, kind: str) -> list[list[tuple[str, str | None]]]:
    return [[(a.text, a.code) for a in e.recipient] for e in evs if e.event == kind]


def test_victims_take_the_country_where_the_attack_happened():
    text = ("Chadian troops shelled a market in the town of Abeche on Tuesday, the army said. "
            "Chad's interior ministry said rebels would be pursued. "
            "The shelling killed dozens of civilians in Abeche, according to Chad's health ministry.")
    codes = [c for side in recipients_of(events(text), "ASSAULT") for (t, c) in side if "civilians" in t]
    assert codes == ["TCD"]


def test_local_police_as_recipient_take_the_main_country():
    text = ("Bolivian miners marched through La Paz on Monday. Bolivia's government called the march illegal. "
            "On Tuesday the miners fought police near the presidential palace.")
    evs = events(text)
    police = [a for e in evs if e.event == "ASSAULT" for a in e.recipient if a.text == "police"]
    assert [(a.code, a.from_context) for a in police] == [("BOL", True)]


def test_victims_at_a_place_of_no_country_keep_no_code():
    text = ("Greek officials said on Monday that Greece would tighten its patrols. Greece's coastguard "
            "rammed a smuggling boat in the Mediterranean Sea, and two survivors were rescued. "
            "The Greek minister defended the patrols.")
    survivors = [a.code for e in events(text) for a in e.recipient if "survivors" in a.text]
    assert survivors == [None]


def test_sponsored_armed_group_takes_the_country_it_fights_in():
    evs = events("Kremlin-backed fighters shelled a village in Moldova on Friday, officials said.")
    assert actors_of(evs, "ASSAULT") == [[("Kremlin-backed fighters", "MDA")]]


def test_sponsored_body_that_is_no_armed_group_keeps_its_backer():
    evs = events("A Saudi-backed committee condemned the vote on Monday.")
    assert [c for side in actors_of(evs, "ACCUSE") for (_, c) in side] == ["SAU"]


def test_the_journalists_own_i_is_no_party():
    text = ("Ecuador's president spoke to this newspaper in Quito on Tuesday. When I asked him to explain the "
            "new tariffs, he smiled. \"I urge our neighbours to trade with us,\" he said.")
    evs = events(text)
    assert not [a for e in evs for a in e.actor if a.text == "I" and a.code is None]
    assert all(e.actor for e in evs if e.event == "REQUEST")


def test_an_arch_rival_takes_no_country_from_its_possessor():
    evs = events("Indian Prime Minister Narendra Modi has warned of a long conflict with Pakistan, accusing his "
                 "arch-rival of sheltering militants in Kashmir.")
    rivals = [a.code for e in evs for a in e.recipient if "rival" in a.text]
    assert rivals and "IND" not in rivals


def test_a_thing_that_names_no_one_is_no_actor():
    # "The policy" is no party: the verbal event has no one who acts, so it is not coded
    evs = events("The policy condemned farmers in Peru to poverty, Quispe said.")
    assert not [a for e in evs for a in e.actor if a.text == "The policy"]


def test_a_bare_name_shared_by_an_earlier_person_is_not_taken_by_a_later_one():
    text = ("Piet Korvin Dalen, a farmer, said the raid began at dawn.\n\nKorvin said the soldiers burned two houses.\n\n"
            "Colonel Ana Korvin, an army spokeswoman, denied the account.")
    document = code_article(Article(id="a", text=text, published="2024-05-01"))
    later = next(e for e in document.entities if e.name == "Ana Korvin")
    assert all(m.start >= text.index("Colonel") for m in later.mentions)


def test_an_uncoded_court_body_takes_the_country_of_the_court_named_before():
    # the article is mostly about Australia, but "the prosecutors" are those of the court in Peru
    text = ("Australia has sought the return of Mark Dunleavy for months, and Australian officials met his family "
            "in Sydney on Friday. A court in the Peruvian city of Cusco ordered on Monday that he stay in custody. "
            "His lawyer said the prosecutors, who demanded a ten-year sentence, could still appeal. Australia's "
            "foreign minister said Canberra would keep pressing.")
    demands = [a for e in events(text) if e.event == "REQUEST" for a in e.actor if a.text == "the prosecutors"]
    assert demands and {(a.code, a.from_context) for a in demands} == {("PER", True)}


def test_a_struck_town_the_parser_takes_for_a_name_is_in_its_own_country():
    # spaCy tags such towns ORG or PERSON, and the gazetteer knows them under another spelling
    # (Kupyansk, Avdiyivka): the attacker's country, which leads the article, is not theirs.
    text = ("Russian units shelled Kupiansk again on Sunday, Russian officers said. "
            "Russian drones struck Avdiivka overnight, and Russian troops said they were advancing.")
    evs = events(text)
    hit = {r.text: r.code for e in evs if e.event == "ASSAULT" for r in e.recipient}
    assert hit == {"Kupiansk": "UKR", "Avdiivka": "UKR"}, recipients_of(evs, "ASSAULT")
    assert {e.event_loc.country for e in evs if e.event == "ASSAULT" and e.event_loc} == {"UKR"}


def test_a_place_the_attacker_s_own_mentions_lead_the_article_about_takes_no_attacker_code():
    # An unknown village: nothing tells its country, and the article's main country is there only
    # because the attacking army is named again and again.
    text = ("Russian troops shelled Zorivka on Friday.\n\n"
            "Russian troops shelled Zorivka again on Saturday, Russian troops said. "
            "Russian troops then withdrew.")
    evs = events(text)
    codes = [r.code for e in evs if e.event == "ASSAULT" for r in e.recipient if r.text == "Zorivka"]
    assert codes and all(c != "RUS" for c in codes), recipients_of(evs, "ASSAULT")


def test_domestic_police_act_on_their_own_people():
    # The same article shape, but the police arrest and beat the country's own protesters.
    text = ("Kenyan police arrested dozens of protesters on Tuesday.\n\n"
            "Kenyan police beat the protesters with batons, Kenyan police said. "
            "Kenyan police also fired tear gas at students.")
    evs = events(text)
    codes = {(e.event, r.text): r.code for e in evs for r in e.recipient}
    assert codes[("COERCE", "dozens of protesters")] == "KEN", codes
    assert codes[("ASSAULT", "the protesters")] == "KEN", codes


def test_condemned_strikes_are_the_other_side_s_when_both_sides_fired():
    # The latest strike told is the condemner's own side's; what a party condemns is the other's.
    text = ("Azerbaijani jets bombed targets in Armenia on Monday after Armenian militias shelled border "
            "villages, the Azerbaijani army said.\n\n"
            "Armenia's prime minister Aram Petrosyan condemned the strikes and said Yerevan would appeal to the UN.")
    assert [[c for (_, c) in side] for side in recipients_of(events(text), "ACCUSE")] == [["AZE"]]
    # when the condemner's own side made the only strike told, that strike is the one condemned
    text = ("Armenian militias shelled border villages in Azerbaijan on Monday, the Azerbaijani army said.\n\n"
            "Armenia's prime minister Aram Petrosyan condemned the attack and promised an inquiry.")
    assert [[c for (_, c) in side] for side in recipients_of(events(text), "ACCUSE")] == [["ARM"]]


def test_the_government_of_a_named_leader_is_the_leader_s_country():
    evs = events("Last month the government of President William Ruto accused Somalia of sheltering the gunmen.")
    assert actors_of(evs, "ACCUSE") == [[("the government of President William Ruto", "KEN")]]
