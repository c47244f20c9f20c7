"""CAMEO code, quad category, conflict/cooperation score and confidence of a coded event."""

from __future__ import annotations

from tocsin.events.ontology import Ontology


def codes(event: str, mode: str | None, onto: Ontology) -> tuple[str | None, int | None, float | None]:
    """(CAMEO code, PLOVER quad code, event_scale) of an event type and mode."""
    cameo = onto.cameo_code(event, mode)
    return cameo, onto.quad(event), onto.score(event, mode)


def confidence(prior: float, *, has_actor: bool, actor_coded: bool, has_recipient: bool, guessed: bool,
               nominal: bool, auxiliary: list[str]) -> float:
    """The entry's prior, raised by clean arguments and lowered by parse repairs and unknowns.

    Why: a user filtering on confidence should lose first the events whose actor we could not
    read off the parse, then those that rest on a noun alone.
    """
    value = prior
    value += 0.1 if actor_coded else 0.0
    value += 0.05 if has_recipient else 0.0
    value -= 0.2 if not has_actor else 0.0
    value -= 0.15 if guessed else 0.0
    value -= 0.05 if nominal else 0.0
    value -= 0.1 if "hypothetical" in auxiliary else 0.0
    return round(min(0.99, max(0.05, value)), 2)
