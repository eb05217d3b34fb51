"""Which modules add commands to the root app; each module has `register(app)`."""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = (
    "sbp.cli.expenses",
)


def register_all(app: typer.Typer) -> None:
    """Let every command module add its commands and groups to `app`."""
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)
