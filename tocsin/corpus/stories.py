"""Story events: one event reported by several articles becomes one story with its evidence.

Two event mentions are the same story when they have the same PLOVER type, the same actor and
recipient codes, dates within a day of the story's first date, and compatible places, and
either similar triggers or the same named place (outlets word one strike "struck", "attacked"
and "hit": a shared place is the better evidence). A story counts its mentions, sources (outlets) and articles, as GDELT's NumMentions,
NumSources and NumArticles do, and keeps every supporting mention (article, event, sentence).

`cluster` reads mentions sorted by (event, actor_codes, recipient_codes, date) and holds only
the stories of the last two days of one key, so it runs in near-constant memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from rapidfuzz import fuzz

MAX_DAYS = 1
# The best of rapidfuzz's token_set_ratio and partial_ratio: "struck" ~ "drone strike" (67),
# "seized" ~ "seizure" (80), but not "struck" ~ "talks" (40) or "bombed" (0).
TRIGGER_SIMILARITY = 60
PLACE_SIMILARITY = 80

# The columns of a mention as `tocsin.store.queries.mentions_for_dedup` yields them, in order.
MENTION_COLUMNS = ("article_id", "event_id", "event", "cameo", "quad_code", "event_scale", "actor_codes",
                   "recipient_codes", "date", "loc_name", "loc_country", "loc_lat", "loc_lon", "event_text",
                   "text", "outlet", "url", "sources")

STORY_COLUMNS = ("story_id", "event", "cameo", "quad_code", "event_scale", "actor_codes", "recipient_codes",
                 "date", "last_date", "loc_name", "loc_country", "loc_lat", "loc_lon", "event_text",
                 "num_mentions", "num_sources", "num_articles", "first_article_id", "first_event_id")


@dataclass(frozen=True)
class Mention:
    article_id: str
    event_id: str
    event: str
    cameo: str | None
    quad_code: int | None
    event_scale: float | None
    actor_codes: str | None
    recipient_codes: str | None
    date: str | None
    loc_name: str | None
    loc_country: str | None
    loc_lat: float | None
    loc_lon: float | None
    event_text: str
    text: str
    outlet: str | None
    url: str | None
    sources: str | None = None  # the publishers of every copy of the article, one a line


    @property
    def key(self) -> tuple:
        return (self.event, self.actor_codes, self.recipient_codes)

    @property
    def source(self) -> str:
        """Who published it: the outlet, else the URL's host, else the article itself."""
        if self.outlet:
            return self.outlet.strip().lower()
        host = urlsplit(self.url).hostname if self.url else None
        return (host or "").removeprefix("www.") or f"article:{self.article_id}"

    @property
    def publishers(self) -> list[str]:
        """Every outlet that published the article (the same text re-published counts each)."""
        return self.sources.split("\n") if self.sources else [self.source]


@dataclass
class Story:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def story_id(self) -> str:
        first = self.first
        return hashlib.sha256(f"{first.article_id}:{first.event_id}".encode()).hexdigest()[:16]

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.mentions})

    @property
    def num_sources(self) -> int:
        return len({p for m in self.mentions for p in m.publishers})

    def place(self) -> Mention | None:
        return next((m for m in self.mentions if m.loc_name), None)

    def accepts(self, m: Mention) -> bool:
        if not _within(self.first.date, m.date):
            return False
        here = self.place()
        if here and m.loc_name:
            return _same_place(here, m)
        return any(_similar(m.event_text, o.event_text) >= TRIGGER_SIMILARITY for o in self.mentions)

    def row(self) -> tuple:
        first, place = self.first, self.place()
        dates = [m.date for m in self.mentions if m.date]
        return (
            self.story_id, first.event, first.cameo, first.quad_code, first.event_scale, first.actor_codes,
            first.recipient_codes, first.date, max(dates) if dates else None,
            place.loc_name if place else None, place.loc_country if place else None,
            place.loc_lat if place else None, place.loc_lon if place else None, first.event_text,
            len(self.mentions), self.num_sources, self.num_articles, first.article_id, first.event_id,
        )


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _similar(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    return max(fuzz.token_set_ratio(a, b), fuzz.partial_ratio(a, b))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _within(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None  # an undated mention only joins undated ones
    return abs((_day(a) - _day(b)).days) <= MAX_DAYS


def _same_place(a: Mention, b: Mention) -> bool:
    if a.loc_country and b.loc_country and a.loc_country != b.loc_country:
        return False
    return fuzz.token_set_ratio(_norm(a.loc_name), _norm(b.loc_name)) >= PLACE_SIMILARITY


def cluster(mentions: Iterable[Mention | tuple]) -> Iterator[Story]:
    """Group sorted mentions into stories; yield each story once no later mention can join it."""
    key = None
    open_stories: list[Story] = []
    for item in mentions:
        m = item if isinstance(item, Mention) else Mention(*item)
        if m.key != key:
            yield from open_stories
            open_stories, key = [], m.key
        elif m.date is not None:
            # Mentions come by date: a story whose first date is over a day old is complete.
            today = _day(m.date)
            done = [s for s in open_stories if s.first.date and (today - _day(s.first.date)).days > MAX_DAYS]
            if done:
                yield from done
                open_stories = [s for s in open_stories if not any(s is d for d in done)]
        story = next((s for s in open_stories if s.accepts(m)), None)
        if story is None:
            open_stories.append(Story([m]))
        else:
            story.mentions.append(m)
    yield from open_stories
