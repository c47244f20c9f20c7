"""Who said each quote, with which cue verb and through which channel.

The cue is the speech verb that governs the quote in the parse ("told officials to “kill
everybody”"), else the nearest speech verb outside the quote in its sentence (“...,” Mr X said).
A quote with no cue stays unattributed, except a quote that continues an earlier one: a new
paragraph carrying on an open-ended quote, or a full-sentence quote right after an attributed
quote of the same paragraph.
"""

from __future__ import annotations

from bisect import bisect_left, insort_right
from dataclasses import dataclass

from spacy.attrs import IDX

from tocsin import nlp
from tocsin.model import Quote, Ref
from tocsin.speech.quotes import QuoteSpan
from tocsin.speech.refs import UNNAMED, is_pronoun, noun_phrase, recent_person, ref_for, subject_of
from tocsin.speech.scan import VERBS
from tocsin.speech.vocab import Vocabulary

MAX_CUE_GAP = 6  # words between a quote and a cue outside its parse subtree ("..., the minister told reporters")


@dataclass
class History:
    """Speakers and sources met so far, in text order: the fallback for "he added"."""

    refs: list[tuple[int, Ref]]

    def add(self, position: int, ref: Ref | None) -> None:
        if ref is not None and ref.name != UNNAMED:
            # kept in order by insertion (after any at the same position), not by a sort per add
            insort_right(self.refs, (position, ref), key=_position)

    def before(self, position: int, accept=None) -> Ref | None:
        """The last speaker before `position` (the last one `accept` takes, when given)."""
        k = bisect_left(self.refs, position, key=_position)
        for _, ref in reversed(self.refs[:k]):
            if accept is None or accept(ref):
                return ref
        return None

    def speaker_for(self, document, pronoun, position: int) -> Ref | None:
        """The last speaker a pronoun can stand for: "he"/"she" a person ("according to a transcript
        of his remarks, ..., he added": the minister, not the transcript); any speaker otherwise."""
        if pronoun.lower_ in ("he", "she"):
            people = {e.id for e in document.entities if e.type == "PERSON"}
            found = self.before(position, lambda ref: ref.entity_id in people)
            if found is not None:
                return found
        return self.before(position)


def _position(item: tuple[int, Ref]) -> int:
    return item[0]


def is_cue(token, vocab: Vocabulary) -> bool:
    # the integer part-of-speech ids: pos_ would be a string look-up for each token
    return token.pos in VERBS and token.lemma_.lower() in vocab.cue_verbs


def according_to_source(token, vocab: Vocabulary):
    """For the "according" of "according to X", the token of X (through "a report in X")."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        to = token.nbor(1)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    while source is not None and source.lemma_.lower() in vocab.report_nouns:
        inner = None
        for prep in source.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "from", "of", "on"):
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None:
                    break
        if inner is None:
            break
        source = inner
    return source


def speaker_ref(document, cue, vocab: Vocabulary, config, history: History, position: int) -> Ref | None:
    """The Ref of who speaks through `cue` (a speech verb or the "according" of "according to")."""
    source = according_to_source(cue, vocab)
    if source is None:
        source = subject_of(cue)
    if source is None:
        return None
    ref = ref_for(document, noun_phrase(source), config)
    if ref is None and is_pronoun(source):
        if source.head == cue:
            # "he said", "He added:" the pronoun subject of the speech verb itself: the last speaker.
            ref = history.speaker_for(document, source, position)
        else:
            # "after he was accused of ordering ...": the person named last before the pronoun.
            ref = recent_person(document, source)
    return ref


def _inside(token, span: QuoteSpan) -> bool:
    return span.mark_start <= token.idx < span.mark_end


def _offsets(parsed) -> list[int]:
    # Token start offsets, ascending: a bisect finds the tokens of a character range.
    return parsed.to_array(IDX).tolist()


def _tokens_between(parsed, offsets: list[int], lo: int, hi: int):
    """The tokens starting in [lo, hi)."""
    return [parsed[i] for i in range(bisect_left(offsets, lo), bisect_left(offsets, hi))]


def _quote_tokens(parsed, span: QuoteSpan, offsets: list[int]):
    return [t for t in _tokens_between(parsed, offsets, span.start, span.end) if not t.is_space]


def find_cue(parsed, span: QuoteSpan, vocab: Vocabulary, offsets: list[int] | None = None):
    """The speech verb (or "according") that introduces the quote, or None."""
    if offsets is None:
        offsets = _offsets(parsed)
    tokens = _quote_tokens(parsed, span, offsets)
    if not tokens:
        return None
    # 1. A cue above the quote in the parse tree, the closest one first.
    roots = [t for t in tokens if not _inside(t.head, span) or t.head == t]
    for root in roots:
        for ancestor in root.ancestors:
            if _inside(ancestor, span):
                continue
            if is_cue(ancestor, vocab) or according_to_source(ancestor, vocab) is not None:
                return ancestor
    # 2. The nearest cue outside the quote in the sentences the quote touches.
    sentences = {t.sent.start: t.sent for t in (tokens[0], tokens[-1])}
    candidates = [
        t
        for sent in sentences.values()
        for t in sent
        if not _inside(t, span) and (is_cue(t, vocab) or according_to_source(t, vocab) is not None)
    ]
    doc = parsed

    def gap(t):
        # Words between the quote and the cue: '“...,” Mr Smith said' has two.
        lo, hi = (t.idx + len(t), span.mark_start) if t.idx < span.mark_start else (span.mark_end, t.idx)
        return sum(1 for w in _tokens_between(doc, offsets, lo, hi) if not (w.is_punct or w.is_space))

    def modifies_quote(t):
        # A cue in a clause that modifies the quoted words ("the “plan”, which officials said ...").
        node = t
        while node.head != node and not _inside(node, span):
            if node.dep_ in ("relcl", "acl", "appos") and _inside(node.head, span):
                return True
            node = node.head
        return False

    near = [t for t in candidates if gap(t) <= MAX_CUE_GAP and not modifies_quote(t)]
    return min(near, key=gap) if near else None


def find_channel(parsed, cue, span: QuoteSpan | None, vocab: Vocabulary) -> str | None:
    """A channel phrase ("in a statement on X", "took to social media") in the cue's sentence."""
    sent = cue.sent
    best, best_distance = None, None
    for match in vocab.channel_pattern.finditer(nlp.text(sent.doc)[sent.start_char : sent.end_char]):
        start = sent.start_char + match.start()
        if span is not None and span.mark_start <= start < span.mark_end:
            continue
        distance = abs(start - cue.idx)
        if best is None or distance < best_distance:
            best, best_distance = match.group().rstrip(".,;:"), distance
    return best


def _starts_sentence(parsed, span: QuoteSpan, offsets: list[int], text: str) -> bool:
    tokens = _quote_tokens(parsed, span, offsets)
    if not tokens:
        return False
    sent = tokens[0].sent
    lead = text[sent.start_char : span.mark_start]
    return not lead.strip()


def attribute_quotes(
    document, parsed, spans: list[QuoteSpan], vocab: Vocabulary, config, history: History
) -> list[Quote]:
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, Quote] | None = None
    if not spans:
        return quotes
    # document.text == parsed.text (which joins every token anew); token offsets once, not per quote
    full_text, offsets = document.text, _offsets(parsed)
    for number, span in enumerate(spans, start=1):
        text = full_text[span.start : span.end]
        quote = Quote(id=f"q{number}", text=text, start=span.start, end=span.end)
        cue = None if span.continues else find_cue(parsed, span, vocab, offsets)
        if cue is not None:
            quote.cue = "according to" if cue.lower_ == "according" else cue.text
            quote.speaker = speaker_ref(document, cue, vocab, config, history, span.mark_start)
            quote.channel = find_channel(parsed, cue, span, vocab)
        elif previous is not None and previous[1].speaker is not None and (
            span.continues
            or (previous[0].paragraph == span.paragraph and _starts_sentence(parsed, span, offsets, full_text))
        ):
            # The same speaker goes on: a continued paragraph or '“...,” he said. “...”'.
            quote.speaker, quote.cue, quote.channel = previous[1].speaker, previous[1].cue, previous[1].channel
        history.add(span.mark_start, quote.speaker)
        quotes.append(quote)
        previous = (span, quote)
    return quotes
