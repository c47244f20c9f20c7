# Quick start: `make demo` and `make test` set up .venv on first use (Python 3.11 only needed).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench fuzz lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	# Bytecode now: where writing it is turned off (PYTHONDONTWRITEBYTECODE), every start would compile the sources.
	$(VENV)/bin/python -m compileall -q tocsin > /dev/null
	touch $(STAMP)

# Codes the example article (table), then ingests the bundled examples into the embedded database.
demo: $(STAMP)
	$(VENV)/bin/tocsin code examples/border_standoff.txt --published 2026-03-09 --format table
	mkdir -p out
	$(VENV)/bin/tocsin ingest examples/border_standoff.txt --db out/demo.duckdb --published 2026-03-09 --quiet
	$(VENV)/bin/tocsin ingest examples/wire_stories.jsonl --db out/demo.duckdb --quiet
	$(VENV)/bin/tocsin stories --db out/demo.duckdb
	$(VENV)/bin/tocsin dyad VEN COL --db out/demo.duckdb

test: $(STAMP)
	$(VENV)/bin/python -m pytest

# Long fuzzing run of the readers, cleaning and coding (tests/test_fuzz.py runs a short one).
# New inputs collect in fuzz/corpus/, failing ones in fuzz/crashes/ (copy those to fuzz/regressions/).
FUZZ_RUNS ?= 1000000
fuzz: $(STAMP)
	mkdir -p fuzz/corpus fuzz/crashes
	$(VENV)/bin/python fuzz/fuzz_tocsin.py -runs=$(FUZZ_RUNS) -timeout=20 -max_len=4096 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix=fuzz/crashes/ fuzz/corpus fuzz/seeds

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/run_all.py

# Re-pin every dependency after changing pyproject.toml (writes requirements.lock).
lock:
	rm -rf /tmp/tocsin-lock && $(PYTHON) -m venv /tmp/tocsin-lock
	/tmp/tocsin-lock/bin/pip install --quiet ".[test]" && /tmp/tocsin-lock/bin/pip freeze --exclude tocsin > requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
