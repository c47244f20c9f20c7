"""A short run of the fuzzing harness (fuzz/fuzz_tocsin.py, atheris) over the readers, cleaning and coding.

It first replays every input the harness ever failed on (fuzz/regressions/) and the seeds, then
mutates them for a couple of thousand inputs. `make fuzz` runs the same harness for a million.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"


def test_a_short_fuzzing_run_finds_nothing(tmp_path):
    corpus, crashes = tmp_path / "corpus", tmp_path / "crashes"
    corpus.mkdir()
    crashes.mkdir()
    regressions = sorted((FUZZ / "regressions").iterdir())
    assert regressions
    result = subprocess.run(
        [sys.executable, str(FUZZ / "fuzz_tocsin.py"), "-runs=2000", "-timeout=30", "-max_len=4096",
         "-max_total_time=35", "-print_final_stats=1", "-seed=1", f"-artifact_prefix={crashes}/",
         str(corpus), str(FUZZ / "seeds"), str(FUZZ / "regressions")],
        capture_output=True, text=True, timeout=400, cwd=ROOT,
    )
    report = "\n".join(line for line in result.stderr.splitlines()[-60:] if not line.startswith("INFO: Instrumenting"))
    assert result.returncode == 0, report
    assert "stat::number_of_executed_units" in result.stderr, report
    assert not list(crashes.iterdir())
