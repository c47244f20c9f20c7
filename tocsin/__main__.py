"""`python -m tocsin` runs the CLI, as the `tocsin` script does."""

from tocsin.cli import main

main(prog_name="tocsin")
