"""destroy removes everything of the stack and nothing else: not another stack's resources, not
a resource that only looks like the stack's by its name (no tag), not anything unrelated."""

from __future__ import annotations

import json

from moto.s3.models import s3_backends

from cloud import plan
from cloud.aws import Aws
from cloud.families import Deployment, families
from cloud.names import TAG_KEY
from cloud.plan import Change
from tests.cloud.conftest import apply_quietly, deployment_of

ROLE_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def make_foreign_resources(aws: Aws) -> None:
    """Resources of other owners: another stack's, look-alikes without the tag, unrelated ones."""
    keys = {
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "BillingMode": "PAY_PER_REQUEST",
    }
    dynamodb = aws.client("dynamodb")
    dynamodb.create_table(
        TableName="sbp-prod-users", Tags=[{"Key": TAG_KEY, "Value": "sbp-prod"}], **keys
    )
    dynamodb.create_table(TableName="sbp-dev-notes", **keys)
    dynamodb.create_table(
        TableName="sbp-devices", Tags=[{"Key": TAG_KEY, "Value": "sbp-devices"}], **keys
    )
    aws.client("s3").create_bucket(Bucket="family-photos-2024")
    sqs = aws.client("sqs")
    sqs.create_queue(QueueName="sbp-prod-categorize", tags={TAG_KEY: "sbp-prod"})
    sqs.create_queue(QueueName="sbp-dev-experiments")
    aws.client("sns").create_topic(Name="sbp-dev-newsletter")
    iam = aws.client("iam")
    role = iam.create_role(RoleName="sbp-dev-admin", AssumeRolePolicyDocument=ROLE_TRUST)
    aws.client("lambda").create_function(
        FunctionName="sbp-dev-legacy",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="legacy.handler",
        Code={"ZipFile": b"PK\x05\x06" + b"\0" * 18},
    )
    aws.client("logs").create_log_group(logGroupName="/aws/lambda/sbp-dev-legacy")
    aws.client("cloudwatch").put_metric_alarm(
        AlarmName="sbp-dev-billing",
        Namespace="AWS/Billing",
        MetricName="EstimatedCharges",
        Statistic="Maximum",
        Period=21600,
        EvaluationPeriods=1,
        Threshold=10,
        ComparisonOperator="GreaterThanThreshold",
    )
    aws.client("ecr").create_repository(repositoryName="sbp-dev-worker")
    aws.client("scheduler").create_schedule_group(Name="sbp-dev-reminders")


FOREIGN = {
    "table": {"sbp-prod-users", "sbp-dev-notes", "sbp-devices"},
    "bucket": {"family-photos-2024"},
    "queue": {"sbp-prod-categorize", "sbp-dev-experiments"},
    "topic": {"sbp-dev-newsletter"},
    "role": {"sbp-dev-admin"},
    "function": {"sbp-dev-legacy"},
    "log group": {"/aws/lambda/sbp-dev-legacy"},
    "alarm": {"sbp-dev-billing"},
    "repository": {"sbp-dev-worker"},
    "schedule group": {"sbp-dev-reminders"},
}


def foreign_resources_left(aws: Aws) -> dict[str, set[str]]:
    sqs = aws.client("sqs")
    return {
        "table": set(aws.client("dynamodb").list_tables()["TableNames"]),
        "bucket": {b["Name"] for b in aws.client("s3").list_buckets()["Buckets"]},
        "queue": {u.rsplit("/", 1)[-1] for u in sqs.list_queues().get("QueueUrls", [])},
        "topic": {
            t["TopicArn"].rsplit(":", 1)[-1] for t in aws.client("sns").list_topics()["Topics"]
        },
        "role": {r["RoleName"] for r in aws.client("iam").list_roles()["Roles"]},
        "function": {f["FunctionName"] for f in aws.client("lambda").list_functions()["Functions"]},
        "log group": {
            g["logGroupName"] for g in aws.client("logs").describe_log_groups()["logGroups"]
        },
        "alarm": {
            a["AlarmName"] for a in aws.client("cloudwatch").describe_alarms()["MetricAlarms"]
        },
        "repository": {
            r["repositoryName"] for r in aws.client("ecr").describe_repositories()["repositories"]
        },
        "schedule group": {
            g["Name"]
            for g in aws.client("scheduler").list_schedule_groups()["ScheduleGroups"]
            if g["Name"] != "default"
        },
    }


def test_destroy_removes_the_whole_stack_and_nothing_else(deployment: Deployment) -> None:
    aws = deployment.aws
    make_foreign_resources(aws)
    apply_quietly(deployment)
    # Two versions of one receipt, stored straight into moto's S3: moto refuses every object
    # request to a bucket with a TLS-only policy (see test_bucket_tls.py).
    s3_store = s3_backends[aws.account]["aws"]
    for body in (b"first", b"second"):
        s3_store.put_object(deployment.stack.bucket.name, "receipts/u1/e1.jpg", body)

    removed = plan.destroy(families(deployment), lambda change: None)

    assert {c.action for c in removed} == {"delete"}
    assert len(removed) == 35
    assert all(family.found() == {} for family in families(deployment))
    assert foreign_resources_left(aws) == FOREIGN
    assert aws.client("lambda").list_event_source_mappings()["EventSourceMappings"] == []
    assert aws.client("iam").list_instance_profiles()["InstanceProfiles"] == []
    assert aws.client("elasticbeanstalk").describe_applications()["Applications"] == []
    layers = aws.client("lambda").list_layers()["Layers"]
    assert layers == []


def test_destroy_on_an_account_without_the_stack_removes_nothing(deployment: Deployment) -> None:
    make_foreign_resources(deployment.aws)
    assert plan.destroy(families(deployment), lambda change: None) == []
    assert foreign_resources_left(deployment.aws) == FOREIGN


def test_two_stacks_live_side_by_side_and_leave_separately(aws: Aws) -> None:
    development, production = deployment_of(aws, "sbp-dev"), deployment_of(aws, "sbp")
    apply_quietly(development)
    apply_quietly(production)
    assert plan.plan(families(development)) == []
    plan.destroy(families(development), lambda change: None)
    assert plan.plan(families(production)) == []
    assert len([c for c in plan.plan(families(development)) if c.action == "create"]) == 35


def test_a_tagged_resource_the_stack_no_longer_describes_is_removed(applied: Deployment) -> None:
    sqs = applied.aws.client("sqs")
    sqs.create_queue(QueueName="sbp-dev-old-jobs", tags={TAG_KEY: "sbp-dev"})
    sqs.create_queue(QueueName="sbp-dev-experiments")  # the stack's prefix, but not its tag
    assert plan.plan(families(applied)) == [Change("delete", "queue", "sbp-dev-old-jobs")]
    plan.apply(families(applied), lambda change: None)
    queues = {u.rsplit("/", 1)[-1] for u in sqs.list_queues()["QueueUrls"]}
    assert "sbp-dev-old-jobs" not in queues
    assert "sbp-dev-experiments" in queues
