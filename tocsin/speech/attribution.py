"""Who vouches for each event: the claim or quote that contains its trigger, and the hedges of
its own sentence that reach the trigger.

Status, weakest to strongest doubt: asserted (the outlet says so), claimed (someone says so),
alleged (an allegation, or passed on without evidence), denied (someone named denies it).
"""

from __future__ import annotations

from bisect import bisect_right

from tocsin.model import VERBAL_QUADS, Attribution, Claim, Document, Quote
from tocsin.speech.hedges import applies_to, find_hedges
from tocsin.speech.refs import UNNAMED
from tocsin.speech.vocab import STATUS_RANK, Vocabulary


def _trigger(event) -> tuple[int, int]:
    if event.event_span is not None:
        return tuple(event.event_span)
    return tuple(event.span)


class _Holders:
    """Claims or quotes by start, so that those holding a trigger are found in the window of the
    longest one before it instead of among all of them."""

    def __init__(self, items) -> None:
        self.items = sorted(enumerate(items), key=lambda ni: ni[1].start)
        self.starts = [i.start for _, i in self.items]
        self.longest = max((i.end - i.start for _, i in self.items), default=0)
        # the furthest end among the first k: no earlier one reaches past a trigger beyond it
        self.reach = [0]
        for _, i in self.items:
            self.reach.append(max(self.reach[-1], i.end))

    def containing(self, start: int, end: int) -> list:
        """Those whose span holds [start, end), the innermost first (ties in their own order)."""
        k = bisect_right(self.starts, start)
        found = []
        while k > 0 and self.starts[k - 1] >= min(start, end) - self.longest and self.reach[k] >= end:
            k -= 1
            n, i = self.items[k]
            if end <= i.end:
                found.append((i.end - i.start, n, i))
        return [i for _, _, i in sorted(found, key=lambda lni: lni[:2])]


def _containing(items, start: int, end: int):
    """Claims or quotes whose span holds the trigger, the innermost first."""
    return _Holders(items).containing(start, end)


def _trigger_token(parsed, start: int, end: int):
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def trigger_token(parsed, event):
    """The word heading the event's trigger in the parse (None when its offsets fit no word)."""
    return _trigger_token(parsed, *_trigger(event))


def _sentence_hedges(document: Document, sent, vocab: Vocabulary, hedge_cache: dict | None) -> list:
    if hedge_cache is None:
        return find_hedges(sent, vocab)
    if sent.start not in hedge_cache:
        # document.text == parsed.text: its slice is the sentence text, without a token join
        text = document.text[sent.start_char : sent.end_char]
        hedge_cache[sent.start] = find_hedges(sent, vocab, text)
    return hedge_cache[sent.start]


def _hedges_after(document: Document, sent, vocab: Vocabulary, hedge_cache: dict | None) -> list[str]:
    """Sentence-wide hedges of the next sentence when it has no event of its own: it speaks of this
    one ("Rebels killed 12 villagers, officials said. The claim could not be verified."), also as a
    paragraph of its own, as wire copy writes it."""
    doc = sent.doc
    if sent.end >= len(doc):
        return []
    after = doc[sent.end].sent
    found = [h.label for h in _sentence_hedges(document, after, vocab, hedge_cache) if h.whole_sentence]
    if not found or any(after.start_char <= _trigger(e)[0] < after.end_char for e in document.events):
        return []
    return found


def attribution_for(
    document: Document, parsed, event, vocab: Vocabulary, hedge_cache: dict | None = None
) -> Attribution:
    """`hedge_cache`, one per document, spares events of one sentence finding its hedges again
    (sentence start -> hedges) and every event indexing the claims and quotes again."""
    start, end = _trigger(event)
    if hedge_cache is None:
        claims: list[Claim] = _containing(document.claims, start, end)
        quotes: list[Quote] = _containing(document.quotes, start, end)
    else:
        if "holders" not in hedge_cache:
            hedge_cache["holders"] = (_Holders(document.claims), _Holders(document.quotes))
        claims, quotes = (h.containing(start, end) for h in hedge_cache["holders"])
    hedges: list[str] = []
    for claim in claims:
        hedges.extend(claim.hedges)
    token = _trigger_token(parsed, start, end)
    if token is not None:
        sent = token.sent
        hedges.extend(h.label for h in _sentence_hedges(document, sent, vocab, hedge_cache) if applies_to(h, token))
        if event.quad_code not in VERBAL_QUADS:  # a deed reported, not a statement made in the open
            hedges.extend(_hedges_after(document, sent, vocab, hedge_cache))
    hedges = list(dict.fromkeys(hedges))

    status = "asserted"
    if claims or quotes or hedges:
        status = "claimed"
    for label in hedges:
        candidate = vocab.hedge_status(label)
        if STATUS_RANK[candidate] > STATUS_RANK[status]:
            status = candidate
    if any(claim.denied_by for claim in claims):
        status = "denied"

    # The innermost record with a named source speaks for the event.
    innermost = sorted([*claims, *quotes], key=lambda i: i.end - i.start)
    source_ref = None
    for item in innermost:
        ref = item.source if isinstance(item, Claim) else item.speaker
        if ref is not None:
            source_ref = ref
            if ref.name != UNNAMED:
                break
    claim_id = claims[0].id if claims else None
    quote_id = quotes[0].id if quotes else None
    if source_ref is not None and not hedges and event.quad_code in VERBAL_QUADS and _speaks(event, source_ref):
        # "“We condemn it,” she said": a speech act reported directly is the speaker's own event,
        # stated by the narrator (no one else vouches for it). A deed the actor tells of ("the army
        # said it had killed 12 militants") rests on its word: it stays the actor's claim.
        return Attribution(source=document.doc.outlet, status="asserted")
    if source_ref is not None:
        return Attribution(
            source=source_ref.name,
            entity_id=source_ref.entity_id,
            hedges=hedges,
            status=status,
            claim_id=claim_id,
            quote_id=quote_id,
        )
    if status != "asserted":  # hedged, or quoted without a known speaker: nobody named vouches
        return Attribution(source=UNNAMED, hedges=hedges, status=status, claim_id=claim_id, quote_id=quote_id)
    return Attribution(source=document.doc.outlet, status="asserted")


def _speaks(event, ref) -> bool:
    """Is the event's actor the one who says it?"""
    if ref.entity_id:
        return any(a.entity_id == ref.entity_id for a in event.actor)
    return any(a.text == ref.name for a in event.actor)
