"""Dates of events: resolution against the publication date and attachment to the clause."""

import datetime as dt

import pytest

from tocsin import when
from tocsin.config import DEFAULT
from tocsin.when.resolve import resolve

from hand_events import with_events

MONDAY = dt.date(2025, 12, 1)  # a Monday
NEW_YEAR = dt.date(2026, 1, 3)  # a Saturday, just after a year boundary


def coded(text, triggers, published="2025-12-01"):
    return with_events(text, triggers, published)


def dates(text, triggers, published="2025-12-01"):
    document, parsed = coded(text, triggers, published)
    when.annotate(document, parsed, DEFAULT)
    return [(e.date, e.date_precision) for e in document.events]


@pytest.mark.parametrize(
    "expr, published, expected",
    [
        ("on Friday", MONDAY, ("2025-11-28", "day")),
        ("Friday evening", MONDAY, ("2025-11-28", "day")),
        ("yesterday", MONDAY, ("2025-11-30", "day")),
        ("last night", MONDAY, ("2025-11-30", "day")),
        ("October 30, 2025", MONDAY, ("2025-10-30", "day")),
        ("30 October", MONDAY, ("2025-10-30", "day")),
        ("in September", MONDAY, ("2025-09", "month")),
        ("since September", MONDAY, ("2025-09", "month")),
        ("early September", MONDAY, ("2025-09", "month")),
        ("last month", MONDAY, ("2025-11", "month")),
        ("earlier this year", MONDAY, ("2025", "year")),
        ("last year", MONDAY, ("2024", "year")),
        ("in 2019", MONDAY, ("2019", "year")),
        ("three days ago", MONDAY, ("2025-11-28", "day")),
        # A week has no precision of its own: the month holding its Thursday.
        ("last week", MONDAY, ("2025-11", "month")),
        ("last week", dt.date(2025, 10, 6), ("2025-10", "month")),
        # Across the year boundary.
        ("in December", NEW_YEAR, ("2025-12", "month")),
        ("on Monday", NEW_YEAR, ("2025-12-29", "day")),
        ("last year", NEW_YEAR, ("2025", "year")),
        ("in January", NEW_YEAR, ("2026-01", "month")),
    ],
)
def test_resolve_forms(expr, published, expected):
    got = resolve(expr, published)
    assert got is not None and (got.date, got.precision) == expected


@pytest.mark.parametrize("expr", ["the coming weeks", "two years", "a 58-year-old", "recent months", "decades"])
def test_durations_and_vague_spans_are_not_dates(expr):
    assert resolve(expr, MONDAY) is None


def test_future_takes_the_next_weekday():
    assert resolve("on Friday", MONDAY, future=True).date == "2025-12-05"


def test_without_publication_only_explicit_dates_resolve():
    assert resolve("on Friday", None) is None
    assert resolve("in September", None) is None
    assert resolve("October 30, 2025", None).date == "2025-10-30"


def test_clause_dates_differ_within_a_sentence():
    text = "Troops withdrew from the border town on Monday, and rebels seized it on Wednesday.\n"
    (withdrew, _), (seized, _) = dates(text, ["withdrew", "seized"])
    assert withdrew == "2025-12-01" and seized == "2025-11-26"  # Monday is the publication day


def test_weekday_month_and_explicit_dates_in_an_article():
    text = (
        "The coastguard intercepted a fishing boat on Friday.\n"
        "The navy began patrolling the strait in September after a string of seizures.\n"
        "A frigate left the harbour on October 30, 2025.\n"
        "Police arrested two smugglers yesterday.\n"
    )
    got = dates(text, ["intercepted", "patrolling", "left", "arrested"])
    assert got == [("2025-11-28", "day"), ("2025-09", "month"), ("2025-10-30", "day"), ("2025-11-30", "day")]


def test_governing_clause_date_reaches_reported_content():
    text = "On Tuesday, police said protesters had blocked the main highway.\n"
    assert dates(text, ["blocked"]) == [("2025-11-25", "day")]


def test_future_clause_takes_the_next_weekday():
    text = "Opposition parties will march through the capital on Friday.\n"
    assert dates(text, ["march"]) == [("2025-12-05", "day")]


def test_no_date_falls_back_to_publication():
    text = "Soldiers fired tear gas at the crowd.\n"
    assert dates(text, ["fired"]) == [("2025-12-01", "publication")]


def test_no_publication_date_is_not_guessed():
    text = "Soldiers fired tear gas at the crowd on Friday.\nThe ministry closed the border on March 3, 2024.\n"
    assert dates(text, ["fired", "closed"], published=None) == [(None, None), ("2024-03-03", "day")]


def test_year_boundary_in_an_article():
    text = "The navy seized an oil tanker in December.\nGunmen attacked a police convoy on Monday.\n"
    assert dates(text, ["seized", "attacked"], published="2026-01-03") == [("2025-12", "month"), ("2025-12-29", "day")]


def test_event_behind_following_does_not_take_the_clause_date():
    text = "The defence minister resigned on Friday following the bombing of the barracks.\n"
    assert dates(text, ["resigned", "bombing"]) == [("2025-11-28", "day"), ("2025-12-01", "publication")]


def test_relative_clause_on_a_nominal_trigger_dates_it():
    text = "The strikes, which began in September, have drawn sharp criticism.\n"
    assert dates(text, ["strikes"]) == [("2025-09", "month")]


@pytest.mark.parametrize("prefer", ["past", "future"])
def test_bare_weekdays_resolve_as_dateparser_does_but_on_the_day_itself(prefer):
    # Weekdays skip dateparser (its start-up cost); every weekday against every publication
    # weekday, across a year's end, must give dateparser's own answer, except that in the past
    # the publication's own weekday is that very day ("said on Monday" in Monday's paper).
    from tocsin.when.resolve import Resolved, _calendar, _parser

    for offset in range(7):
        base = dt.date(2025, 12, 29) + dt.timedelta(days=offset)
        for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            data = _parser(base, prefer).get_date_data(name)
            expected = data.date_obj.date()
            if prefer == "past" and base.strftime("%A").lower() == name:
                assert expected == base - dt.timedelta(days=7)  # dateparser's week before
                expected = base
            assert _calendar(name, base, prefer) == Resolved(expected.isoformat(), "day")


@pytest.mark.parametrize("text, triggers, expected", [
    ("Colombia expelled three diplomats on Saturday, a day after a drone strike killed nine civilians.\n",
     ["expelled", "killed"], ["2025-11-29", "2025-11-28"]),
    ("Police arrested two men on Monday, two days after they attacked a bus in the capital.\n",
     ["arrested", "attacked"], ["2025-12-01", "2025-11-29"]),
    ("The rebels withdrew on Tuesday, a week before the army attacked the town.\n",
     ["withdrew", "attacked"], ["2025-12-02", "2025-12-09"]),
    ("Troops fired on protesters on Friday, hours after rebels attacked a base.\n",  # the same day
     ["fired", "attacked"], ["2025-11-28", "2025-11-28"]),
])
def test_a_clause_a_distance_after_or_before_another_is_dated_from_it(text, triggers, expected):
    assert dates(text, triggers, published="2025-12-03") == [(d, "day") for d in expected]


def test_a_statement_is_dated_when_it_was_made_not_when_what_it_announces_comes():
    # "will bomb ... next week" coded as a threat (a verbal quad): the day it was said, else the
    # publication date; the same clause coded as a future act keeps its future date.
    text = ("Velmora will bomb the port next week, the defence minister said on Friday.\n"
            "The two leaders will meet in Geneva next week.\n")
    document, parsed = coded(text, ["bomb", "meet"], published="2025-12-03")
    document.events[0].event, document.events[0].quad_code = "THREATEN", 3
    document.events[1].event, document.events[1].quad_code = "AGREE", 1
    when.annotate(document, parsed, DEFAULT)
    assert [(e.date, e.date_precision) for e in document.events] == [("2025-11-28", "day"),
                                                                       ("2025-12-03", "publication")]
    assert dates(text, ["bomb"], published="2025-12-03")[0][0] != "2025-11-28"  # an act to come: next week
