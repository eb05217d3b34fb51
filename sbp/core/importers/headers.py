"""Which column is which, from the header names banks and apps use, in the languages they use.

Each role lists names best first; a header cell matches a name exactly (after `clean`), or
contains it when the bank adds a unit (`Amount (EUR)`, `Betrag (€)`). The role order matters:
`debit` is claimed before `amount`, so `Debit Amount` is not read as a signed amount. Names
alone can mislead (`Valuta` is a value date in German and a currency in Swedish), so the
layout checks a named column's contents before it trusts it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

ROLES = (
    "date", "description", "amount", "debit", "credit", "direction", "currency", "id",
    "category", "note", "kind", "mcc", "status",
)  # fmt: skip
"""The roles a column can have; each can be pinned with `--map ROLE=COLUMN`."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date", "transaction date", "trans date", "posting date", "posted date", "post date",
        "booking date", "date posted", "completed date", "date completed utc", "started date",
        "date started utc", "datetime", "created", "buchungstag", "buchungsdatum", "buchung",
        "datum", "fecha", "fecha operación", "fecha operacion", "date opération",
        "date operation", "date de l opération", "data", "data contabile", "data operazione",
        "data movimento", "data lançamento", "data operacji", "bokföringsdag", "bokforingsdag",
        "transaktionsdag", "dato", "bogført", "bogføringsdato", "bokført dato", "kirjauspäivä",
        "value date", "wertstellung", "valutadatum", "wert", "fecha valor", "f valor",
        "date valeur", "data valuta", "valutadag", "arvopäivä",
        "kuupäev", "datums",
    ),
    "description": (
        "description", "payee", "merchant", "name", "payee name", "transaction description",
        "details", "narrative", "transaction details", "counterparty", "counter party",
        "title", "description 1", "original description", "beguenstigter zahlungspflichtiger",
        "begünstigter zahlungspflichtiger", "auftraggeber empfänger", "begünstigter auftraggeber",
        "auftraggeber begünstigter", "zahlungsempfänger in", "zahlungspflichtige r",
        "empfänger", "naam omschrijving", "naam tegenpartij", "naam", "libellé", "libelle",
        "libellé opération", "concepto", "descripción", "descripcion", "descrizione",
        "descrizione operazione", "causale", "descrição", "descricao", "histórico",
        "historico", "lançamento", "beskrivning", "namn", "mottagare", "tekst", "text",
        "beskrivelse", "forklaring", "modtager", "saaja maksaja", "selitys", "gavėjas",
        "opis operacji", "tytuł", "opis", "popis", "booking text", "notification text",
        "avisierungstext", "verwendungszweck", "omschrijving", "omschrijving 1",
        "mededelingen", "buchungstext", "paaiškinimas", "mokėjimo paskirtis", "rubrik",
        "descrizione estesa", "viesti", "memo", "reference", "referens",
        "saaja maksja", "saņēmējs maksātājs", "selgitus", "informācija saņēmējam",
        "paaiškinimai",
    ),
    "debit": (
        "debit", "debit amount", "withdrawal", "withdrawals", "paid out", "money out",
        "outflow", "spent", "soll", "out", "débit", "débit euros", "debit euros", "cargo",
        "cargos", "dare", "addebiti", "uscite", "débito", "debito", "debit in chf",
        "lastschrift in chf", "ut", "udbetaling",
    ),
    "credit": (
        "credit", "credit amount", "deposit", "deposits", "paid in", "money in", "inflow",
        "received", "haben", "in", "crédit", "crédit euros", "credit euros", "abono", "abonos",
        "avere", "accrediti", "entrate", "crédito", "credito", "credit in chf",
        "gutschrift in chf", "inn", "indbetaling",
    ),
    "amount": (
        "amount", "betrag", "transaction amount", "umsatz", "umsatz in eur", "value",
        "amount eur", "amount usd", "amount gbp", "amount total", "net", "bedrag",
        "bedrag eur", "montant", "montant eur", "importe", "importe eur", "importo", "valor",
        "valor r", "belopp", "beløb", "beløp", "summa", "määrä", "suma", "kwota", "částka",
        "individual amount", "cad",
    ),
    "direction": (
        "af bij", "d k", "debit credit", "credit debit", "dr cr", "cr dr", "soll haben", "s h",
        "debit credit indicator", "credit debit indicator", "umsatztyp", "direction",
        "in out", "transaction type", "type",
        "deebet kreedit", "debets kredīts",
    ),
    "currency": (
        "currency", "währung", "waehrung", "ccy", "munt", "devise", "divisa", "moneda",
        "měna", "waluta", "valūta", "valiuta", "moeda", "currency code", "valuta",
        "valuuta",
    ),
    "id": (
        "id", "transaction id", "transaction_id", "fitid", "txn id", "unique id",
        "transaction reference", "transferwise id", "transactiereferentie", "volgnr",
        "transaction no", "identificador", "reference number",
        "arhiveerimistunnus", "arhīva kods", "įrašo id", "įrašo nr",
    ),
    "category": (
        "category", "kategorie", "categoría", "catégorie", "categoria", "category group category",
    ),
    "note": ("note", "notes", "notes and tags"),
    "kind": (
        "transaction type", "type", "umsatzart", "mutatiesoort", "code", "subcategory",
        "transaktionstyp", "buchungstext", "tipo", "type d opération",
    ),
    "mcc": ("mcc", "merchant category code", "mcc code", "sic"),
    "status": ("status", "state", "transaction status", "info", "estado", "statut", "stato"),
}  # fmt: skip

BALANCE = frozenset({
    "balance", "running bal", "running balance", "saldo", "kontostand", "solde",
    "bokfört saldo", "saldo na trn", "saldo in chf", "balance in chf", "saldos r",
    "closing balance", "available balance", "saldo eur",
})  # fmt: skip
"""Names of a running balance column: never the amount, and a witness of the sign."""

_CONTAINS = {
    "amount": ("amount", "betrag", "bedrag", "montant", "importe", "importo", "belopp"),
    "date": ("date", "datum", "fecha", "data"),
    "description": ("description", "beschreibung", "omschrijving", "libellé"),
}
_CLEAN = re.compile(r"[^\w ]+")
_KNOWN = frozenset(name for names in SYNONYMS.values() for name in names) | BALANCE


def clean(cell: str) -> str:
    """A header cell reduced to lower-case words: `Amount (EUR)` -> `amount eur`."""
    return " ".join(_CLEAN.sub(" ", cell.replace("/", " ").replace("_", " ")).lower().split())


def header_score(cells: Sequence[str]) -> int:
    """How many cells are known header names; a header row scores at least 2."""
    return sum(1 for cell in cells if clean(cell) in _KNOWN)


def balance_column(cells: Sequence[str]) -> int | None:
    """The index of a running balance column, if the header names one."""
    for index, cell in enumerate(cells):
        if clean(cell) in BALANCE:
            return index
    return None


def assign_roles(
    cells: Sequence[str], skip: Sequence[str] = ()
) -> tuple[dict[str, int], list[int]]:
    """Role -> column index, and every column that could describe the row (best first).
    Roles in `skip` are not looked for (the layout found their names misleading)."""
    cleaned = [clean(cell) for cell in cells]
    roles: dict[str, int] = {}
    taken = {index for index, cell in enumerate(cleaned) if cell in BALANCE}
    for role in ("debit", "credit", *ROLES):
        if role in roles or role in skip:
            continue
        index = _find(role, cleaned, taken)
        if index is not None:
            roles[role] = index
            taken.add(index)
    describing = [i for name in SYNONYMS["description"] for i, c in enumerate(cleaned) if c == name]
    return roles, list(dict.fromkeys(describing))


def _find(role: str, cleaned: Sequence[str], taken: set[int]) -> int | None:
    for name in SYNONYMS[role]:
        for index, cell in enumerate(cleaned):
            if index not in taken and cell == name:
                return index
    for word in _CONTAINS.get(role, ()):
        for index, cell in enumerate(cleaned):
            if index not in taken and word in cell.split():
                return index
    return None
