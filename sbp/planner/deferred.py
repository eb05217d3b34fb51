"""The groups of use cases the Planner loads on first use, so `sbp add` imports none of them.

Start-up is most of what `sbp add` costs, and each module it imports costs start-up time. The
groups below serve imports, reports, receipts, review, the TUI's screens and the sync line:
commands that are rarer than recording an expense, and each brings its own module (and some
of the core's). `DeferredGroups` gives the Planner their methods all the same: the first time
one of their names is asked of a Planner, its group's module is imported and the method is
bound to that very Planner, so it shares the Planner's store, clock and id sequence exactly as
an inherited method would. To the type checker the Planner inherits every group
(see `sbp.planner`).
"""

from __future__ import annotations

import importlib
from typing import Any

from sbp.planner.base import PlannerBase

DEFERRED_GROUPS = {
    "sbp.planner.receipts:ReceiptUseCases": (
        "attach_receipt receipt_of with_receipts upload_receipts _receipt_moved"
    ),
    "sbp.planner.budgets:BudgetUseCases": (
        "set_budget budgets remove_budget status categories add_rule rules remove_rule explain"
        " notifications mark_notifications_read"
    ),
    "sbp.planner.screens:ScreenUseCases": (
        "expense_page daily_spending check_amount check_date check_description outside_changes"
    ),
    "sbp.planner.reports:ReportUseCases": "report_period report _spending_in",
    "sbp.planner.imports:ImportUseCases": (
        "import_file _account_name import_profile save_import_profile import_batches"
        " undo_import store_damage export"
    ),
    "sbp.planner.review:ReviewUseCases": "review",
    "sbp.planner.sync_state:SyncStateUseCases": (
        "sync_line receipts_not_uploaded unsynced not_in_cloud"
    ),
}
"""Each deferred group (`module:class`) and every method it defines, public or not
(tests/planner/test_deferred_groups.py checks the list against the classes)."""

_GROUP_OF = {name: group for group, names in DEFERRED_GROUPS.items() for name in names.split()}


class DeferredGroups(PlannerBase):
    """Methods of the deferred groups, found (and their modules imported) on first use."""

    def __getattr__(self, name: str) -> Any:
        # Python calls this only for a name the Planner's own classes do not define.
        group = _GROUP_OF.get(name)
        if group is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return deferred_method(group, name).__get__(self, type(self))


def deferred_method(group: str, name: str) -> Any:
    """The function `name` as the class of `group` (`module:class`) defines it."""
    module, _, cls = group.partition(":")
    return vars(getattr(importlib.import_module(module), cls))[name]
