"""The kinds of resource a stack is made of, as plain frozen data.

`cloud.stack` fills these in; `cloud.policies` turns the `Use`s and `Trust`s into IAM documents;
the modules of `cloud.families` make AWS match them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

UseKind = Literal["table", "index", "objects", "queue", "topic", "function", "role", "logs"]


@dataclass(frozen=True)
class Use:
    """What one role may do to one resource: the actions, and the resource by kind and name.

    `target` is a table name, `table/index`, a key prefix of the stack's bucket (`reports/`),
    a queue, topic, function or role name, or a log group.
    """

    kind: UseKind
    target: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Trust:
    """Who may assume a role: AWS services, or other roles of the stack (by name)."""

    services: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    actions: tuple[str, ...] = ("sts:AssumeRole",)
    same_account_only: bool = False  # guards a service principal against the confused deputy


@dataclass(frozen=True)
class Role:
    """An IAM role: who may assume it, and what it may do."""

    name: str
    description: str
    trust: Trust
    uses: tuple[Use, ...]
    max_session_seconds: int = 3600
    instance_profile: bool = False  # the gateway runs on EC2 instances under Elastic Beanstalk


@dataclass(frozen=True)
class Table:
    """A DynamoDB table: its keys and indexes, and the attribute that expires its items."""

    name: str
    keys: dict[str, Any]  # CreateTable's AttributeDefinitions, KeySchema and indexes
    ttl_attribute: str | None = None


@dataclass(frozen=True)
class Bucket:
    """The S3 bucket of receipts, reports and snapshots."""

    name: str
    upload_origins: tuple[str, ...]  # browser origins allowed to POST receipts (CORS)
    report_days: int = 30  # reports are regenerated on demand, so old ones expire
    old_version_days: int = 90  # versioning keeps overwritten receipts this long
    tls_only: bool = True  # a bucket policy refusing plain-HTTP requests


@dataclass(frozen=True)
class Queue:
    """An SQS queue, and where its failed messages go."""

    name: str
    visibility_timeout: int
    retention_seconds: int = 4 * 24 * 3600
    dead_letter: str | None = None
    max_receives: int = 3


@dataclass(frozen=True)
class Topic:
    """An SNS topic."""

    name: str
    display_name: str


@dataclass(frozen=True)
class Layer:
    """Third-party packages the functions import, built for the Lambda platform at deploy time."""

    name: str
    requirements: tuple[str, ...]
    runtime: str


@dataclass(frozen=True)
class Function:
    """A Lambda function: its handler in the shared zip, limits, rights and settings."""

    name: str
    description: str
    handler: str
    timeout: int
    memory: int
    uses: tuple[Use, ...]
    environment: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QueueTrigger:
    """An SQS event source mapping that reports partial batch failures."""

    function: str
    queue: str
    batch_size: int = 10
    batching_window: int = 1


@dataclass(frozen=True)
class ScheduleGroup:
    """An EventBridge Scheduler group, which (unlike a schedule) can carry tags."""

    name: str


@dataclass(frozen=True)
class Schedule:
    """A schedule that invokes a function with a fixed payload."""

    name: str
    group: str
    expression: str
    function: str
    role: str
    payload: str


@dataclass(frozen=True)
class Alarm:
    """A CloudWatch alarm on one metric, notifying the operators above its threshold."""

    name: str
    description: str
    namespace: str
    metric: str
    dimensions: tuple[tuple[str, str], ...]
    statistic: str
    threshold: float
    period: int = 300


@dataclass(frozen=True)
class LogGroup:
    """A CloudWatch log group and how long it keeps logs."""

    name: str
    retention_days: int


@dataclass(frozen=True)
class Repository:
    """An ECR repository and how many images it keeps."""

    name: str
    keep_images: int


@dataclass(frozen=True)
class Application:
    """An Elastic Beanstalk application."""

    name: str
    description: str
