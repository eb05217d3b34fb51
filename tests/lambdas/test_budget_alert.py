"""The budget alert Lambda, called in-process with a scheduled event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from lambdas.budget_alert import BudgetCheckIncomplete, handler
from lambdas.environment import resources
from sbp.core.model import CategorySource
from sbp.core.periods import Month
from sbp.core.sync.codec import budget_removal, expense_record
from sbp.core.sync.view import ReplicaView
from tests.lambdas.conftest import (
    ALICE,
    BOB,
    CAROL,
    DEVICE,
    Cloud,
    LambdaContext,
    expense,
    household,
    metrics_printed,
)
from tests.moto_resources import REPLICA_TABLE
from tests.replica.conftest import recording

SCHEDULED = {
    "version": "0",
    "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2026-11-13T08:00:00Z",
    "region": "us-east-1",
    "resources": [
        "arn:aws:scheduler:us-east-1:123456789012:schedule/default/sbp-test-budget-alert-daily"
    ],
    "detail": {},
}


def tagged(user_id: str, kind: str) -> dict[str, Any]:
    """The message attributes an alert is published with."""
    return {
        "user_id": {"Type": "String", "Value": user_id},
        "kind": {"Type": "String", "Value": kind},
    }


def spent(n: int, amount: str, category: str) -> Any:
    return expense(n, amount, f"shop {n}", category, CategorySource.USER, date(2026, 11, n))


@pytest.fixture
def users(cloud: Cloud) -> Cloud:
    # Alice: coffee over budget (65 of 60); groceries at 260 of 400 by the 13th, out on the 20th
    cloud.seed(ALICE, household(spent(2, "40", "coffee"), spent(9, "25", "coffee"),
                                spent(3, "260", "groceries")))  # fmt: skip
    cloud.seed(BOB, household(spent(5, "12", "coffee")))  # well within his budgets
    carol_only_spends = [c for c in household(spent(6, "900", "coffee")) if c.kind.value == "exp"]
    cloud.seed(CAROL, carol_only_spends)
    return cloud


def test_a_scheduled_run_publishes_each_due_alert_once(
    users: Cloud, printed: pytest.CaptureFixture[str]
) -> None:
    sent = recording(resources().dynamodb)

    summary = handler(SCHEDULED, LambdaContext())

    assert summary == {"users": 2, "alerts": 2, "failed": 0}
    assert users.published() == [
        ("Coffee is over budget: $65.00 of $60.00 in 2026-11 (108.3%)", tagged(ALICE, "budget")),
        (
            "At this rate Groceries runs out on the 20th: $260.00 of $400.00 spent in the first 13"
            " days of 2026-11",
            tagged(ALICE, "pace"),
        ),
    ]
    recorded = ReplicaView(users.replica(ALICE)).notifications()
    assert sorted(n.dedupe_key for n in recorded) == [
        "2026-11#coffee#100",
        "2026-11#groceries#pace",
    ]
    assert metrics_printed(printed.readouterr().out) == {"AlertsPublished": 2}
    assert "Scan" not in {operation for operation, _ in sent}
    assert CAROL not in str(sent)  # a user without budgets is never read

    again = handler(SCHEDULED, LambdaContext())

    assert again == {"users": 2, "alerts": 0, "failed": 0} and len(users.published()) == 2
    assert metrics_printed(printed.readouterr().out) == {}


def test_a_user_whose_budgets_were_removed_is_no_longer_checked(users: Cloud) -> None:
    removals = [budget_removal(c, None, "1795000000001-0000-laptop0000000000")
                for c in ("coffee", "groceries")]  # fmt: skip
    users.seed(ALICE, removals)

    assert handler(SCHEDULED, LambdaContext()) == {"users": 1, "alerts": 0, "failed": 0}
    assert users.published() == []


def test_one_users_broken_data_does_not_stop_the_others(users: Cloud) -> None:
    users.dynamodb.put_item(
        TableName=REPLICA_TABLE,
        Item={"user_id": {"S": BOB}, "sk": {"S": "bud#coffee#*"}, "fields": {"S": "{broken"},
              "budget_owner": {"S": "budgets"}},
    )  # fmt: skip

    with pytest.raises(BudgetCheckIncomplete, match="1 of 2 users"):
        handler(SCHEDULED, LambdaContext())

    assert len(users.published()) == 2  # Alice's alerts went out all the same


@pytest.mark.parametrize("event", [{"time": "yesterday"}, {"time": 17}, ["not", "an", "object"]])
def test_a_bad_event_is_refused_and_nothing_is_published(users: Cloud, event: Any) -> None:
    answer = handler(event, LambdaContext())

    assert answer["error"] == "invalid_input" and answer["message"]
    assert users.published() == []


def test_an_event_without_a_time_checks_the_current_month(users: Cloud) -> None:
    today = datetime.now(UTC).date()
    coffee = expense(28, "70", "shop", "coffee", CategorySource.USER, today)
    users.seed(BOB, [expense_record(coffee, DEVICE)])

    summary = handler({}, LambdaContext())

    assert summary["failed"] == 0
    to_bob = [m for m, attrs in users.published() if attrs["user_id"]["Value"] == BOB]
    assert to_bob == [f"Coffee is over budget: $70.00 of $60.00 in {Month.of(today)} (116.7%)"]
