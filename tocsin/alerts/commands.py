"""`tocsin alerts`: list the stored alerts, or replay the rules over stored history."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tocsin.config import check_day
from tocsin.errors import BadOption
from tocsin.store import DEFAULT_DB

RULES_OPTION = click.option(
    "--rules", "rules_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra alert rules (YAML, format of tocsin/data/alerts.yaml); repeatable.")


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--replay", is_flag=True, help="Evaluate the rules day by day over stored history instead.")
@click.option("--since", help="First day, YYYY-MM-DD.")
@click.option("--rule", help="Only the alerts of this rule (a name in tocsin/data/alerts.yaml or --rules).")
@RULES_OPTION
def alerts(db, replay, since, rule, rules_files):
    """List alerts (JSON Lines), or with --replay print when each rule would have fired."""
    from tocsin.alerts import table
    from tocsin.alerts.evaluate import evaluate
    from tocsin.alerts.rules import load_rules
    from tocsin.store import open_store

    since = check_day(since, "--since")
    rules = load_rules(rules_files)
    if rule is not None and rule not in {r.name for r in rules}:
        raise BadOption(f"--rule {rule!r} is not a rule; the rules are: {', '.join(sorted(r.name for r in rules))}")
    rules = [r for r in rules if rule is None or r.name == rule]
    with open_store(db, create=False) as store:
        if replay:
            records = [a.record() for a in evaluate(store.backend, rules, since=since)]
        else:
            records = table.stored(store.backend, since=since, rule=rule)
    for record in records:
        click.echo(json.dumps(record, ensure_ascii=False))
    if not records:  # on stderr: standard output stays valid (empty) JSON Lines
        what = "the rules raise no alert over the stored history" if replay else (
            "no alert is stored (`tocsin watch` raises them; --replay evaluates the rules over stored history)")
        click.echo(f"tocsin: {what}" + (f" since {since}" if since else ""), err=True)
