"""The trade words sbp reads in a description, whichever language names the trade: "apotheke",
"car wash", "tandarts" say what kind of place was paid when no brand list knows the business.

Two lists are read together. OpenStreetMap's iD editor presets (`data/trades.tsv`, built by
`scripts/build_trades.py`) give the names, aliases and search terms mappers use for each kind
of place, in dozens of languages, kept up by the map's translators. sbp's own hand-typed list
(`trades.TRADES`) adds the words card terminals print that the presets lack ("parkade", "hdw",
"parcheggio"). Where both file a word under different categories, the hand-typed one wins: it
is sbp's reviewed choice (a doughnut shop is `coffee`, a "go kart" track entertainment), and
the studied evaluation rows showed no case for the other order. Where they agree, the presets'
entry stays, as its kind is often the finer one (`shop/cheese` for "fromagerie").

Each word keeps its kind (`shop/car_repair`), which ties it to the brands of that kind and to
the bank's merchant category codes (see `lessons`), and says in `sbp rules test` which kind
decided. The table is read when a description first gets past the built-in keywords, never
by `sbp add 12.50 coffee`.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from sbp.core.categorize.keyword_table import KeywordTable
from sbp.core.categorize.shipped import data_file

DATA_FILE = "trades.tsv"


class Trade(NamedTuple):
    """What a trade word names, and where sbp has it from."""

    kind: str  # the OpenStreetMap kind, such as "shop/car_repair"
    category: str
    from_presets: bool  # from OpenStreetMap's presets, else typed by hand

    def evidence(self, word: str) -> str:
        """Why the trade layer chose its category, for `sbp rules test`."""
        where = "OpenStreetMap presets" if self.from_presets else "sbp's own list"
        return f"the trade word '{word}' ({self.kind.replace('/', '=')}, {where})"


class TradeWords:
    """The trade words as a keyword table, with each word's kind and source."""

    def __init__(self, data: bytes | None = None, typed: bool = True) -> None:
        """`data` stands in for the shipped file (tests); `typed` adds the hand-typed words,
        whose category wins over the presets' where the two differ."""
        self.trades = read(data_file(DATA_FILE) if data is None else data)
        if typed:
            from sbp.core.categorize.trades import TRADES

            for kind, category, words in TRADES:
                for word in words:
                    found = self.trades.get(word)
                    if found is None or found.category != category:
                        self.trades[word] = Trade(kind, category, False)
        self.categories = {trade.kind: trade.category for trade in self.trades.values()}
        """Each kind's category."""
        by_category: dict[str, list[str]] = {}
        for word, trade in self.trades.items():
            by_category.setdefault(trade.category, []).append(word)
        self.table = KeywordTable(by_category)

    def __getitem__(self, word: str) -> Trade:
        return self.trades[word]


def read(data: bytes) -> dict[str, Trade]:
    """Each word of a file as the script writes it: an `@kinds` line numbering each
    `kind=category`, then one `word<TAB>kind number` a line."""
    trades: dict[str, Trade] = {}
    kinds: list[tuple[str, str]] = []
    for line in data.decode("utf-8").splitlines():
        if line.startswith("@kinds\t"):
            kinds = [_kind(field) for field in line.split("\t")[1:]]
        elif line and not line.startswith("#"):
            word, number = line.split("\t")
            kind, category = kinds[int(number)]
            trades[word] = Trade(kind, category, True)
    return trades


def _kind(field: str) -> tuple[str, str]:
    kind, _, category = field.partition("=")
    return kind, category


@cache
def default_trade_words() -> TradeWords:
    """The shipped trade words, read once per process."""
    return TradeWords()
