"""The local Lambda runner: the three functions' handlers, run in this process as Lambda would.

- The categorizer: the categorize queue is polled; each batch is handed to the handler as a real
  SQS event, and the messages it does not list in `batchItemFailures` are deleted. A failed
  message stays and comes back after the visibility timeout; after the redrive count SQS moves it
  to the dead-letter queue. A handler that crashes deletes nothing and stops nothing.
- The budget alert: on a timer, with a scheduled event's shape, and on demand (`invoke`).
- Any function on demand: `invoke(name, payload)`, which the Invoke API server answers with.

Handlers run one at a time (moto's server can let two concurrent commits take one log number).
Log lines name functions, message ids and counts, never a message's content.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cloud.stack import Stack

Handler = Callable[[Any, Any], Any]
POLL_SECONDS = 1


@dataclass
class LocalContext:
    """What a handler's context offers (what Powertools reads)."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int = 512
    aws_request_id: str = ""
    timeout_ms: int = 60_000

    def get_remaining_time_in_millis(self) -> int:
        return self.timeout_ms


@dataclass(frozen=True)
class Outcome:
    """What an invocation gave: the handler's answer, or the error it raised."""

    result: Any
    failed: bool


def lambda_environment(stack: Stack, endpoint: str) -> dict[str, str]:
    """The environment the stack gives its functions, pointed at the moto server."""
    names, arns = stack.names, stack.arns
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": arns.region,
        "AWS_REGION": arns.region,
        "SBP_REPLICA_TABLE": names.replica_table,
        "SBP_BUCKET": names.bucket(arns.account, arns.region),
        "SBP_ALERTS_TOPIC": arns.topic(names.alerts_topic),
        "SBP_IDEMPOTENCY_TABLE": names.idempotency_table,
        "POWERTOOLS_SERVICE_NAME": f"{names.prefix}-local",
        "POWERTOOLS_METRICS_NAMESPACE": "sbp",
    }


def stack_handlers(stack: Stack) -> dict[str, Handler]:
    """The stack's function names and their handlers (imported now: set the environment first)."""
    from lambdas import budget_alert, categorizer, report_generator

    names = stack.names
    return {
        names.categorizer: categorizer.handler,
        names.budget_alert: budget_alert.handler,
        names.report_generator: report_generator.handler,
    }


class LambdaRunner:
    """Runs handlers one at a time: on demand, for the queue, and on a timer."""

    def __init__(
        self,
        stack: Stack,
        handlers: dict[str, Handler],
        sqs: Any,
        queue_url: str,
        log: Callable[[str], None],
        alert_every: float = 3600.0,
    ) -> None:
        self._stack = stack
        self._handlers = handlers
        self._sqs = sqs
        self._queue_url = queue_url
        self._log = log
        self._alert_every = alert_every
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def knows(self, name: str) -> bool:
        return name in self._handlers

    def invoke(self, name: str, payload: Any) -> Outcome:
        """Run function `name`'s handler on `payload`, after any other handler has finished."""
        context = LocalContext(
            function_name=name,
            invoked_function_arn=self._stack.arns.function(name),
            aws_request_id=str(uuid.uuid4()),
        )
        with self._lock:
            try:
                return Outcome(self._handlers[name](payload, context), failed=False)
            except Exception as error:  # a crash is the caller's answer, never the runner's end
                self._log(f"{name}: the handler failed ({type(error).__name__})")
                return Outcome(
                    {"errorMessage": str(error), "errorType": type(error).__name__}, True
                )

    def poll_once(self, wait_seconds: int = 0) -> int:
        """Hand one batch of the categorize queue to the categorizer; how many it handled."""
        got = self._sqs.receive_message(
            QueueUrl=self._queue_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
        ).get("Messages", [])
        if not got:
            return 0
        outcome = self.invoke(self._stack.names.categorizer, self._sqs_event(got))
        failed = _failed_ids(outcome)  # None: the handler crashed, so nothing is known done
        done = [] if failed is None else [m for m in got if m["MessageId"] not in failed]
        if done:
            self._sqs.delete_message_batch(
                QueueUrl=self._queue_url,
                Entries=[
                    {"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(done)
                ],
            )
        left = len(got) - len(done)
        self._log(
            f"categorizer: {len(got)} message(s), {len(done)} done"
            + (f", {left} left for a retry" if left else "")
        )
        return len(done)

    def budget_alert(self, now: datetime | None = None) -> Outcome:
        """Run the daily budget alert now, with a scheduled event's shape."""
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        event = {
            "version": "0",
            "id": str(uuid.uuid4()),
            "detail-type": "Scheduled Event",
            "source": "aws.scheduler",
            "account": self._stack.arns.account,
            "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "region": self._stack.arns.region,
            "resources": [],
            "detail": {},
        }
        outcome = self.invoke(self._stack.names.budget_alert, event)
        self._log(f"budget alert: {json.dumps(outcome.result, default=str)}")
        return outcome

    def start(self) -> None:
        """Poll the queue every second and run the budget alert every `alert_every` seconds."""
        for target in (self._poll_forever, self._alert_forever):
            thread = threading.Thread(target=target, daemon=True, name=target.__name__)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _poll_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                if not self.poll_once(wait_seconds=POLL_SECONDS):
                    self._stopping.wait(0.2)
            except Exception as error:  # the queue unreachable for a moment: try again
                self._log(f"categorizer: polling failed ({type(error).__name__})")
                self._stopping.wait(POLL_SECONDS)

    def _alert_forever(self) -> None:
        while not self._stopping.wait(self._alert_every):
            self.budget_alert()

    def _sqs_event(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """The event Lambda hands a function for `messages`."""
        arn = self._stack.arns.queue(self._stack.names.categorize_queue)
        return {
            "Records": [
                {
                    "messageId": m["MessageId"],
                    "receiptHandle": m["ReceiptHandle"],
                    "body": m["Body"],
                    "attributes": m.get("Attributes", {}),
                    "messageAttributes": {},
                    "md5OfBody": m["MD5OfBody"],
                    "eventSource": "aws:sqs",
                    "eventSourceARN": arn,
                    "awsRegion": self._stack.arns.region,
                }
                for m in messages
            ]
        }


def _failed_ids(outcome: Outcome) -> set[str] | None:
    """The message ids a batch answer lists as failed; None when the handler crashed."""
    if outcome.failed or not isinstance(outcome.result, dict):
        return None
    failures = outcome.result.get("batchItemFailures") or []
    return {str(item.get("itemIdentifier")) for item in failures if isinstance(item, dict)}
