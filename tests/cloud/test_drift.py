"""Resources changed by hand after an apply (drift): plan names each one and what differs, the
next apply puts exactly those back, and the apply after that has nothing left to do."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from cloud import plan
from cloud.families import Deployment, families
from cloud.names import TAG_KEY
from cloud.plan import Change
from cloud.policies import permissions
from cloud.stack import Stack

Drift = Callable[[Deployment], None]


def _role(stack: Stack, name: str) -> Any:
    return next(r for r in stack.roles if r.name == name)


def drifts(d: Deployment) -> list[tuple[Drift, Change]]:
    """Each change made by hand, with the change apply must answer it with."""
    aws, n, arns = d.aws, d.stack.names, d.stack.arns
    dynamodb, s3, iam = aws.client("dynamodb"), aws.client("s3"), aws.client("iam")
    sqs, sns, aws_lambda = aws.client("sqs"), aws.client("sns"), aws.client("lambda")
    bucket = d.stack.bucket.name
    queue = sqs.get_queue_url(QueueName=n.categorize_queue)["QueueUrl"]
    mapping = aws_lambda.list_event_source_mappings(FunctionName=n.categorizer)[
        "EventSourceMappings"
    ][0]["UUID"]
    wide_open = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}],
    }
    other_code = io.BytesIO()
    with zipfile.ZipFile(other_code, "w") as archive:
        archive.writestr("lambdas/__init__.py", "# edited in the console\n")
    schedule = aws.client("scheduler").get_schedule(
        Name=n.budget_alert_schedule, GroupName=n.schedule_group
    )
    alarm = f"{n.categorize_dlq}-not-empty"

    def update(kind: str, name: str, *keys: str) -> Change:
        return Change("update", kind, name, keys)

    return [
        (
            lambda d: dynamodb.update_continuous_backups(
                TableName=n.replica_table,
                PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False},
            ),
            update("table", n.replica_table, "recovery"),
        ),
        (
            lambda d: dynamodb.update_time_to_live(
                TableName=n.sessions_table,
                TimeToLiveSpecification={"Enabled": False, "AttributeName": "expires_at"},
            ),
            update("table", n.sessions_table, "ttl"),
        ),
        (
            lambda d: (
                s3.delete_public_access_block(Bucket=bucket),
                s3.delete_bucket_policy(Bucket=bucket),
                s3.put_bucket_versioning(
                    Bucket=bucket, VersioningConfiguration={"Status": "Suspended"}
                ),
            ),
            update("bucket", bucket, "public access block", "versioning", "policy"),
        ),
        (
            lambda d: sqs.set_queue_attributes(
                QueueUrl=queue,
                Attributes={
                    "RedrivePolicy": json.dumps(
                        {
                            "deadLetterTargetArn": arns.queue(n.categorize_dlq),
                            "maxReceiveCount": 50,
                        }
                    )
                },
            ),
            update("queue", n.categorize_queue, "redrive"),
        ),
        (
            lambda d: sqs.untag_queue(QueueUrl=queue, TagKeys=[TAG_KEY]),
            update("queue", n.categorize_queue, "tags"),
        ),
        (
            lambda d: sns.set_topic_attributes(
                TopicArn=arns.topic(n.alerts_topic),
                AttributeName="DisplayName",
                AttributeValue="spam",
            ),
            update("topic", n.alerts_topic, "display name"),
        ),
        (
            lambda d: iam.put_role_policy(
                RoleName=n.client_role,
                PolicyName="sbp-access",
                PolicyDocument=json.dumps(wide_open),
            ),
            update("role", n.client_role, "policies"),
        ),
        (
            lambda d: (
                iam.update_assume_role_policy(
                    RoleName=n.gateway_role,
                    PolicyDocument=json.dumps(
                        {
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Principal": {"AWS": f"arn:aws:iam::{aws.account}:root"},
                                    "Action": "sts:AssumeRole",
                                }
                            ],
                        }
                    ),
                ),
                iam.put_role_policy(
                    RoleName=n.gateway_role,
                    PolicyName="added-by-hand",
                    PolicyDocument=json.dumps(wide_open),
                ),
            ),
            update("role", n.gateway_role, "trust", "policies"),
        ),
        (
            lambda d: iam.attach_role_policy(
                RoleName=n.categorizer,
                PolicyArn=iam.create_policy(
                    PolicyName="admin-by-hand", PolicyDocument=json.dumps(wide_open)
                )["Policy"]["Arn"],
            ),
            update("role", n.categorizer, "managed policies"),
        ),
        (
            lambda d: (
                aws_lambda.update_function_code(
                    FunctionName=n.report_generator, ZipFile=other_code.getvalue()
                ),
                aws_lambda.update_function_configuration(
                    FunctionName=n.report_generator,
                    Environment={"Variables": {"SBP_BUCKET": "someone-elses-bucket"}},
                ),
                aws_lambda.untag_resource(
                    Resource=arns.function(n.report_generator), TagKeys=[TAG_KEY]
                ),
            ),
            update("function", n.report_generator, "code", "configuration", "tags"),
        ),
        (
            lambda d: aws_lambda.update_event_source_mapping(
                UUID=mapping, FunctionResponseTypes=[], BatchSize=1
            ),
            update(
                "queue trigger",
                f"{n.categorize_queue} -> {n.categorizer}",
                "batch size",
                "response types",
            ),
        ),
        (
            lambda d: aws.client("scheduler").update_schedule(
                Name=n.budget_alert_schedule,
                GroupName=n.schedule_group,
                ScheduleExpression=schedule["ScheduleExpression"],
                FlexibleTimeWindow=schedule["FlexibleTimeWindow"],
                Target=schedule["Target"],
                State="DISABLED",
            ),
            update("schedule", n.budget_alert_schedule, "state"),
        ),
        (
            lambda d: aws.client("cloudwatch").delete_alarms(AlarmNames=[alarm]),
            Change("create", "alarm", alarm),
        ),
        (
            lambda d: aws.client("logs").put_retention_policy(
                logGroupName=n.log_group(n.budget_alert), retentionInDays=1
            ),
            update("log group", n.log_group(n.budget_alert), "retention days"),
        ),
        (
            lambda d: (
                aws.client("ecr").put_image_scanning_configuration(
                    repositoryName=n.repository, imageScanningConfiguration={"scanOnPush": False}
                ),
                aws.client("ecr").delete_lifecycle_policy(repositoryName=n.repository),
            ),
            update("repository", n.repository, "scan on push", "lifecycle"),
        ),
        (
            lambda d: iam.remove_role_from_instance_profile(
                InstanceProfileName=n.gateway_role, RoleName=n.gateway_role
            ),
            update("role", n.gateway_role, "instance profile"),
        ),
    ]


def merged(changes: list[Change]) -> set[Change]:
    """One change per resource, with every key that differs, in the order families list them."""
    keys: dict[tuple[str, str, str], list[str]] = {}
    for c in changes:
        keys.setdefault((c.action, c.kind, c.name), []).extend(c.keys)
    return {Change(a, k, n, tuple(sorted(v))) for (a, k, n), v in keys.items()}


def test_plan_names_each_drift_and_apply_puts_exactly_those_back(applied: Deployment) -> None:
    expected = []
    for drift, change in drifts(applied):
        drift(applied)
        expected.append(change)
    planned = plan.plan(families(applied))
    assert merged(planned) == merged(expected)
    done = plan.apply(families(applied), lambda change: None)
    assert done == planned
    assert plan.plan(families(applied)) == []
    assert_the_stack_s_own_settings_are_back(applied)


def assert_the_stack_s_own_settings_are_back(applied: Deployment) -> None:
    aws, n, stack = applied.aws, applied.stack.names, applied.stack
    backups = aws.client("dynamodb").describe_continuous_backups(TableName=n.replica_table)
    recovery = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert recovery["PointInTimeRecoveryStatus"] == "ENABLED"
    block = aws.client("s3").get_public_access_block(Bucket=stack.bucket.name)
    assert all(block["PublicAccessBlockConfiguration"].values())
    iam = aws.client("iam")
    assert iam.list_role_policies(RoleName=n.gateway_role)["PolicyNames"] == ["sbp-access"]
    client = iam.get_role_policy(RoleName=n.client_role, PolicyName="sbp-access")
    assert client["PolicyDocument"] == permissions(_role(stack, n.client_role), stack)
    assert iam.list_attached_role_policies(RoleName=n.categorizer)["AttachedPolicies"] == []
    function = aws.client("lambda").get_function(FunctionName=n.report_generator)
    assert function["Configuration"]["Environment"]["Variables"]["SBP_BUCKET"] == (
        stack.bucket.name
    )
    assert function["Tags"][TAG_KEY] == "sbp-dev"
    sqs = aws.client("sqs")
    url = sqs.get_queue_url(QueueName=n.categorize_queue)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])
    assert json.loads(attributes["Attributes"]["RedrivePolicy"])["maxReceiveCount"] == 3


def test_tags_added_by_hand_are_left_alone(applied: Deployment) -> None:
    sqs = applied.aws.client("sqs")
    url = sqs.get_queue_url(QueueName=applied.stack.names.categorize_queue)["QueueUrl"]
    sqs.tag_queue(QueueUrl=url, Tags={"cost-centre": "household"})
    assert plan.plan(families(applied)) == []
    plan.apply(families(applied), lambda change: None)
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"]["cost-centre"] == "household"


def test_a_table_whose_keys_differ_stops_apply_before_touching_it(
    deployment: Deployment,
) -> None:
    from cloud.aws import StackError

    dynamodb = deployment.aws.client("dynamodb")
    dynamodb.create_table(
        TableName=deployment.stack.names.users_table,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "email", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "email", "KeyType": "HASH"}],
    )
    dynamodb.put_item(TableName="sbp-dev-users", Item={"email": {"S": "a@example.com"}})
    with pytest.raises(StackError, match="sbp-dev-users has other keys"):
        plan.apply(families(deployment), lambda change: None)
    assert dynamodb.scan(TableName="sbp-dev-users")["Count"] == 1
