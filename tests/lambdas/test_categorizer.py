"""The categorizer Lambda, called in-process with SQS events made from real moto messages."""

from __future__ import annotations

import json

import pytest

from lambdas.categorizer import handler
from sbp.core.model import CategorySource
from sbp.core.sync.view import ReplicaView
from tests.lambdas.conftest import (
    ALICE,
    Cloud,
    LambdaContext,
    expense,
    household,
    log_lines,
    metrics_printed,
)

BEANS = expense(2, "40.00", "Coffee beans", "coffee", CategorySource.USER)
BLUE_BOTTLE = expense(20, "9.50", "BLUE BOTTLE #12")  # the rule says coffee: 49.50 of 60
WHOLE_FOODS = expense(21, "23.10", "WHOLE FOODS MARKET")  # the keywords say groceries


def body(expense_id: str, user_id: str = ALICE) -> str:
    return json.dumps({"user_id": user_id, "expense_id": expense_id})


@pytest.fixture
def alice(cloud: Cloud) -> Cloud:
    cloud.seed(ALICE, household(BEANS, BLUE_BOTTLE, WHOLE_FOODS))
    return cloud


def test_a_poisoned_record_fails_alone_and_the_rest_are_categorized(
    alice: Cloud, printed: pytest.CaptureFixture[str]
) -> None:
    event = alice.sqs_event(body(BLUE_BOTTLE.id), "{not json", body(WHOLE_FOODS.id))
    poisoned = event["Records"][1]["messageId"]

    answer = handler(event, LambdaContext())

    assert answer == {"batchItemFailures": [{"itemIdentifier": poisoned}]}
    view = ReplicaView(alice.replica(ALICE))
    coffee, groceries = view.expense(BLUE_BOTTLE.id), view.expense(WHOLE_FOODS.id)
    assert coffee is not None and groceries is not None
    assert (coffee.category, coffee.category_source) == ("coffee", CategorySource.RULE)
    assert (groceries.category, groceries.category_source) == ("groceries", CategorySource.MERCHANT)
    assert metrics_printed(printed.readouterr().out) == {
        "ExpensesCategorized": 2,
        "AlertsPublished": 1,
        "CategorizerFailures": 1,
    }


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("{not json", "not JSON"),
        (json.dumps([ALICE]), "not a JSON object"),
        (json.dumps({"user_id": ALICE}), "expense_id is missing"),
        (json.dumps({"user_id": "alice", "expense_id": BLUE_BOTTLE.id}), "user_id is not a ULID"),
        (json.dumps({"user_id": ALICE, "expense_id": 7}), "expense_id is not a ULID"),
        (body("01KAEXP9999999999999999999"), "not in the user's replica"),
    ],
)
def test_bad_messages_fail_with_a_reason_and_leave_stored_data_untouched(
    alice: Cloud, printed: pytest.CaptureFixture[str], bad: str, reason: str
) -> None:
    head = alice.replica(ALICE).head()

    answer = handler(alice.sqs_event(bad), LambdaContext())

    assert len(answer["batchItemFailures"]) == 1
    assert alice.replica(ALICE).head() == head and alice.published() == []
    out = printed.readouterr().out
    [failure] = [line for line in log_lines(out) if line["message"] == "message failed"]
    assert reason in failure["reason"]
    assert metrics_printed(out) == {"CategorizerFailures": 1}


def test_the_same_message_delivered_twice_counts_once_and_publishes_once(
    alice: Cloud, printed: pytest.CaptureFixture[str]
) -> None:
    event = alice.sqs_event(body(BLUE_BOTTLE.id))

    first = handler(event, LambdaContext())
    head = alice.replica(ALICE).head()
    first_metrics = metrics_printed(printed.readouterr().out)
    again = handler(event, LambdaContext(aws_request_id="second-delivery"))

    assert first == again == {"batchItemFailures": []}
    assert first_metrics == {"ExpensesCategorized": 1, "AlertsPublished": 1}
    assert metrics_printed(printed.readouterr().out) == {}
    assert alice.replica(ALICE).head() == head
    [(message, attributes)] = alice.published()
    assert message == "Coffee passed 80% of its budget: $49.50 of $60.00 in 2026-11 (82.5%)"
    assert attributes["user_id"] == {"Type": "String", "Value": ALICE}
    [alert] = ReplicaView(alice.replica(ALICE)).notifications()
    assert alert.dedupe_key == "2026-11#coffee#80"


def test_a_new_message_about_a_categorized_expense_changes_nothing(
    alice: Cloud, printed: pytest.CaptureFixture[str]
) -> None:
    handler(alice.sqs_event(body(BLUE_BOTTLE.id)), LambdaContext())
    head = alice.replica(ALICE).head()
    printed.readouterr()

    handler(alice.sqs_event(body(BLUE_BOTTLE.id)), LambdaContext())  # a new message id

    assert alice.replica(ALICE).head() == head and len(alice.published()) == 1
    assert metrics_printed(printed.readouterr().out) == {}


def test_a_category_the_user_chose_is_not_touched(alice: Cloud) -> None:
    head = alice.replica(ALICE).head()

    answer = handler(alice.sqs_event(body(BEANS.id)), LambdaContext())

    assert answer == {"batchItemFailures": []}
    assert alice.replica(ALICE).head() == head and alice.published() == []


def test_log_lines_hold_no_description_or_amount(
    alice: Cloud, printed: pytest.CaptureFixture[str]
) -> None:
    handler(alice.sqs_event(body(BLUE_BOTTLE.id), "{not json"), LambdaContext())

    lines = log_lines(printed.readouterr().out)

    assert {line["message"] for line in lines} >= {"expense checked", "message failed"}
    assert all(line["service"] == "sbp" and line["function_request_id"] for line in lines)
    text = json.dumps(lines)
    for private in ("BLUE BOTTLE", "Blue Bottle", "9.50", "49.50", "60.00", "950"):
        assert private not in text
