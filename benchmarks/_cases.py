"""Shared output of the actor benchmarks: the failing cases to a file, a random sample to stdout."""

import json
import random


def report(cases: list[tuple], errors_path: str | None, sample: int | None) -> None:
    """Each case is a tuple whose last item says whether it was right."""
    if errors_path:
        with open(errors_path, "w") as fh:
            for case in cases:
                if not case[-1]:
                    fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    if sample:
        for case in random.Random(7).sample(cases, min(sample, len(cases))):
            print(json.dumps(case, ensure_ascii=False))
