"""The person's own rules, matched so that no rule can hang sbp.

A regular-expression rule runs on RE2 (Google's linear-time engine, `google-re2`): whatever the
pattern, matching a description takes time in proportion to its length, so a rule such as
`(a+)+$` cannot stall `sbp add` or an import. RE2 has no look-arounds or back-references; a
pattern that needs them is refused when the rule is added, and an older stored rule that RE2
cannot run is skipped (and `sbp rules test` says so) rather than run on an engine that could hang.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sbp.core.errors import InvalidInput
from sbp.core.model import Rule

MAX_PATTERN = 500
"""The longest rule pattern accepted, in characters."""
MAX_PROGRAM_BYTES = 1 << 20
MAX_REPEAT = 1000  # RE2's own limit; a count too large for it to parse it would read as text
# `{n}`, `{n,}` or `{n,m}` not escaped by a backslash
_REPEAT = r"(?<!\\)\{(\d+)(?:,(\d*))?\}"
"""Memory RE2 may use for one compiled rule; a pattern needing more is refused."""

Matcher = Callable[[str, str], bool]
"""Whether a rule matches a description (lower case, and cleaned)."""


class RuleMatcher:
    """One rule, ready to match, or the reason it cannot be used."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.problem = ""
        self._matches: Matcher = _never
        try:
            self._matches = _matcher(rule)
        except InvalidInput as exc:
            self.problem = str(exc)

    def matches(self, lowered: str, cleaned: str) -> bool:
        """Whether the rule matches (a rule that cannot be used matches nothing)."""
        return self._matches(lowered, cleaned)

    def reason(self) -> str:
        kind = "regex" if self.rule.is_regex else "text"
        return f"rule #{self.rule.id} ({kind} '{self.rule.pattern}')"


def _never(lowered: str, cleaned: str) -> bool:
    return False


def _matcher(rule: Rule) -> Matcher:
    from sbp.core.categorize.clean import clean

    if rule.is_regex:
        pattern = compile_rule_regex(rule.pattern)
        return lambda lowered, cleaned: pattern.search(lowered) is not None
    needle = rule.pattern.lower()
    needle_cleaned = clean(rule.pattern)
    return lambda lowered, cleaned: (
        needle in lowered or (bool(needle_cleaned) and f" {needle_cleaned} " in f" {cleaned} ")
    )


def compile_rule_regex(pattern: str) -> Any:
    """A rule's regular expression on RE2, case-insensitive; InvalidInput saying what is wrong."""
    if len(pattern) > MAX_PATTERN:
        raise InvalidInput(f"rule pattern is longer than {MAX_PATTERN} characters")
    _check_repeats(pattern)
    import re2  # type: ignore[import-untyped]  # only when there is a regex rule

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = MAX_PROGRAM_BYTES
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise InvalidInput(
            f"rule pattern '{pattern}' is not a valid regular expression: {detail}",
            hint="rules use RE2 syntax, without look-arounds or back-references",
        ) from None


def _check_repeats(pattern: str) -> None:
    """InvalidInput for a repetition count over `MAX_REPEAT` (`a{99999999999}`), which RE2
    would otherwise take for the literal text, matching nothing the person meant."""
    import re

    for found in re.finditer(_REPEAT, pattern):
        counts = [int(n) for n in found.groups() if n]
        if max(counts) > MAX_REPEAT:
            raise InvalidInput(
                f"rule pattern '{pattern}' is not a valid regular expression: the repetition"
                f" {found.group()} is over {MAX_REPEAT}"
            )
