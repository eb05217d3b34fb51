"""Which modules add commands to the root app; each module has `register(app)`.

An entry is `"module: command command ..."`, naming the top-level commands and groups the module
registers, so `sbp add` imports only the module that defines `add` (start-up time is most of a
command's time). A bare `"module"` entry is imported on every run. `--help`, a missing or an
unknown command import them all, so help and "no such command" stay complete.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import typer

COMMAND_MODULES = (
    "sbp.cli.expenses: add list show edit rm undo",
    "sbp.cli.budgets: budget status",
    "sbp.cli.rules: rules categories",
    "sbp.cli.notifications: notifications",
    "sbp.cli.ui: ui",
    "sbp.cli.reports: report",
    "sbp.cli.imports: import",
    "sbp.cli.exports: export",
    "sbp.cli.account: register login logout whoami",
    "sbp.cli.receipts: receipt",
    "sbp.cli.alerts: alerts",
    "sbp.cli.sync: sync",
)


def register_all(app: typer.Typer) -> None:
    """Let every command module add its commands and groups to `app`."""
    for name in _entries():
        importlib.import_module(name).register(app)


def register_for(app: typer.Typer, args: Sequence[str]) -> None:
    """Register only what running `args` needs: the named command's module and bare entries."""
    command = next((a for a in args if not a.startswith("-")), None)
    if command is not None and {"-h", "--help"} & set(args[: list(args).index(command)]):
        command = None  # `sbp --help add` shows the root help
    if command is None and {"-V", "--version"} & set(args):
        return  # the version needs no commands
    entries = _entries()
    wanted = [name for name, commands in entries.items() if not commands or command in commands]
    if command is None or not any(entries[name] for name in wanted):
        register_all(app)  # root help, or a command nobody declares: let the parser decide
        return
    for name in wanted:
        importlib.import_module(name).register(app)
    _keep_only(app, command)


def _keep_only(app: typer.Typer, command: str) -> None:
    """Drop the module's other commands: typer builds each one it is given, which takes time."""
    commands = [c for c in app.registered_commands if _name(c.name, c.callback) == command]
    groups = [g for g in app.registered_groups if g.name == command]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups


def _name(name: str | None, callback: object) -> str:
    return name or getattr(callback, "__name__", "").replace("_", "-")


def _entries() -> dict[str, tuple[str, ...]]:
    entries: dict[str, tuple[str, ...]] = {}
    for entry in COMMAND_MODULES:
        module, _, commands = entry.partition(":")
        entries[module.strip()] = tuple(commands.split())
    return entries
