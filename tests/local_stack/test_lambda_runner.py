"""The local Lambda runner over a moto server holding the applied stack: the categorize queue
handed to the real categorizer as SQS events, bad and crashing input survived, the budget
alert on demand, and Lambda's Invoke API answered for the gateway's report calls."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from cloud.aws import Aws
from cloud.local import moto_stack
from cloud.local.invoke_api import InvokeApi, function_name
from cloud.local.runner import LambdaRunner, Outcome, lambda_environment, stack_handlers
from sbp.cloud.replica import DynamoReplica
from sbp.core.model import CategorySource
from sbp.core.sync.view import ReplicaView
from tests.lambdas.conftest import ALICE, BOB, expense, forget_clients, household

PREFIX = "sbp-runner"
BLUE_BOTTLE = expense(20, "52.00", "BLUE BOTTLE #12")  # the rule says coffee: 52 of 60, 86%
WHOLE_FOODS = expense(21, "23.10", "WHOLE FOODS MARKET")


@dataclass
class Local:
    """The applied stack on a moto server, a runner over it, and its Invoke API."""

    stack: moto_stack.MotoStack
    aws: Aws
    runner: LambdaRunner
    api: InvokeApi
    said: list[str]

    def replica(self, user_id: str) -> DynamoReplica:
        return DynamoReplica(
            user_id, self.stack.stack.names.replica_table, self.aws.client("dynamodb")
        )

    def send(self, body: str) -> None:
        self.aws.client("sqs").send_message(QueueUrl=self.stack.queue_url, MessageBody=body)

    def queue_counts(self) -> tuple[int, int]:
        """(waiting, in flight) messages of the categorize queue."""
        found = self.aws.client("sqs").get_queue_attributes(
            QueueUrl=self.stack.queue_url, AttributeNames=["All"]
        )["Attributes"]
        return int(found["ApproximateNumberOfMessages"]), int(
            found["ApproximateNumberOfMessagesNotVisible"]
        )


@pytest.fixture(scope="module")
def local() -> Iterator[Local]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, value in moto_stack.FAKE_KEYS.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("AWS_PROFILE", raising=False)
        running = moto_stack.start(PREFIX)
        try:
            for name, value in lambda_environment(running.stack, running.endpoint).items():
                monkeypatch.setenv(name, value)
            forget_clients()
            aws = Aws(running.stack.arns.region, running.endpoint)
            said: list[str] = []
            runner = LambdaRunner(
                running.stack,
                stack_handlers(running.stack),
                aws.client("sqs"),
                running.queue_url,
                said.append,
            )
            api = InvokeApi(runner)
            api.start()
            local = Local(running, aws, runner, api, said)
            local.replica(ALICE).commit(household(BLUE_BOTTLE, WHOLE_FOODS), "laptop", "2026-11-23")
            yield local
            api.stop()
        finally:
            forget_clients()
            running.stop()


def body(expense_id: str, user_id: str = ALICE) -> str:
    return json.dumps({"user_id": user_id, "expense_id": expense_id})


def test_queued_expenses_are_categorized_and_their_messages_deleted(local: Local) -> None:
    local.send(body(BLUE_BOTTLE.id))

    assert local.runner.poll_once() == 1

    found = ReplicaView(local.replica(ALICE)).expense(BLUE_BOTTLE.id)
    assert found is not None
    assert (found.category, found.category_source) == ("coffee", CategorySource.RULE)
    assert local.queue_counts() == (0, 0)


def test_a_poisoned_message_is_left_for_a_retry_and_the_runner_goes_on(local: Local) -> None:
    local.send("{not json")
    local.send(body(WHOLE_FOODS.id))
    local.runner.start()
    try:
        deadline = time.monotonic() + 30
        while local.queue_counts() != (0, 1) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert local.queue_counts() == (0, 1)  # the poisoned one, in flight until it times out
        local.send(body(WHOLE_FOODS.id))  # still polling after it
        while local.queue_counts() != (0, 1) or len(_done_lines(local)) < 2:
            assert time.monotonic() < deadline, local.said
            time.sleep(0.2)
    finally:
        local.runner.stop()
    found = ReplicaView(local.replica(ALICE)).expense(WHOLE_FOODS.id)
    assert found is not None and found.category == "groceries"
    assert any("1 left for a retry" in line for line in local.said)
    assert all("not json" not in line for line in local.said)  # no message content logged


def _done_lines(local: Local) -> list[str]:
    return [line for line in local.said if line.startswith("categorizer:") and "done" in line]


def test_a_crashing_handler_deletes_nothing_and_is_answered_as_a_failure(local: Local) -> None:
    def crash(event: Any, context: Any) -> Any:
        raise RuntimeError("out of memory")

    names = local.stack.stack.names
    crashing = LambdaRunner(
        local.stack.stack,
        {names.categorizer: crash},
        local.aws.client("sqs"),
        local.stack.queue_url,
        local.said.append,
    )
    before = local.queue_counts()
    local.send(body(BLUE_BOTTLE.id))

    assert crashing.poll_once() == 0

    waiting, in_flight = local.queue_counts()
    assert (waiting, in_flight) == (before[0], before[1] + 1)
    assert crashing.invoke(names.categorizer, {}) == Outcome(
        {"errorMessage": "out of memory", "errorType": "RuntimeError"}, failed=True
    )


def test_the_budget_alert_runs_on_demand_and_publishes_once(local: Local) -> None:
    beans = expense(30, "70.00", "Coffee beans", "coffee", CategorySource.USER)  # 70 of 60
    local.replica(BOB).commit(household(beans), "laptop", "2026-11-23")
    day = datetime(2026, 11, 25, 7, tzinfo=UTC)

    first = local.runner.budget_alert(day)
    again = local.runner.budget_alert(day)

    assert not first.failed and first.result["failed"] == 0 and first.result["alerts"] >= 1
    assert again.result["alerts"] == 0  # each alert is published once
    alerts = ReplicaView(local.replica(BOB)).notifications()
    assert any(n.dedupe_key == "2026-11#coffee#100" for n in alerts)


def test_the_invoke_api_answers_a_report_invocation_as_lambda_would(local: Local) -> None:
    client = invoker(local)
    answer = client.invoke(
        FunctionName=local.stack.stack.names.report_generator,
        Payload=json.dumps({"user_id": ALICE, "month": "2026-11"}).encode(),
    )

    result = json.loads(answer["Payload"].read())
    assert answer["StatusCode"] == 200 and "FunctionError" not in answer
    assert result["key"] == f"reports/{ALICE}/report-month-2026-11.pdf"
    bucket = local.stack.stack.names.bucket(local.stack.stack.arns.account, "us-east-1")
    pdf = local.aws.client("s3").get_object(Bucket=bucket, Key=result["key"])["Body"].read()
    assert pdf.startswith(b"%PDF-")


def test_the_invoke_api_refuses_unknown_functions_and_bad_payloads(local: Local) -> None:
    client = invoker(local)
    report = local.stack.stack.names.report_generator

    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.invoke(FunctionName="sbp-runner-nothing", Payload=b"{}")
    with pytest.raises(client.exceptions.InvalidRequestContentException):
        client.invoke(FunctionName=report, Payload=b"{not json")
    refused = client.invoke(
        FunctionName=report, Payload=json.dumps({"user_id": ALICE, "month": "2026-13"}).encode()
    )
    assert "FunctionError" not in refused  # a refusal is the function's own answer
    assert json.loads(refused["Payload"].read())["error"] == "invalid_input"


def invoker(local: Local) -> Any:
    """A Lambda client sending invocations to the runner, as the gateway's does."""
    import boto3

    return boto3.session.Session(region_name="us-east-1").client(
        "lambda", endpoint_url=local.api.url
    )


def test_function_names_are_read_from_names_qualifiers_and_arns() -> None:
    assert function_name("sbp-local-categorizer") == "sbp-local-categorizer"
    assert function_name("sbp-local-categorizer:$LATEST") == "sbp-local-categorizer"
    arn = "arn:aws:lambda:us-east-1:123456789012:function:sbp-local-report-generator"
    assert function_name(arn) == "sbp-local-report-generator"
