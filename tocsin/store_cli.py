"""Corpus commands (ingest, events, dyad, export) registered on the `tocsin` group."""

COMMANDS: list = []
