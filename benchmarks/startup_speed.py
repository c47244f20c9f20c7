"""Start-up: a new process coding one line, beside a new process that only loads spaCy's pipeline.

The compiled data cache (tocsin.cache) is primed by one untimed run in a fresh temporary cache
directory; the cold start without the cache (TOCSIN_CACHE_DIR=off) is shown too. Fastest of R
runs each (default 3): the machine's other load only ever adds time.
Target: `tocsin code` of one line <= 1.5x loading the spaCy pipeline alone.
Usage: .venv/bin/python benchmarks/startup_speed.py [R]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tocsin.nlp import MODEL

BIN = Path(sys.executable).parent / "tocsin"
LINE = "Officials in Brovania said police arrested two protesters in the capital on Monday.\n"


def timed(args: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of a command (CPU time is what the machine's other load inflates least)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"failed: {' '.join(args)}")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "one.txt"
        text.write_text(LINE, encoding="utf-8")
        cached = {**os.environ, "TOCSIN_CACHE_DIR": str(Path(tmp) / "cache")}
        uncached = {**os.environ, "TOCSIN_CACHE_DIR": "off"}
        code = [str(BIN), "code", str(text), "--published", "2026-01-05"]
        spacy = [sys.executable, "-c", f"import spacy; spacy.load({MODEL!r})"]
        timed(code, cached)  # primes the cache
        times: dict[str, list[tuple[float, float]]] = {"spacy": [], "cached": [], "uncached": []}
        for _ in range(runs):
            times["spacy"].append(timed(spacy, cached))
            times["cached"].append(timed(code, cached))
            times["uncached"].append(timed(code, uncached))
    wall = {k: min(w for w, _ in v) for k, v in times.items()}
    cpu = {k: min(c for _, c in v) for k, v in times.items()}
    labels = {"spacy": f"python + spacy.load({MODEL})", "cached": "tocsin code (one line), data cache",
              "uncached": "tocsin code (one line), no cache"}
    for k, label in labels.items():
        print(f"{label:44s} wall {wall[k]:6.2f} s {wall[k] / wall['spacy']:5.2f}x"
              f"   cpu {cpu[k]:6.2f} s {cpu[k] / cpu['spacy']:5.2f}x")


if __name__ == "__main__":
    main()
