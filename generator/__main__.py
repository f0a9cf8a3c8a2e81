"""``python -m generator`` runs the ``sop`` command line."""

from generator.cli import main

main()
