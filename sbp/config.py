"""Settings, read once from the environment and `config.toml`; the only reader of `os.environ`.

`SBP_HOME` moves every path sbp uses (the store, the config file) into one folder, which is how
tests and scripts keep their own data apart.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each string annotation
# of its fields when the class is made, which costs every run of sbp start-up time.

import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from sbp.core.alerts import DEFAULT_THRESHOLDS
from sbp.core.currencies import is_known
from sbp.core.errors import InvalidInput
from sbp.core.money import check_currency

APP_NAME = "sbp"


class Settings(NamedTuple):
    """Everything configurable about one run of sbp."""

    data_dir: Path
    config_file: Path
    base_currency: str = "USD"
    thresholds: tuple[int, ...] = DEFAULT_THRESHOLDS
    color: bool = True
    gateway_url: str | None = None
    extra: Mapping[str, Any] = MappingProxyType({})  # read-only, so one shared default is safe

    @property
    def db_path(self) -> Path:
        return self.data_dir / "sbp.db"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from `environ` (default: the process environment) and the config file."""
    env = os.environ if environ is None else environ
    data_dir, config_file = _paths(env)
    values = _read_toml(config_file)
    configured = values.get("base_currency")
    return Settings(
        data_dir=data_dir,
        config_file=config_file,
        base_currency=(
            _configured_currency(config_file, configured)
            if configured is not None
            else _locale_currency() or "USD"
        ),
        thresholds=_thresholds(config_file, values.get("alert_thresholds", DEFAULT_THRESHOLDS)),
        color="NO_COLOR" not in env or env.get("NO_COLOR", "") == "",
        gateway_url=env.get("SBP_GATEWAY_URL") or values.get("gateway_url"),
        extra=values,
    )


def _paths(env: Mapping[str, str]) -> tuple[Path, Path]:
    home = env.get("SBP_HOME")
    if home:
        root = Path(home).expanduser()
        return root, root / "config.toml"
    import platformdirs

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    config = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    return data, config / "config.toml"


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    import tomllib

    try:
        raw = path.read_bytes()
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            hint="save config.toml as UTF-8",
        ) from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None


def _configured_currency(path: Path, value: Any) -> str:
    """`base_currency` from the config file, or InvalidInput naming the file and the line."""
    try:
        return check_currency(value) if isinstance(value, str) else check_currency(repr(value))
    except InvalidInput as exc:
        raise InvalidInput(f"{path}:{_line_of(path, 'base_currency')}: {exc}", exc.hint) from None


def _line_of(path: Path, key: str) -> int:
    """The line of `path` where `key` is set (1 if it cannot be told)."""
    import re

    lines = path.read_text(encoding="utf-8").splitlines()
    setting = re.compile(rf"\s*{re.escape(key)}\s*=")
    return next((n for n, line in enumerate(lines, start=1) if setting.match(line)), 1)


def _thresholds(path: Path, raw: Any) -> tuple[int, ...]:
    """`alert_thresholds` from the config file: whole percents (not 80.5, not true), or
    InvalidInput naming the file and the line."""
    if raw is DEFAULT_THRESHOLDS:
        return raw
    if not isinstance(raw, list) or not all(type(v) is int for v in raw):
        problem = "must be a list of percents, whole numbers such as [80, 100]"
    elif not raw or any(not 1 <= v <= 1000 for v in raw):
        problem = "must be percents between 1 and 1000"
    else:
        return tuple(sorted(raw))
    raise InvalidInput(f"{path}:{_line_of(path, 'alert_thresholds')}: alert_thresholds {problem}")


def _locale_currency() -> str | None:
    import locale

    try:
        locale.setlocale(locale.LC_MONETARY, "")
        code = str(locale.localeconv().get("int_curr_symbol", "")).strip()
    except locale.Error:
        return None
    return code if is_known(code) else None
