"""YAML data files read with libyaml's C parser when PyYAML has it (several times faster than the
pure-Python parser, which costs a noticeable share of a new process's start), else the Python one:
both build the same values under the safe schema."""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream):
    """`yaml.safe_load`, with the C parser when available."""
    return yaml.load(stream, Loader=SafeLoader)
