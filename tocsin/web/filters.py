"""The dashboard's filters and the SQL they become, for story events or for event mentions.

A story event (table `stories`) carries its type, codes, date, place and quad code; what only a
mention knows (its outlet, attribution, fatalities) is asked of the story's mentions.
Codes match whole codes of a joined list with STRPOS, not LIKE, so `_` and `%` are plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tocsin.store.rows import SEP

# PLOVER quad codes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
KINDS = {"cooperation": (1, 2), "conflict": (3, 4)}
# What a reader means by "who says so": the attribution statuses of the coder behind each word.
ATTRIBUTIONS = {"claimed": ("claimed", "alleged"), "denied": ("denied",), "unattributed": ("asserted",)}


@dataclass
class Filters:
    actor: list[str] = field(default_factory=list)  # codes (a name is resolved to its codes first)
    recipient: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    kind: str | None = None
    outlet: str | None = None
    attribution: str | None = None
    fatalities: int | None = None  # at least this many killed
    since: str | None = None
    until: str | None = None
    place: str | None = None

    def story_sql(self, prefix: str = "") -> tuple[str, list]:
        """A WHERE condition ("TRUE" when none) on `stories` (aliased by `prefix`, e.g. "s.")."""
        where, params = self._common(prefix)
        # Semi-joins, not a correlated EXISTS: the matching mentions are found once. An outlet
        # alone needs no event row (joining on two long text keys is most of the cost).
        only_outlet = self.outlet and not self.attribution and self.fatalities is None
        mention, mention_params = self._mention_only("m." if only_outlet else "e.")
        if mention:
            events = "" if only_outlet else (" JOIN events e ON e.article_id = m.article_id"
                                             " AND e.event_id = m.event_id")
            where.append(f"{prefix}story_id IN (SELECT m.story_id FROM story_mentions m{events}"
                         f" WHERE {' AND '.join(mention)})")
            params += mention_params
        return (" AND ".join(where) or "TRUE"), params

    def mention_sql(self) -> tuple[str, list]:
        """The same filters on event mentions: `events e JOIN articles a`."""
        where, params = self._common("e.")
        mention, mention_params = self._mention_only("e.")
        return (" AND ".join(where + mention) or "TRUE"), params + mention_params

    def _common(self, p: str) -> tuple[list[str], list]:
        where: list[str] = []
        params: list = []
        for column, codes in ((f"{p}actor_codes", self.actor), (f"{p}recipient_codes", self.recipient)):
            if codes:
                where.append("(" + " OR ".join([has_code(column)] * len(codes)) + ")")
                params += [f"{SEP}{code}{SEP}" for code in codes]
        if self.types:
            where.append(f"{p}event IN ({', '.join('?' * len(self.types))})")
            params += self.types
        if self.kind:
            where.append(f"{p}quad_code IN ({', '.join(map(str, KINDS[self.kind]))})")
        for column, op, value in (("date", ">=", self.since), ("date", "<=", self.until), ("loc_name", "=", self.place)):
            if value:
                where.append(f"{p}{column} {op} ?")
                params.append(value)
        return where, params

    def _mention_only(self, e: str) -> tuple[list[str], list]:
        where: list[str] = []
        params: list = []
        if self.outlet:
            where.append(f"{e}article_id IN (SELECT article_id FROM articles WHERE outlet = ?)")
            params.append(self.outlet)
        if self.attribution:
            statuses = ATTRIBUTIONS[self.attribution]
            where.append(f"COALESCE({e}attribution_status, 'asserted') IN ({', '.join('?' * len(statuses))})")
            params += list(statuses)
        if self.fatalities is not None:
            where.append(f"{e}fatalities >= ?")
            params.append(self.fatalities)
        return where, params


def has_code(column: str) -> str:
    # Codes are stored joined ("USA;VEN"): wrapped in separators, a whole code is a substring.
    return f"STRPOS('{SEP}' || COALESCE({column}, '') || '{SEP}', ?) > 0"
