"""A group phrase that lists its members ("allies, including A and B", "countries like A and B"):
one reading for the actors and events stages. The listing words are data (actor_words.yaml
`inclusion_words`)."""

from __future__ import annotations


def inclusion_words(actors_files: tuple = ()) -> frozenset[str]:
    from tocsin.actors import dictionaries

    return dictionaries.load(tuple(str(p) for p in actors_files)).inclusion_words


def lists_members(tok, words: frozenset[str]) -> bool:
    """Is `tok` the word after a group noun that opens the list of its members ("including")?"""
    return tok.lower_ in words and tok.i > tok.head.i and tok.head.pos_ in ("NOUN", "PROPN")


def members(head, words: frozenset[str]) -> list:
    """The member heads a group noun lists ("allies, including A and B" -> A, B), in text order."""
    out = [m for child in head.children if lists_members(child, words)
           for o in child.children if o.dep_ in ("pobj", "dobj")
           for m in (o, *o.conjuncts)]
    return sorted(out, key=lambda t: t.i)
