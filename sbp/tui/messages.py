"""Messages the screens send up to the app: a write happened, here is what it did.

Screens change the store through the Planner and then say so; the app turns that into toasts
(including any budget alert the write crossed) without knowing which screen made the change.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from sbp.core.model import Notification


class StoreChanged(Message):
    """A screen wrote to the store: a sentence for the person and the alerts it raised."""

    def __init__(self, summary: str, alerts: Sequence[Notification] = ()) -> None:
        super().__init__()
        self.summary = summary
        self.alerts = tuple(alerts)
