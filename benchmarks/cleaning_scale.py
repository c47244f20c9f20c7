"""Cleaning time against text size: a 20 MB text (the readers' size cap) within a minute, linearly.

Builds pages of invented news paragraphs (with captions, credits and near-exact repeats) of 1.25,
2.5, 5, 10 and 20 MB, cleans each once, and prints wall and CPU seconds, MB/s and the CPU time
ratio of each size to the one before (2.0 for linear growth; quadratic would give 4.0). Also cleans 12,000 short
distinct paragraphs, the page shape that made comparing every pair of paragraphs quadratic.
Usage: .venv/bin/python benchmarks/cleaning_scale.py [MAX_MB]
"""

from __future__ import annotations

import random
import sys
import time

from tocsin.clean import clean

# Invented words drawn by a Zipf law, as words of news are: a few very common, most rare.
VOCABULARY = [f"{a}{b}{c}" for a in ("ka", "lo", "mer", "ti", "vas", "dro", "pel", "un") for b in
              ("ra", "no", "te", "li", "sca", "vo", "min", "du") for c in ("", "n", "s", "ta", "ro", "mel")]
WEIGHTS = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]
NAMES = ["Velmora", "Ostrava", "Lindmar", "Kessa", "Port Essel", "Tarnow", "Okley", "Brasca", "Nariño"]


def page(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    lines: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        if lines and roll < 0.1:
            line = rng.choice(lines[-2000:]).upper()  # a repeat, re-cased
        elif roll < 0.15:
            line = "Photo: Reuters"
        else:
            words = rng.choices(VOCABULARY, WEIGHTS, k=rng.randint(6, 40))
            words.insert(rng.randrange(len(words)), rng.choice(NAMES))
            words.insert(rng.randrange(len(words)), str(rng.randint(1, 999)))
            line = " ".join(words).capitalize() + "."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def timed(text: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds: on a shared machine the CPU time is the fairer figure."""
    started, cpu = time.perf_counter(), time.process_time()
    clean(text)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    top = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    sizes = [top / 16, top / 8, top / 4, top / 2, top]
    clean("Warm-up paragraph of the benchmark, loading the rules once.")
    before = None
    for mb in sizes:
        text = page(int(mb * 1_000_000))
        seconds, cpu = timed(text)
        ratio = f"  x{cpu / before:.2f} CPU time for x2 size" if before else ""
        print(f"{len(text) / 1e6:6.2f} MB  {text.count(chr(10)) + 1:8d} paragraphs  {seconds:6.2f} s wall"
              f"  {cpu:6.2f} s CPU  {len(text) / 1e6 / cpu:5.2f} MB/s CPU{ratio}")
        before = cpu
    verdict = "met" if cpu < 60 else "MISSED"
    print(f"20 MB target (under 60 s): {verdict} on CPU time ({cpu:.1f} s CPU, {seconds:.1f} s wall, {len(text) / 1e6:.1f} MB)")
    rng = random.Random(7)
    # Every line made of the same few dozen words: each looks like all the others.
    common = VOCABULARY[:40]
    short = "\n".join(f"{rng.choice(NAMES)} {' '.join(rng.choices(common, k=12))}." for _ in range(12_000))
    wall, cpu = timed(short)
    print(f"12,000 short distinct paragraphs ({len(short) / 1e6:.2f} MB): {wall:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
