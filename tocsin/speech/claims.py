"""Claims: what the text reports someone as saying, or passes on without vouching for it.

Each construction gives a claim span and a source:
- a speech verb with a clause ("X said that ...", "..., The Post reported", "officials say is ...")
- "according to X, ..."
- clause hedges that leave the source unnamed ("it has emerged ...", "it was reported that ...")
- hedge adverbs ("reportedly", "allegedly") over their clause, hedge adjectives ("alleged") over
  their noun phrase
- accusations ("he was accused of ordering ...")
Direct speech wholly inside quote marks is a Quote, not a Claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.symbols import VERB

from tocsin import nlp
from tocsin.model import Claim, Ref
from tocsin.speech.hedges import Hedge, find_hedges
from tocsin.speech.quotes import QuoteSpan
from tocsin.speech.refs import UNNAMED, is_passive, is_pronoun, noun_phrase, ref_for, subject_of
from tocsin.speech.scan import VERBS, indices_with_pos, within
from tocsin.speech.speakers import History, according_to_source, is_cue
from tocsin.speech.vocab import Vocabulary

_LEADING = {"that", "and", "but", "or", "whether"}


@dataclass
class Draft:
    start: int
    end: int
    source: Ref
    cue: str | None
    hedges: list[str] = field(default_factory=list)
    first: int = 0  # token range, for scoping hedges
    last: int = 0


def _trim(doc, first: int, last: int) -> tuple[int, int] | None:
    """Drop leading "that"/punctuation and trailing punctuation from a token range."""
    while first <= last and (doc[first].is_punct or doc[first].is_space or doc[first].lower_ in _LEADING):
        first += 1
    opened = any(doc[i].tag_ == "``" for i in range(first, last + 1))
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        if opened and doc[last].tag_ == "''":  # keep the closing mark of a quote the claim opens
            break
        last -= 1
    return (first, last) if first <= last else None


def _belongs(hedge: Hedge, doc, first: int, last: int, cue) -> bool:
    """A hedge qualifies the claim if it qualifies its cue, or sits in it with a clause-wide scope."""
    if cue is not None and not isinstance(cue, str) and hedge.governs == cue:
        return True
    if hedge.kind == "adjective" or hedge.governs is None:
        return False  # "alleged" qualifies its noun phrase only
    inside = doc[first].idx <= hedge.start < doc[last].idx + len(doc[last])
    return inside and first <= hedge.governs.i <= last


def _draft(doc, first: int, last: int, source: Ref, cue, hedges: list[Hedge], labels: list[str]):
    trimmed = _trim(doc, first, last)
    if trimmed is None:
        return None
    first, last = trimmed
    scoped = [h.label for h in hedges if _belongs(h, doc, first, last, cue)]
    # A trailing "without providing evidence" qualifies the claim; it is not part of what is claimed.
    for hedge in hedges:
        if hedge.kind == "phrase" and doc[last].idx + len(doc[last]) == hedge.end and hedge.start > doc[first].idx:
            span = doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
            trimmed = _trim(doc, first, span.start - 1) if span is not None else None
            if trimmed:
                first, last = trimmed
    found = list(dict.fromkeys(labels + scoped))
    cue_text = cue if isinstance(cue, str) or cue is None else cue.text
    return Draft(doc[first].idx, doc[last].idx + len(doc[last]), source, cue_text, found, first, last)


def _noun_phrase_start(doc, token_i: int, sent) -> int:
    """Extend an "alleged ..." phrase left over its determiner or possessor ("Mr X’s alleged order")."""
    first = token_i
    while first > sent.start:
        prev = doc[first - 1]
        if prev.tag_ == "POS":  # take the possessor too
            first -= 1
            while first > sent.start and doc[first - 1].pos_ == "PROPN":
                first -= 1
            break
        if prev.dep_ in ("det", "poss") or prev.tag_ in ("DT", "PRP$"):
            first -= 1
            break
        break
    return first


def _cut_comment(doc, first: int, last: int, vocab: Vocabulary) -> int:
    """End the claim before a comment on it: "..., a claim Mr X denies" is not part of what is claimed."""
    for i in range(first, last + 1):
        token = doc[i]
        if token.lemma_.lower() in vocab.claim_nouns and token.pos_ == "NOUN" and token.dep_ in ("appos", "npadvmod"):
            if any(c.dep_ in ("relcl", "acl") for c in token.children):
                return min(last, token.left_edge.i - 1)
    return last


def _inside_quote(start: int, end: int, quotes: list[QuoteSpan]) -> bool:
    return any(q.mark_start <= start and end <= q.mark_end for q in quotes)


def _source(document, token, config, history: History, position: int) -> Ref:
    if token is None:
        return Ref(name=UNNAMED)
    ref = ref_for(document, noun_phrase(token), config)
    if ref is None and is_pronoun(token):
        ref = history.speaker_for(document, token, position)
    return ref or Ref(name=token.text)


def _unnamed_label(token, ref: Ref, vocab: Vocabulary) -> list[str]:
    if token is not None and token.lower_ in vocab.unnamed_source_nouns:
        return ["unnamed source"]
    return []


def _cue_label(cue, hedges: list[Hedge], vocab: Vocabulary) -> list[str]:
    # A clause hedge around the cue ("it was reported") already names it.
    if any(h.start <= cue.idx < h.end for h in hedges):
        return [h.label for h in hedges if h.start <= cue.idx < h.end]
    lemma = cue.lemma_.lower()
    if is_passive(cue) and lemma in vocab.passive_hedges:
        return [vocab.passive_hedges[lemma]]
    if lemma in vocab.hedging_cues:
        return [vocab.hedging_cues[lemma][0]]
    return []


def _speech_claims(document, sent, hedges, quotes, vocab, config, history, verbs):
    doc = sent.doc
    for cue in (doc[i] for i in verbs):  # a cue is a verb or auxiliary
        if not is_cue(cue, vocab) or cue.lemma_.lower() in vocab.denial_verbs:
            continue
        content = next((c for c in cue.children if c.dep_ == "ccomp"), None)
        if content is None and is_passive(cue):  # "were said to be clinging"
            content = next((c for c in cue.children if c.dep_ == "xcomp"), None)
        if content is None:
            continue
        first, last = content.left_edge.i, content.right_edge.i
        if first <= cue.i <= last:  # "which officials say is headed by ...": the part after the cue
            first = cue.i + 1
        last = _cut_comment(doc, first, last, vocab)
        if _inside_quote(doc[first].idx, doc[last].idx + len(doc[last]), quotes):
            continue
        speaker = subject_of(cue)
        source = _source(document, speaker, config, history, cue.idx)
        labels = _cue_label(cue, hedges, vocab) + _unnamed_label(speaker, source, vocab)
        draft = _draft(doc, first, last, source, cue, hedges, labels)
        if draft:
            yield draft


def _according_claims(document, sent, hedges, quotes, vocab, config, history):
    doc = sent.doc
    for token in sent:
        source_token = according_to_source(token, vocab)
        if source_token is None or _inside_quote(token.idx, token.idx + 1, quotes):
            continue
        head = token.head if token.head != token else token
        phrase = (token.left_edge.i, token.right_edge.i)
        while head.dep_ == "advcl" and head.head.i < head.i < phrase[0]:
            # "X struck Y, killing 12, according to Z": the source closing a trailing result
            # clause vouches for the main event too
            head = head.head
        first, last = head.left_edge.i, head.right_edge.i
        first, last = max(first, sent.start), min(last, sent.end - 1)
        if phrase[0] <= first:  # "According to X, <clause>"
            first = phrase[1] + 1
        elif phrase[0] > head.i:  # "<clause>, according to X."
            last = phrase[0] - 1
        last = _cut_comment(doc, first, last, vocab) if first <= last else last
        if first > last or _inside_quote(doc[first].idx, doc[last].idx + len(doc[last]), quotes):
            continue
        source = _source(document, source_token, config, history, token.idx)
        draft = _draft(doc, first, last, source, vocab.according_to, hedges, [vocab.according_to])
        if draft:
            yield draft


def _hedge_claims(sent, hedges, quotes):
    doc = sent.doc
    for hedge in hedges:
        if _inside_quote(hedge.start, hedge.end, quotes):
            continue
        if hedge.claim_rest:  # "it has emerged Mr X offered ...": the rest of the sentence
            span = doc.char_span(hedge.start, hedge.end, alignment_mode="expand")
            first, last = span.end, sent.end - 1
        elif hedge.kind == "adverb":  # "reportedly warned ...": the clause of the verb
            verb = hedge.governs
            first, last = verb.left_edge.i, verb.right_edge.i
            first = max(first, sent.start)
        elif hedge.kind == "adjective":  # "an alleged drug boat": the noun phrase
            noun = hedge.governs
            start_token = doc.char_span(hedge.start, hedge.end, alignment_mode="expand").start
            first, last = _noun_phrase_start(doc, start_token, sent), noun.i
        else:
            continue
        if first > last:
            continue
        draft = _draft(doc, first, last, Ref(name=UNNAMED), None, hedges, [hedge.label])
        if draft:
            yield draft


def _accusation_claims(document, sent, hedges, quotes, vocab, config, history, verbs):
    doc = sent.doc
    for cue in (doc[i] for i in verbs):
        if cue.pos != VERB:  # an accusation is a verb, not an auxiliary
            continue
        prep_word = vocab.accusation_verbs.get(cue.lemma_.lower())
        if prep_word is None or _inside_quote(cue.idx, cue.idx + 1, quotes):
            continue
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == prep_word), None)
        if prep is None or not list(prep.children):
            continue
        # What is alleged is the deed after the preposition; the accusation itself is a fact.
        first, last = prep.i + 1, prep.right_edge.i
        source = _source(document, subject_of(cue), config, history, cue.idx)
        labels = [vocab.hedging_cues.get(cue.lemma_.lower(), (cue.lemma_.lower(), "alleged"))[0]]
        draft = _draft(doc, first, last, source, cue, hedges, labels)
        if draft:
            yield draft


def _colon_lead(document, sent, vocab, config, history, verbs):
    """(source, cue) of a sentence that ends in a colon after a speech verb with no clause of its
    own ("In the interview, the president also said:"): what follows is what was said."""
    doc = sent.doc
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != ":":
        return None
    for cue in (doc[i] for i in verbs):
        if is_cue(cue, vocab) and cue.lemma_.lower() not in vocab.denial_verbs \
                and not any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
            speaker = subject_of(cue)
            if speaker is not None:
                return _source(document, speaker, config, history, cue.idx), cue
    return None


def _listed_line(full: str, start: int, end: int) -> bool:
    """A line of a list after a colon: a line to itself, with no closing full stop."""
    body = full[start:end].strip()
    start = start + len(full[start:end]) - len(full[start:end].lstrip())  # the sentence may open on the break
    end = start + len(body)
    alone = full[:start].rstrip(" \t").endswith("\n") and full[end:].lstrip(" \t")[:1] in ("\n", "")
    return bool(body) and "\n" not in body and body[-1] not in ".?!:" and alone


def find_claims(document, parsed, quotes: list[QuoteSpan], vocab: Vocabulary, config, history: History) -> list[Claim]:
    drafts: dict[tuple[int, int], Draft] = {}
    all_verbs = indices_with_pos(parsed, VERBS)  # verbs and auxiliaries: the cues looked at below
    lead = None  # (source, cue) of "X said:" while the lines of its list follow
    for sent in nlp.sents(parsed):
        text = nlp.text(parsed)[sent.start_char : sent.end_char]
        if not text.strip():
            continue
        if lead is not None and _listed_line(nlp.text(parsed), sent.start_char, sent.end_char) \
                and not _inside_quote(sent.start_char, sent.end_char, quotes):
            first, last = sent.start, sent.end - 1
            while last > first and sent.doc[last].is_space:
                last -= 1
            draft = Draft(sent.doc[first].idx, sent.doc[last].idx + len(sent.doc[last]), lead[0], lead[1].text,
                          [], first, last)
            drafts.setdefault((draft.start, draft.end), draft)
            history.add(draft.start, draft.source)
            continue
        lead = None
        hedges = find_hedges(sent, vocab, text)
        # "according" as a token leaves "according" in the lowered text: else skip the token walk.
        according = "according" in text.lower()
        verbs = within(all_verbs, sent.start, sent.end)
        found = [
            *_speech_claims(document, sent, hedges, quotes, vocab, config, history, verbs),
            *(_according_claims(document, sent, hedges, quotes, vocab, config, history) if according else ()),
            *_accusation_claims(document, sent, hedges, quotes, vocab, config, history, verbs),
            *_hedge_claims(sent, hedges, quotes),
        ]
        lead = _colon_lead(document, sent, vocab, config, history, verbs)
        for draft in found:
            key = (draft.start, draft.end)
            if key in drafts:  # the same span from two constructions: one claim, all hedges
                kept = drafts[key]
                kept.hedges = list(dict.fromkeys(kept.hedges + draft.hedges))
                if kept.source.name == UNNAMED and draft.source.name != UNNAMED:
                    kept.source, kept.cue = draft.source, draft.cue
                kept.cue = kept.cue or draft.cue
            else:
                drafts[key] = draft
                history.add(draft.start, draft.source)
    ordered = sorted(drafts.values(), key=lambda d: (d.start, -d.end))
    text = document.text  # == parsed.text, which would join every token anew
    return [
        Claim(
            id=f"c{n}",
            text=text[d.start : d.end],
            start=d.start,
            end=d.end,
            source=d.source,
            hedges=d.hedges,
            cue=d.cue,
        )
        for n, d in enumerate(ordered, start=1)
    ]
