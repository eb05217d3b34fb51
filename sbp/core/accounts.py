"""What an account is in sbp: the bank account or card an imported expense was paid from.

A bank numbers its transactions within an account, so an account is what duplicates are found
within. Where a file names its account itself (an OFX statement's account number), that
number is the account, whatever `--account` says: `--account NAME` then only names it, and sbp
remembers the name for the account's later files. Where a file names none (a CSV export), the
name given with `--account` is all there is to tell one account's rows from another's, so it is
the account (no name: no account). Each imported expense keeps its account's name; an account
never named is shown by the last digits of its number, so a full card number is never shown.
"""

from __future__ import annotations

from hashlib import blake2b

SHOWN_DIGITS = 4


def account_identity(file_account: str, given: str) -> str:
    """What identifies the account of a file's rows for finding duplicates: the number the file
    names, else the name given."""
    return file_account.strip() or given.strip()


def unnamed(number: str) -> str:
    """How an account known only by its number is shown: `…6789`."""
    number = number.strip()
    return number if len(number) <= SHOWN_DIGITS else "…" + number[-SHOWN_DIGITS:]


def name_setting(number: str) -> str:
    """The store setting that keeps the name given to the account with this number; the number
    itself is kept only as a digest."""
    digest = blake2b(number.strip().encode(), digest_size=16).hexdigest()
    return f"account_name:{digest}"
