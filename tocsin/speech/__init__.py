"""Speech stage: quotes and their speakers, claims and their sources, hedges and denials.

`annotate` fills `document.quotes` and `document.claims` (after the actors stage, so speakers and
sources link to entities); `attribute_events` runs after the events stage and sets
`event.attribution` from the claim or quote holding each event and the hedges of its sentence.
Vocabulary lives in `tocsin/data/speech.yaml`; a user lexicon file may add a `speech:` section.
"""

from __future__ import annotations

from tocsin import nlp
from tocsin.config import DEFAULT, Config
from tocsin.model import VERBAL_QUADS, Attribution, Document
from tocsin.speech import vocab as _vocab
from tocsin.speech.attribution import attribution_for, trigger_token
from tocsin.speech.claims import find_claims
from tocsin.speech.denials import denier_of, find_denials, link_denials, told_before
from tocsin.speech.quotes import find_quotes
from tocsin.speech.refs import is_pronoun, noun_phrase, ref_for, subject_of
from tocsin.speech.scan import VERBS, indices_with_pos
from tocsin.speech.speakers import History, attribute_quotes, is_cue

__all__ = ["annotate", "attribute_events"]

_DENIALS = "speech.denials"


def _vocabulary(config: Config):
    return _vocab.load(tuple(config.lexicon_files))


def _named_speakers(document, parsed, vocabulary, config) -> History:
    """Every named subject of a speech verb, in text order: what "he added" falls back on."""
    history = History([])
    for i in indices_with_pos(parsed, VERBS):  # a cue is a verb: the rest need no look
        token = parsed[i]
        if not is_cue(token, vocabulary):
            continue
        subject = subject_of(token)
        if subject is None or is_pronoun(subject):
            continue
        history.add(token.idx, ref_for(document, noun_phrase(subject), config))
    return history


def annotate(document: Document, parsed, config: Config = DEFAULT) -> None:
    parsed = nlp.view(parsed)
    vocabulary = _vocabulary(config)
    spans = find_quotes(document.text)
    history = _named_speakers(document, parsed, vocabulary, config)
    document.quotes = attribute_quotes(document, parsed, spans, vocabulary, config, history)
    claims = find_claims(document, parsed, spans, vocabulary, config, history)
    denials = find_denials(document, parsed, spans, vocabulary, config, history)
    link_denials(document, parsed, claims, denials)
    document.claims = claims
    nlp.shared(parsed)[_DENIALS] = denials  # linked again once the events are coded


def _relink_denials(document: Document, parsed) -> None:
    """A denial that names its act answers the claim reporting an event of the same type: now that
    the events are coded, link the denials again with them."""
    denials = nlp.shared(parsed).get(_DENIALS)
    if not denials or not any(d.act is not None for d in denials) or not document.events:
        return
    events = [(e.event, (e.event_span or e.span)[0]) for e in document.events]
    for claim in document.claims:
        claim.denied_by = []
    link_denials(document, parsed, document.claims, denials, events)


def attribute_events(document: Document, parsed, config: Config = DEFAULT) -> None:
    parsed = nlp.view(parsed)
    vocabulary = _vocabulary(config)
    _relink_denials(document, parsed)
    hedges: dict[int, list] = {}  # per sentence, shared by its events
    denied = [r for d in nlp.shared(parsed).get(_DENIALS) or () if (r := told_before(parsed, d))]
    for event in document.events:
        attribution = attribution_for(document, parsed, event, vocabulary, hedges)
        if _narrated(attribution) and event.quad_code not in VERBAL_QUADS and any(
                a <= (event.event_span or event.span)[0] < b for a, b in denied):
            # the deed the narrator reports, denied in the next sentence ("Tehran denied it")
            attribution = attribution.model_copy(update={"status": "denied"})
        if "negation" in event.auxiliary and _narrated(attribution):
            # an act its actor is said to deny doing is the denier's word, not the narrator's
            token = trigger_token(parsed, event)
            denier = None if token is None else denier_of(document, token, vocabulary, config)
            if denier is not None:
                attribution = Attribution(source=denier.name, entity_id=denier.entity_id, status="claimed")
        event.attribution = attribution


def _narrated(attribution: Attribution) -> bool:
    return attribution.status == "asserted" and not (attribution.claim_id or attribution.quote_id or attribution.hedges)
