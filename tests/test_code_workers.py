"""`tocsin code --workers N` on a corpus: the same Documents, failures and order as one process."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.model import Article, Failure
from tocsin.parallel import ordered_map
from tocsin.pipeline import code_articles

from test_linear_equivalence import TEXTS


def _corpus(tmp_path):
    lines = [json.dumps({"id": f"a{n}", "text": text, "published": f"2026-02-{n + 1:02d}"})
             for n, text in enumerate(TEXTS * 4)]
    lines.insert(5, "{not json")
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_workers_give_the_same_output_in_the_same_order(tmp_path):
    path = _corpus(tmp_path)
    one = CliRunner().invoke(main, ["code", str(path)])
    two = CliRunner().invoke(main, ["code", str(path), "--workers", "2"])
    assert one.exit_code == two.exit_code == 2  # the bad line is reported, the rest coded
    assert one.stdout == two.stdout and one.stderr == two.stderr
    ids = [json.loads(line)["doc"]["id"] for line in two.stdout.splitlines()]
    assert ids == [f"a{n}" for n in range(len(TEXTS) * 4)]
    assert "skipped" in two.stderr and "12 document(s) coded, 1 skipped" in two.stderr


def test_failures_keep_their_place_among_the_documents():
    items = [Article(id="x0", text=TEXTS[0]), Failure(source="f", reason="malformed", message="bad"),
             Article(id="x1", text=TEXTS[1])]
    out = list(code_articles(items, workers=2, batch_size=1))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert [o.doc.id for o in out if not isinstance(o, Failure)] == ["x0", "x1"]


def _boom(chunk):
    if 3 in chunk:
        raise ValueError("three")
    return [n * 10 for n in chunk]


def test_a_failing_chunk_is_handed_over_and_the_rest_goes_on():
    work = [[n] for n in range(8)]
    out = list(ordered_map(_boom, work, workers=2, on_error=lambda chunk, err: [f"failed: {err}"], window=3))
    assert [r for _, r in out] == [[0], [10], [20], ["failed: three"], [40], [50], [60], [70]]
