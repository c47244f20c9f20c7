"""Actors stage (issue 3): recognise every actor, resolve its mentions, code it.

`annotate` fills `document.entities`; `actor_for` and `entity_at` let the events and speech
stages turn a phrase of the parse into a coded actor. The work is split by job:
dictionaries (data loading), matcher (dictionary names in text), phrase (country, sector and
role read off a noun phrase), mentions (candidate phrases), resolve (within-document grouping,
anaphora and pronouns), lookup (actor_for / entity_at), compound (actors_for: every party of a
coordinated phrase).
"""

from __future__ import annotations

from tocsin import nlp
from tocsin.actors.compound import actors_for
from tocsin.actors.lookup import actor_for, entity_at
from tocsin.config import DEFAULT, Config


def annotate(document, parsed, config: Config = DEFAULT) -> None:
    """Fill `document.entities` from the parse of `document.text`."""
    parsed = nlp.view(parsed)
    from tocsin.actors import dictionaries, knowledge, matcher, mentions, resolve

    lexicon = dictionaries.load(tuple(str(p) for p in config.actors_files))
    matches = matcher.find(parsed, lexicon)
    cands = mentions.find_candidates(parsed, lexicon, matches)
    resolver = resolve.Resolver(parsed, lexicon, matches)
    if knowledge.enabled():
        resolver.known_code = knowledge.coder(document.doc.published, config.actors_files)
    resolver.run(cands)
    resolver.surnames()
    resolver.allegiances()
    if knowledge.enabled():
        knowledge.add_surnames(resolver, document.doc.published, config.actors_files)
        knowledge.apply(resolver.entities, document.doc.published, parsed, config.actors_files)
    resolver.possessors()  # last: the owners' codes may come from the knowledge base
    document.entities = resolver.entities_out()


def from_context(document, parsed, config: Config = DEFAULT) -> None:
    """After the events stage: code event actors from the rest of the article (actors.context)."""
    parsed = nlp.view(parsed)
    from tocsin.actors import context, knowledge

    if knowledge.enabled():
        context.fill(document, parsed)


__all__ = ["annotate", "actor_for", "actors_for", "entity_at", "from_context"]
