"""The transactions of an OFX file, gathered from its tokens without building the document.

Only what an import needs is followed: each bank or card statement's account and currency, and
each `STMTTRN` with the elements inside it. Investment statements are passed over whole and
named; whatever else a file holds (sign-on, balances, security lists) is ignored, so a file that
a strict reader refuses (long bank ids, unknown language codes, elements out of order or empty)
still gives its transactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sbp.core.importers.ofxtokens import CLOSE, OPEN, TEXT, Token

STATEMENTS = frozenset({"STMTRS", "CCSTMTRS"})
_SKIPPED_SECTIONS = {"INVSTMTRS": "investment statement", "LOANSTMTRS": "loan statement"}
# aggregates inside a transaction whose elements are kept under their name: PAYEE.NAME
_INNER = frozenset({"PAYEE", "CURRENCY", "ORIGCURRENCY", "BANKACCTTO", "CCACCTTO"})
_ACCOUNT_FROM = frozenset({"BANKACCTFROM", "CCACCTFROM", "INVACCTFROM", "LOANACCTFROM"})
_INVESTMENT_ROWS = frozenset({"INVTRAN", "INVBANKTRAN"})


@dataclass
class Transaction:
    """One `STMTTRN`: its elements' text by name (`NAME`, `PAYEE.NAME`), where it starts, and
    the account and currency of the statement around it."""

    line: int
    currency: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Skipped:
    """A section passed over (an investment statement): what, whose, how many transactions."""

    line: int
    what: str
    account: str = ""
    transactions: int = 0

    def reason(self) -> str:
        account = f" for account {self.account}" if self.account else ""
        count = self.transactions
        return f"{self.what}{account} ({count} transaction{'' if count == 1 else 's'})"


@dataclass
class OfxScan:
    """Follows the tokens of one file; `account` is the first bank or card statement's."""

    account: str = ""
    statements: int = 0
    _currency: str = ""
    _open: list[str] = field(default_factory=list)  # open aggregates that matter, innermost last
    _element: str = ""  # the element whose text comes next

    def transactions(self, tokens: Iterable[Token]) -> Iterator[Transaction | Skipped]:
        """Each transaction of the bank and card statements, and each section skipped."""
        current: Transaction | None = None
        skipping: Skipped | None = None
        for kind, value, line in tokens:
            if skipping is not None:
                if not self._still_skipping(skipping, kind, value):
                    yield skipping
                    skipping = None
                continue
            if kind == TEXT:
                if self._element:
                    self._text(current, value)
                continue
            self._element = ""
            if kind == OPEN:
                if value in _SKIPPED_SECTIONS:
                    if current is not None:
                        yield current
                        current = None
                    skipping = Skipped(line, _SKIPPED_SECTIONS[value])
                    continue
                if value == "STMTTRN":
                    if current is not None:  # the last one was never closed
                        yield current
                    current = Transaction(line, self._currency)
                elif value in STATEMENTS:
                    self.statements += 1
                    self._currency = ""
                    self._open.clear()
                elif value in _INNER or value in _ACCOUNT_FROM:
                    self._open.append(value)
                else:
                    self._element = value
            elif value == "STMTTRN" or value in STATEMENTS or value == "BANKTRANLIST":
                if current is not None:
                    yield current
                    current = None
            elif self._open and self._open[-1] == value:
                self._open.pop()
        if current is not None:
            yield current
        if skipping is not None:
            yield skipping

    def _text(self, current: Transaction | None, text: str) -> None:
        name, self._element = self._element, ""
        inner = self._open[-1] if self._open else ""
        if current is not None:
            key = f"{inner}.{name}" if inner in _INNER else name
            current.fields.setdefault(key, text)
        elif name == "CURDEF":
            self._currency = text
        elif name == "ACCTID" and inner in _ACCOUNT_FROM and not self.account:
            self.account = text

    def _still_skipping(self, skipped: Skipped, kind: int, value: str) -> bool:
        """Follows a skipped section; False once it is closed."""
        if kind == OPEN and value in _INVESTMENT_ROWS:
            skipped.transactions += 1
        elif kind == OPEN and value in _ACCOUNT_FROM:
            self._element = "ACCTID?"
        elif kind == OPEN and value == "ACCTID" and self._element == "ACCTID?":
            self._element = "ACCTID"
        elif kind == TEXT and self._element == "ACCTID":
            skipped.account, self._element = skipped.account or value, ""
        elif kind == CLOSE and (value in _SKIPPED_SECTIONS or value == "OFX"):
            self._element = ""
            return False
        return True
