"""Every resource name and ARN of one stack, derived from its prefix in one place.

A prefix names one stack (`sbp-dev` for a developer, `sbp-prod` for production), so two stacks
live side by side in one account. IAM roles are global to an account, so a prefix is meant for
one region: apply `sbp-dev` in two regions and the second apply rewrites the first's roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAG_KEY = "sbp:stack"
"""The tag every taggable resource carries, valued with the stack's prefix."""

DEFAULT_PREFIX = "sbp-dev"

# Lower case, digits and dashes: the S3 bucket name is the strictest user of the prefix, and
# `{prefix}-data-{12-digit account}-{region}` must stay within 63 characters.
_PREFIX = re.compile(r"[a-z][a-z0-9-]{0,18}[a-z0-9]")


@dataclass(frozen=True)
class StackNames:
    """The names of one stack's resources; every one starts with the prefix."""

    prefix: str = DEFAULT_PREFIX

    def __post_init__(self) -> None:
        if not _PREFIX.fullmatch(self.prefix) or "--" in self.prefix:
            raise ValueError(
                f"stack prefix {self.prefix!r} is not usable: use 2 to 20 lower-case letters, "
                "digits and single dashes, starting with a letter (e.g. sbp-dev)"
            )

    def _named(self, suffix: str) -> str:
        return f"{self.prefix}-{suffix}"

    @property
    def tags(self) -> dict[str, str]:
        return {TAG_KEY: self.prefix}

    # DynamoDB
    @property
    def users_table(self) -> str:
        return self._named("users")

    @property
    def sessions_table(self) -> str:
        return self._named("sessions")

    @property
    def login_attempts_table(self) -> str:
        return self._named("login-attempts")

    @property
    def replica_table(self) -> str:
        return self._named("replica")

    @property
    def idempotency_table(self) -> str:
        return self._named("idempotency")

    # S3: bucket names are global to all of AWS, hence the account and region in them.
    def bucket(self, account: str, region: str) -> str:
        return self._named(f"data-{account}-{region}")

    # SQS and SNS
    @property
    def categorize_queue(self) -> str:
        return self._named("categorize")

    @property
    def categorize_dlq(self) -> str:
        return self._named("categorize-dlq")

    @property
    def alerts_topic(self) -> str:
        return self._named("alerts")

    @property
    def operators_topic(self) -> str:
        return self._named("operators")

    # Lambda: each function's execution role and log group carry its name.
    @property
    def categorizer(self) -> str:
        return self._named("categorizer")

    @property
    def budget_alert(self) -> str:
        return self._named("budget-alert")

    @property
    def report_generator(self) -> str:
        return self._named("report-generator")

    @property
    def runtime_layer(self) -> str:
        return self._named("runtime")

    @staticmethod
    def log_group(function: str) -> str:
        return f"/aws/lambda/{function}"

    # IAM
    @property
    def gateway_role(self) -> str:
        return self._named("gateway")

    @property
    def client_role(self) -> str:
        return self._named("client")

    @property
    def scheduler_role(self) -> str:
        return self._named("scheduler")

    # EventBridge Scheduler: schedules cannot carry tags, their group can.
    @property
    def schedule_group(self) -> str:
        return self._named("schedules")

    @property
    def budget_alert_schedule(self) -> str:
        return self._named("budget-alert-daily")

    # The gateway's image and application
    @property
    def repository(self) -> str:
        return self._named("gateway")

    @property
    def application(self) -> str:
        return self._named("gateway")

    def owns(self, name: str) -> bool:
        """Whether `name` is in this stack's namespace (the tag must agree before a removal)."""
        return name.startswith(f"{self.prefix}-")


@dataclass(frozen=True)
class Arns:
    """ARNs of resources in one account and region."""

    account: str
    region: str
    partition: str = "aws"

    def _arn(self, service: str, resource: str, *, regional: bool = True) -> str:
        region = self.region if regional else ""
        return f"arn:{self.partition}:{service}:{region}:{self.account}:{resource}"

    def table(self, name: str) -> str:
        return self._arn("dynamodb", f"table/{name}")

    def index(self, table: str, index: str) -> str:
        return self._arn("dynamodb", f"table/{table}/index/{index}")

    def bucket(self, name: str) -> str:
        return f"arn:{self.partition}:s3:::{name}"

    def objects(self, bucket: str, key_prefix: str) -> str:
        return f"arn:{self.partition}:s3:::{bucket}/{key_prefix}*"

    def queue(self, name: str) -> str:
        return self._arn("sqs", name)

    def topic(self, name: str) -> str:
        return self._arn("sns", name)

    def function(self, name: str) -> str:
        return self._arn("lambda", f"function:{name}")

    def role(self, name: str) -> str:
        return self._arn("iam", f"role/{name}", regional=False)

    def log_group(self, group: str) -> str:
        return self._arn("logs", f"log-group:{group}")

    def log_group_contents(self, group: str) -> str:
        """The group and its streams: what a function needs to write its logs."""
        return self._arn("logs", f"log-group:{group}:*")

    def alarm(self, name: str) -> str:
        return self._arn("cloudwatch", f"alarm:{name}")
