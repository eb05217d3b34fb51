"""Dates as banks write them: ISO, `dd.mm.yyyy`, `mm/dd/yyyy`, `dd/mm/yyyy`, `23 Nov 2026`, ...

The day/month order of a column is decided from the values themselves: a `13/02` can only be
day-first, a `02/13` only month-first. A column where every value fits both stays undecided
until one that does not arrives, or the person pins it (`--map dates=dd/mm/yyyy`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sbp.core.errors import InvalidInput

ORDERS = ("ymd", "dmy", "mdy")
ORDER_NAMES = {"ymd": "yyyy-mm-dd", "dmy": "dd/mm/yyyy", "mdy": "mm/dd/yyyy"}
_BY_NAME = {
    "yyyy-mm-dd": "ymd", "iso": "ymd", "ymd": "ymd",
    "dd/mm/yyyy": "dmy", "dd.mm.yyyy": "dmy", "dd-mm-yyyy": "dmy", "dmy": "dmy", "dayfirst": "dmy",
    "mm/dd/yyyy": "mdy", "mm-dd-yyyy": "mdy", "mdy": "mdy", "monthfirst": "mdy",
    "dd.mm.yy": "dmy", "dd/mm/yy": "dmy", "dd-mm-yy": "dmy", "d/m/y": "dmy", "d.m.y": "dmy",
    "mm/dd/yy": "mdy", "mm-dd-yy": "mdy", "m/d/y": "mdy", "yyyymmdd": "ymd", "yy-mm-dd": "ymd",
    "yyyy/mm/dd": "ymd", "yyyy.mm.dd": "ymd",
}  # fmt: skip
_NUMERIC = re.compile(r"^\s*([0-9]{1,4})([./-])([0-9]{1,2})\2([0-9]{1,4})(?:[ T].*)?$")
_COMPACT = re.compile(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})(?:[0-9]{6})?(?:[.\[].*)?$")
_DAY_NAME = re.compile(r"^\s*([0-9]{1,2})[ .-]+([^\W\d_]{3,9})\.?[ .,-]+([0-9]{2,4})\s*$")
_NAME_DAY = re.compile(r"^\s*([^\W\d_]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})\s*$")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
}  # fmt: skip


def order_named(name: str) -> str:
    """The order a `--map dates=...` value means; ValueError for an unknown one."""
    try:
        return _BY_NAME[name.strip().lower()]
    except KeyError:
        known = ", ".join(("yyyy-mm-dd", "dd/mm/yyyy", "mm/dd/yyyy", "dd.mm.yyyy", "dd.mm.yy"))
        raise ValueError(f"unknown date format '{name}' (use one of {known})") from None


def _year(text: str) -> int:
    value = int(text)
    if len(text) <= 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _month_name(text: str) -> int | None:
    return _MONTHS.get(text[:3].lower())


def orders_allowing(text: str) -> frozenset[str] | None:
    """The orders under which `text` is a real date; None when it is not a date at all."""
    if _COMPACT.match(text) or _DAY_NAME.match(text) or _NAME_DAY.match(text):
        return frozenset({"ymd"}) if _safe(text, "ymd") else None  # the order is in the text
    match = _NUMERIC.match(text)
    if match is None:
        return None
    if len(match[1]) == 4:
        return frozenset({"ymd"}) if _safe(text, "ymd") else None
    fitting = frozenset(order for order in ("dmy", "mdy") if _safe(text, order))
    if match[2] == "." and "dmy" in fitting:
        return frozenset({"dmy"})  # nobody writes month-first with dots
    return fitting or None


def _safe(text: str, order: str) -> bool:
    try:
        parse_date(text, order)
    except ValueError:
        return False
    return True


def parse_date(text: str, order: str) -> date:
    """The date `text` means under `order`; ValueError saying why not."""
    numeric = _NUMERIC.match(text)
    if numeric is not None:
        first, second, third = numeric[1], numeric[3], numeric[4]
        if len(first) == 4 or order == "ymd":
            year, month, day = _year(first), int(second), int(third)
        elif order == "dmy":
            day, month, year = int(first), int(second), _year(third)
        else:
            month, day, year = int(first), int(second), _year(third)
        return _make(text, year, month, day)
    compact = _COMPACT.match(text)
    if compact is not None:
        return _make(text, int(compact[1]), int(compact[2]), int(compact[3]))
    for pattern, day_group, name_group in ((_DAY_NAME, 1, 2), (_NAME_DAY, 2, 1)):
        named = pattern.match(text)
        if named is not None:
            month_number = _month_name(named[name_group])
            if month_number is None:
                break
            return _make(text, _year(named[3]), month_number, int(named[day_group]))
    raise ValueError(f"date '{text.strip()}' is not a date")


def _make(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"date '{text.strip()}' is not a real day") from None


class DateColumn:
    """Parses one column's dates once its order is known, remembering each distinct text."""

    def __init__(self, order: str | None = None) -> None:
        self.order = order
        self._possible = frozenset(ORDERS) if order is None else frozenset({order})
        self._cache: dict[str, date] = {}

    @property
    def decided(self) -> bool:
        return self.order is not None

    def observe(self, text: str) -> None:
        """Narrow the possible orders with one more value (values that are no date are skipped)."""
        if self.order is not None:
            return
        allowed = orders_allowing(text)
        if allowed is None:
            return
        narrowed = self._possible & allowed
        if narrowed:
            self._possible = narrowed
        if len(allowed) == 1 or len(self._possible) == 1:
            self.order = next(iter(narrowed or allowed))

    def parse(self, text: str) -> date:
        """The date of `text` (ValueError with the reason); the order must be known."""
        found = self._cache.get(text)
        if found is None:
            found = parse_date(text, self.order or "ymd")
            if len(self._cache) < 100_000:
                self._cache[text] = found
        return found


def order_by_rows(values: Sequence[str]) -> str | None:
    """The day/month order that the rows of a statement whose dates fit both show: the one
    under which they run in date order (oldest or newest first) where only one does; else the
    one under which they cover a few weeks rather than months. None when neither tells."""
    spans: dict[str, int] = {}
    sorted_as: list[str] = []
    for order in ("dmy", "mdy"):
        try:
            days = [parse_date(value, order) for value in values]
        except ValueError:
            continue
        if len(set(days)) < 2:
            return None
        spans[order] = (max(days) - min(days)).days
        if days in (sorted(days), sorted(days, reverse=True)):
            sorted_as.append(order)
    if len(sorted_as) == 1 and len(set(values)) >= 3:
        return sorted_as[0]
    if len(spans) == 2:
        short, long = sorted(spans, key=spans.__getitem__)
        if spans[short] <= 62 and spans[long] >= 4 * max(spans[short], 7):
            return short
    return None


def pinned_column(name: str) -> DateColumn:
    """A column of the order a `--map dates=` value names; InvalidInput for an unknown one."""
    try:
        return DateColumn(order_named(name))
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def settled_by_rows(values: Sequence[str], guesses: list[str]) -> DateColumn | None:
    """A column of the order `order_by_rows` finds for `values`, said among the `guesses`."""
    order = order_by_rows(values)
    if order is None:
        return None
    name = ORDER_NAMES[order]
    guesses.append(
        f"dates fit day/month and month/day; read as {name}, under which the rows run in"
        f" date order over a few weeks (pin with --map dates={name})"
    )
    return DateColumn(order)
