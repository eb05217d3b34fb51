"""Lets `python -m sbp` run the same program as the `sbp` script."""

from sbp.cli import main

raise SystemExit(main())
