"""Places of events: gazetteer look-up, disambiguation by the document's countries, attachment."""


import pytest

from tocsin import nlp, where
from tocsin.config import DEFAULT
from tocsin.model import DocMeta, Document, Entity, Event, Mention
from tocsin.where.gazetteer import load

from hand_events import with_events


def coded(text, triggers, entities=(), event="ASSAULT"):
    document, parsed = with_events(text, triggers, entities=entities, event=event)
    where.annotate(document, parsed, DEFAULT)
    return [e.event_loc for e in document.events]


def entity(name, code, n=2):
    return Entity(id=name, name=name, type="GPE", code=code, mentions=[Mention(text=name, start=0, end=1)] * n)


@pytest.fixture(scope="module")
def gaz():
    return load()


def test_same_name_in_several_countries_follows_the_document(gaz):
    assert gaz.lookup("Tripoli").country == "LBY"  # nothing known: the capital
    assert gaz.lookup("Tripoli", {"LBN": 3}).country == "LBN"
    assert gaz.lookup("San Fernando", {"TTO": 1}).country == "TTO"
    assert gaz.lookup("San Fernando", {"ESP": 1}).country == "ESP"


def test_curated_places_win_unless_the_document_says_otherwise(gaz):
    island = gaz.lookup("Trinidad")
    assert (island.country, island.feature_type) == ("TTO", "island")
    assert gaz.lookup("Trinidad", {"BOL": 2}).country == "BOL"
    assert gaz.lookup("the Caribbean").name == "Caribbean Sea"


def test_alternate_names_and_aliases(gaz):
    assert gaz.lookup("Kiev").name == "Kyiv"
    assert gaz.lookup("Odessa").country == "UKR"
    assert gaz.lookup("Britain").country == "GBR"
    assert gaz.lookup("Georgia").feature_type == "country"
    assert gaz.lookup("Georgia", {"USA": 4}).country == "USA"


def test_fuzzy_match_is_only_a_fallback_for_long_names(gaz):
    assert gaz.lookup("Kharkivv").name == "Kharkiv"
    assert gaz.lookup("Rgia") is None


def test_place_off_the_coast_of_an_island():
    (loc,) = coded("A patrol boat was attacked off the coast of Trinidad late on Tuesday.\n", ["attacked"])
    assert (loc.name, loc.country, loc.precision) == ("Trinidad", "TTO", "region")
    assert loc.lat == pytest.approx(10.45, abs=0.5) and loc.lon == pytest.approx(-61.25, abs=0.5)


def test_sea_has_no_country():
    (loc,) = coded("The navy intercepted a fuel tanker in the Caribbean.\n", ["intercepted"])
    assert (loc.name, loc.country, loc.feature_type) == ("Caribbean Sea", None, "sea")


def test_document_countries_pick_the_town():
    text = "Gunmen ambushed a minibus near Tripoli, killing four passengers.\n"
    (lebanon,) = coded(text, ["ambushed"], entities=[entity("Lebanon", "LBN")])
    (libya,) = coded(text, ["ambushed"])
    assert lebanon.country == "LBN" and libya.country == "LBY"
    assert lebanon.lat != libya.lat


def test_country_named_elsewhere_in_the_text_disambiguates():
    text = "Lebanon's army deployed troops in the north.\nGunmen ambushed a minibus near Tripoli.\n"
    assert coded(text, ["ambushed"])[0].country == "LBN"


def test_government_metonyms_are_actors_not_places():
    text = "Washington condemned the raid.\nThe Kremlin rejected the proposal.\nEnvoys met in Washington.\n"
    condemned, rejected, met = coded(text, ["condemned", "rejected", "met"])
    assert condemned is None and rejected is None
    assert (met.name, met.country) == ("Washington", "USA")


def test_struck_city_is_the_place():
    (loc,) = coded("Russian drones struck Odesa overnight.\n", ["struck"])
    assert (loc.name, loc.country, loc.feature_type) == ("Odesa", "UKR", "city")


def test_a_town_spelled_another_way_is_a_town_only_when_the_spelling_is_close(gaz):
    assert (gaz.town("Kupiansk").name, gaz.town("Kupiansk").country) == ("Kupyansk", "UKR")
    assert gaz.town("Google") is None  # an alternate name of Topeka, not a spelling of it
    assert gaz.town("Ukraine") is None  # a country, no town


def test_a_struck_town_tagged_as_an_organisation_is_the_place():
    # spaCy tags the town ORG; the gazetteer knows it by another spelling (Kupyansk).
    (loc,) = coded("Russian guns shelled Kupiansk on Monday night.\n", ["shelled"])
    assert (loc.name, loc.country) == ("Kupyansk", "UKR")
    # not as an actor, and not from a mere guess at a misspelling
    assert coded("Kupiansk said the shelling stopped.\n", ["shelling"]) == [None]


def test_place_where_the_speaker_spoke_is_not_the_place_of_the_reported_event():
    text = "Speaking in Brussels, the minister said troops had shelled the harbour.\n"
    assert coded(text, ["shelled"]) == [None]


def test_each_clause_keeps_its_own_place():
    text = "Police dispersed protesters in Nairobi while soldiers patrolled the streets of Mombasa.\n"
    nairobi, mombasa = coded(text, ["dispersed", "patrolled"])
    assert nairobi.name == "Nairobi" and mombasa.name == "Mombasa"


def test_destination_is_not_the_place():
    assert coded("The cartel shipped cocaine to the United States.\n", ["shipped"]) == [None]


def test_user_places_file_adds_a_place(tmp_path):
    user = tmp_path / "places.yaml"
    user.write_text("places:\n  - {name: Zorvan Shoal, lat: 9.5, lon: 115.1, country: null, feature: reef}\n")
    text = "Coast guard vessels fired water cannon at fishermen near the Zorvan Shoal on Monday."
    parsed = nlp.parse(text)
    start = text.index("fired")
    sent = next(parsed.sents)
    document = Document(doc=DocMeta(id="d"), text=text, events=[
        Event(id="e0", doc_id="d", event="COERCE", text=sent.text, span=(0, len(text)), event_text="fired",
              event_span=(start, start + 5))])
    from tocsin.config import Config

    where.annotate(document, parsed, Config(places_files=(user,)))
    assert document.events[0].event_loc.name == "Zorvan Shoal"
    assert (document.events[0].event_loc.lat, document.events[0].event_loc.lon) == (9.5, 115.1)
    where.annotate(document, parsed, DEFAULT)
    assert document.events[0].event_loc is None or document.events[0].event_loc.name != "Zorvan Shoal"


def test_month_and_weekday_names_are_never_places(gaz):
    for name in ("March", "August", "May", "Sunday"):  # a town in England; one letter from Augusta
        assert gaz.lookup(name) is None and gaz.lookup(name, {"GBR": 3}) is None
    assert gaz.candidates("March") == []
    arrested, clashed = coded("Police arrested 20 protesters on 12 March 2019 and clashed with students in"
                              " Kano on Sunday, 3 May.\n", ["arrested", "clashed"])
    assert arrested is None and (clashed.name, clashed.country) == ("Kano", "NGA")


def test_a_place_an_event_is_done_to_locates_it_only_when_the_event_acts_on_places():
    text = ("Kinshasa accused Kigali of arming the rebels.\nRussian missiles struck Kharkiv overnight.\n"
            "The Nigerian president visited Accra last week.\nThe bloc sanctioned Minsk over the crackdown.\n"
            "Kinshasa condemned Kigali at a summit in Luanda.\nKigali was blamed for the raid.\n")
    accused, struck, visited, sanctioned, condemned, blamed = coded(
        text, ["accused", "struck", "visited", "sanctioned", "condemned", "blamed"],
        event=["ACCUSE", "ASSAULT", "CONSULT", "SANCTION", "ACCUSE", "ACCUSE"])
    assert accused is None and sanctioned is None and blamed is None  # a government, not a place
    assert (struck.name, visited.name, condemned.name) == ("Kharkiv", "Accra", "Luanda")


def test_a_participle_clause_tells_where_its_subject_acted():
    # Where a statement was made (the gold convention): "Speaking in Geneva, X condemned ...". Not
    # across reported speech, and not from a clause with its own subject or conjunction.
    text = ("Speaking in Geneva on Tuesday, the Norlandic minister condemned the raid.\n"
            "Addressing reporters in Nairobi, the president accused the rebels of looting.\n"
            "Speaking in Geneva, the envoy said troops had shelled the border post.\n"
            "Having met rebels in Cairo, the minister criticised the blockade.\n"
            "As delegates gathered in Lima, the rebels attacked a convoy.\n")
    condemned, accused, shelled, criticised, attacked = coded(
        text, ["condemned", "accused", "shelled", "criticised", "attacked"],
        event=["ACCUSE", "ACCUSE", "ASSAULT", "ACCUSE", "ASSAULT"])
    assert (condemned.name, accused.name) == ("Geneva", "Nairobi")
    assert shelled is None and criticised is None and attacked is None


def test_a_short_name_two_countries_share_is_the_one_news_means(gaz):
    # Wire style: "Congo" is the Democratic Republic; the other is written out.
    assert gaz.lookup("Congo").country == "COD"
    assert gaz.lookup("Republic of Congo").country == "COG" and gaz.lookup("Congo-Brazzaville").country == "COG"
    assert gaz.lookup("Brazzaville").country == "COG"
