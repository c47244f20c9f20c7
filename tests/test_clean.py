"""tocsin.clean: boilerplate and repeats go, with reasons and offsets; reporting stays verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tocsin.clean import Cleaned, clean, paragraph_spans
from tocsin.errors import InputNotFound, MalformedInput

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
ARTICLES = sorted(p.stem for p in FIXTURES.glob("*.txt"))
SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "seed_article.txt"


def read(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = yaml.safe_load((FIXTURES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return text, expected


def check_offsets(original: str, result: Cleaned) -> None:
    """Removed spans and kept segments both point at the right original characters."""
    for r in result.removed:
        assert original[r.start : r.end] == r.text
    spans = sorted([(r.start, r.end) for r in result.removed] + [
        (s.orig_start, s.orig_start + s.length) for s in result.segments
    ])
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start, "a character is both kept and removed, or kept twice"
    pieces = []
    for seg in result.segments:
        piece = original[seg.orig_start : seg.orig_start + seg.length]
        assert result.text[seg.start : seg.start + seg.length] == piece
        assert result.to_original(seg.start) == seg.orig_start
        assert result.to_original(seg.start + seg.length) == seg.orig_start + seg.length
        pieces.append(piece)
    assert "\n\n".join(pieces) == result.text
    # Every non-blank line is accounted for: kept in a segment or inside a removed span.
    covered = spans
    for start, end in paragraph_spans(original):
        assert any(a <= start and end <= b for a, b in covered), original[start:end]


def test_there_are_enough_fixtures():
    assert len(ARTICLES) >= 12
    for name in ARTICLES:
        assert (FIXTURES / f"{name}.expected.yaml").is_file(), name


@pytest.mark.parametrize("name", ARTICLES)
def test_fixture_removals(name):
    text, expected = read(name)
    result = clean(text)
    got = [(r.reason, r.text) for r in result.removed]
    want = [(e["reason"], e["text"]) for e in expected.get("removed") or []]
    assert got == want
    check_offsets(text, result)
    kept_paragraphs = result.text.split("\n\n")
    for line in expected.get("kept") or []:
        assert line in kept_paragraphs, line


@pytest.mark.parametrize("name", ARTICLES)
def test_fixture_kept_lines_verbatim_and_idempotent(name):
    text, _ = read(name)
    result = clean(text)
    removed = {(r.start, r.end) for r in result.removed}
    for start, end in paragraph_spans(text):
        if not any(a <= start and end <= b for a, b in removed):
            assert text[start:end] in result.text.split("\n\n")
    assert not result.text.startswith(("\n", " ")) and not result.text.endswith(("\n", " "))
    assert clean(result.text).text == result.text
    assert clean(result.text).removed == []


def test_picture_label_and_agency_line_are_one_credit():
    text = (
        "Fighting resumed overnight.\n\nA man walks past a burning car\n\nPicture:\nGetty\n\n"
        "The army said it had retaken the town."
    )
    result = clean(text)
    assert [(r.reason, r.text) for r in result.removed] == [
        ("caption", "A man walks past a burning car"),
        ("credit", "Picture:\nGetty"),
    ]
    assert result.text == "Fighting resumed overnight.\n\nThe army said it had retaken the town."
    assert result.to_original(result.text.index("The army")) == text.index("The army")


def test_caption_guess_never_takes_reporting():
    long_line = " ".join(["word"] * 30) + "."
    for line in (
        "The minister said the talks had failed.",
        "\u201cWe will respond,\u201d a spokesman warned.",
        long_line,
        "He added:",
    ):
        result = clean(f"{line}\nPhoto: Reuters\nMore text follows here.")
        assert line in result.text.split("\n\n")
        assert [r.reason for r in result.removed] == ["credit"]


def test_repeated_short_lines_are_not_duplicates():
    text = "He added:\n\u201cFirst quote.\u201d\nHe added:\n\u201cSecond quote.\u201d"
    assert clean(text).removed == []


def test_first_copy_stays_even_without_full_stop():
    first = "Rebels seized the airport in Goma after three days of fighting"
    text = f"{first}\n\nSome other paragraph of the story.\n\n{first.upper()}."
    result = clean(text)
    assert [(r.reason, r.start) for r in result.removed] == [("duplicate", text.rindex(first.upper()))]
    assert result.text.startswith(first)


def test_updated_numbers_are_not_duplicates():
    a = "An air strike on a market in the north of the country killed at least 12 people, officials said on Monday."
    b = a.replace("12", "18")
    assert clean(f"{a}\n{b}").removed == []


def test_offsets_with_crlf_and_indentation():
    text = "  Advertisement  \r\n\r\n   Troops crossed the river at dawn.  \r\nShare\r\n"
    result = clean(text)
    assert result.text == "Troops crossed the river at dawn."
    assert [r.text for r in result.removed] == ["Advertisement", "Share"]
    check_offsets(text, result)


def test_empty_and_blank_text():
    assert clean("").text == ""
    result = clean(" \n\n \t\n")
    assert result.text == "" and result.removed == [] and result.segments == []


def test_user_patterns_are_merged(tmp_path):
    extra = tmp_path / "outlet.yaml"
    extra.write_text(
        "lines:\n"
        "  furniture:\n"
        "    - 'support\\s+our\\s+journalism\\b.*'\n"
        "  paywall:\n"
        "    - 'subscribe\\s+to\\s+keep\\s+reading'\n"
        "agencies:\n"
        "  - Kyiv Independent\n",
        encoding="utf-8",
    )
    text = (
        "Support our journalism today\n"
        "Subscribe to keep reading\n"
        "Kyiv Independent\n"
        "Read more: Another story\n"
        "Officials confirmed the strike."
    )
    assert [r.reason for r in clean(text).removed] == ["teaser"]
    result = clean(text, extra_patterns=[extra])
    assert [(r.reason, r.text) for r in result.removed] == [
        ("furniture", "Support our journalism today"),
        ("paywall", "Subscribe to keep reading"),
        ("credit", "Kyiv Independent"),
        ("teaser", "Read more: Another story"),
    ]
    assert result.text == "Officials confirmed the strike."


def test_user_thresholds_replace_defaults(tmp_path):
    extra = tmp_path / "strict.yaml"
    extra.write_text("thresholds:\n  caption_max_words: 3\n", encoding="utf-8")
    text = "Troops dug in.\nSoldiers rest near the front line\nPhoto: Reuters"
    assert [r.reason for r in clean(text).removed] == ["caption", "credit"]
    assert [r.reason for r in clean(text, [extra]).removed] == ["credit"]


def test_bad_user_files(tmp_path):
    with pytest.raises(InputNotFound):
        clean("text", [tmp_path / "missing.yaml"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("lines:\n  furniture:\n    - '(unclosed'\n", encoding="utf-8")
    with pytest.raises(MalformedInput):
        clean("text", [bad])
    typo = tmp_path / "typo.yaml"
    typo.write_text("agences: [X]\n", encoding="utf-8")
    with pytest.raises(MalformedInput):
        clean("text", [typo])


@pytest.mark.skipif(not SEED.is_file(), reason="shared seed article absent")
def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    result = clean(text)
    reasons = [r.reason for r in result.removed]
    assert reasons.count("credit") == 3
    assert reasons.count("teaser") == 2
    assert reasons.count("caption") == 6
    assert reasons.count("duplicate") == 1
    assert len(result.removed) == 12
    dup = next(r for r in result.removed if r.reason == "duplicate")
    assert dup.text.endswith(".") and dup.start > text.index(dup.text[:-1])
    check_offsets(text, result)


# --- properties -------------------------------------------------------------------------

BOILERPLATE = [
    "Picture:", "Getty", "Picture: Getty", "Photo: Reuters", "(AP Photo/Jane Doe)",
    "Image source, Getty Images", "Image caption, Smoke rises over the city", "Credit: AFP",
    "© Reuters", "Read more: Another headline here", "READ MORE", "Related", "Advertisement",
    "Share this article", "Copy link", "Follow us on X", "Click here to subscribe",
    "Sign up to our daily newsletter", "skip past newsletter promotion",
    "after newsletter promotion", "By Jane Doe, Defence Correspondent",
]
PROSE = [
    "Troops crossed the river at dawn.", "Troops crossed the river at dawn",
    "Soldiers patrol a checkpoint near the border",
    "The minister said the ceasefire would hold until the end of the month.",
    "\u201cWe will not give up,\u201d she said.", "He added:",
    "Rescue workers search the rubble of a building in Kharkiv. Photograph: Jane Doe/Reuters",
    "An air strike on a market killed at least 12 people, officials said on Monday.",
    "An air strike on a market killed at least 12 people, officials said on Monday",
]
line = st.one_of(
    st.sampled_from(BOILERPLATE),
    st.sampled_from(PROSE),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=40),
)
separator = st.sampled_from(["\n", "\n\n", "\r\n", " \n \n", "\n\t\n", "\r"])


@st.composite
def articles(draw):
    lines = draw(st.lists(line, max_size=25))
    # Repeat some earlier lines, possibly changing case or final punctuation.
    for _ in range(draw(st.integers(0, 4))):
        if lines:
            copy = draw(st.sampled_from(lines))
            copy = draw(st.sampled_from([copy, copy + ".", copy.rstrip("."), copy.upper()]))
            lines.insert(draw(st.integers(0, len(lines))), copy)
    seps = [draw(separator) for _ in lines]
    return draw(st.sampled_from(["", " ", "\n"])) + "".join(a + b for a, b in zip(lines, seps))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_offsets_map_back(text):
    check_offsets(text, clean(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_cleaning_is_idempotent(text):
    once = clean(text)
    twice = clean(once.text)
    assert twice.text == once.text
    assert twice.removed == []


def test_headline_before_a_lead_picture_stays():
    text = "Russia launches record drone attack on Kyiv\nPicture: Getty\nThe attack began at midnight."
    result = clean(text)
    assert [r.reason for r in result.removed] == ["credit"]
    assert result.text.startswith("Russia launches record drone attack on Kyiv\n\n")


@pytest.mark.parametrize(
    "line",
    [
        "Pictures, videos and statements posted online show troops near Kupiansk",
        "Copyright law changes were approved by parliament on Tuesday",
        "(c) the withdrawal of all foreign troops",
        "More-than-expected turnout surprised officials",
        "By Sunday the convoy had reached Kherson.",
        "Reporting by the BBC revealed the scale of the damage.",
    ],
)
def test_lines_that_only_look_like_boilerplate_stay(line):
    text = f"Opening paragraph of the story.\n{line}\nClosing paragraph of the story."
    assert clean(text).removed == []


def test_news_sentence_before_a_credit_stays_but_picture_description_goes():
    news = "Police arrested two men in connection with the attack on Monday."
    picture = "Police officers stand guard outside the court in Ankara."
    text = f"Opening.\n{news}\nPhoto: Reuters\n{picture}\nPhoto: AFP\nEnd."
    result = clean(text)
    assert [(r.reason, r.text) for r in result.removed] == [
        ("credit", "Photo: Reuters"), ("caption", picture), ("credit", "Photo: AFP"),
    ]
    assert news in result.text


def test_agency_file_photo_caption():
    caption = "In this Dec. 13, 2024, file photo, soldiers unload aid at the port of Gdansk, Poland."
    assert [r.reason for r in clean(f"Story begins.\n{caption}\nStory ends.").removed] == ["caption"]
