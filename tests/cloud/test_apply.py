"""`apply` on an empty account creates the whole stack as described, and a second apply
changes nothing. Each test reads back what AWS (moto) stores."""

from __future__ import annotations

import json
from typing import Any

from cloud import plan
from cloud.families import Deployment, families
from cloud.names import TAG_KEY
from cloud.packaging import code_sha256, function_zip
from cloud.policies import permissions, trust
from cloud.stack import CATEGORIZER_TIMEOUT, Stack
from sbp.cloud.tables import replica_table_definition
from tests.cloud.conftest import apply_quietly


def expected_resources(stack: Stack) -> set[tuple[str, str]]:
    n = stack.names
    return {
        *(("log group", g.name) for g in stack.log_groups),
        *(("table", t.name) for t in stack.tables),
        ("bucket", stack.bucket.name),
        *(("queue", q.name) for q in stack.queues),
        *(("topic", t.name) for t in stack.topics),
        *(("role", r.name) for r in stack.roles),
        ("repository", n.repository),
        ("application", n.application),
        ("layer", n.runtime_layer),
        *(("function", f.name) for f in stack.functions),
        ("queue trigger", f"{n.categorize_queue} -> {n.categorizer}"),
        ("schedule group", n.schedule_group),
        ("schedule", n.budget_alert_schedule),
        *(("alarm", a.name) for a in stack.alarms),
    }


def test_apply_on_an_empty_account_creates_every_resource_once(deployment: Deployment) -> None:
    done = apply_quietly(deployment)
    assert {change.action for change in done} == {"create"}
    assert len(done) == len(expected_resources(deployment.stack)) == 35
    assert {(c.kind, c.name) for c in done} == expected_resources(deployment.stack)


def test_a_second_apply_changes_nothing(applied: Deployment) -> None:
    assert apply_quietly(applied) == []
    assert plan.plan(families(applied)) == []


def test_tables_are_on_demand_with_recovery_and_expiring_items(deployed: Deployment) -> None:
    dynamodb = deployed.aws.client("dynamodb")
    n = deployed.stack.names
    expiring = {n.sessions_table: "expires_at", n.login_attempts_table: "expires_at"}
    expiring[n.idempotency_table] = "expiration"
    for table in deployed.stack.tables:
        found = dynamodb.describe_table(TableName=table.name)["Table"]
        assert found["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        backups = dynamodb.describe_continuous_backups(TableName=table.name)
        recovery = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
        assert recovery["PointInTimeRecoveryStatus"] == "ENABLED"
        ttl = dynamodb.describe_time_to_live(TableName=table.name)["TimeToLiveDescription"]
        if table.name in expiring:
            assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == (
                "ENABLED",
                expiring[table.name],
            )
        else:
            assert ttl["TimeToLiveStatus"] == "DISABLED"
    replica = dynamodb.describe_table(TableName=n.replica_table)["Table"]
    definition = replica_table_definition()
    assert replica["KeySchema"] == definition["KeySchema"]
    assert [i["IndexName"] for i in replica["LocalSecondaryIndexes"]] == ["by_month"]
    assert [i["IndexName"] for i in replica["GlobalSecondaryIndexes"]] == ["budget_owners"]


def test_the_bucket_is_private_encrypted_versioned_and_tls_only(deployed: Deployment) -> None:
    s3 = deployed.aws.client("s3")
    bucket = deployed.stack.bucket.name
    assert bucket == f"sbp-dev-data-{deployed.aws.account}-us-east-1"
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert block == dict.fromkeys(
        ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True
    )
    ownership = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]
    assert ownership["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    encryption = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]
    assert encryption["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    (deny,) = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"]
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    (cors,) = s3.get_bucket_cors(Bucket=bucket)["CORSRules"]
    assert (cors["AllowedMethods"], cors["AllowedOrigins"]) == (["POST"], ["http://localhost:5000"])
    rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    reports = next(r for r in rules if r["Filter"] == {"Prefix": "reports/"})
    assert reports["Expiration"] == {"Days": 30}


def test_the_categorizer_queue_redrives_to_its_dead_letter_queue(deployed: Deployment) -> None:
    sqs = deployed.aws.client("sqs")
    n = deployed.stack.names
    url = sqs.get_queue_url(QueueName=n.categorize_queue)["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    redrive = json.loads(attributes["RedrivePolicy"])
    assert redrive["deadLetterTargetArn"] == deployed.stack.arns.queue(n.categorize_dlq)
    assert int(redrive["maxReceiveCount"]) == 3
    timeout = deployed.aws.client("lambda").get_function(FunctionName=n.categorizer)
    assert timeout["Configuration"]["Timeout"] == CATEGORIZER_TIMEOUT
    assert int(attributes["VisibilityTimeout"]) > 6 * CATEGORIZER_TIMEOUT
    assert attributes["SqsManagedSseEnabled"] == "true"


def test_functions_run_the_zip_with_their_handler_role_layer_and_settings(
    deployed: Deployment,
) -> None:
    aws_lambda = deployed.aws.client("lambda")
    n, arns = deployed.stack.names, deployed.stack.arns
    (layer,) = aws_lambda.list_layer_versions(LayerName=n.runtime_layer)["LayerVersions"]
    for name, module in (
        (n.categorizer, "categorizer"),
        (n.budget_alert, "budget_alert"),
        (n.report_generator, "report_generator"),
    ):
        found = aws_lambda.get_function(FunctionName=name)["Configuration"]
        assert found["CodeSha256"] == code_sha256(function_zip())
        assert found["Runtime"] == "python3.12"
        assert found["Handler"] == f"lambdas.{module}.handler"
        assert found["Role"] == arns.role(name)
        assert [x["Arn"] for x in found["Layers"]] == [layer["LayerVersionArn"]]
        assert found["Environment"]["Variables"] == {
            "SBP_REPLICA_TABLE": n.replica_table,
            "SBP_BUCKET": deployed.stack.bucket.name,
            "SBP_ALERTS_TOPIC": arns.topic(n.alerts_topic),
            "SBP_IDEMPOTENCY_TABLE": n.idempotency_table,
            "POWERTOOLS_SERVICE_NAME": module,
            "POWERTOOLS_METRICS_NAMESPACE": "sbp",
        }


def test_the_categorizer_reads_its_queue_and_reports_partial_failures(
    deployed: Deployment,
) -> None:
    n = deployed.stack.names
    aws_lambda = deployed.aws.client("lambda")
    (mapping,) = aws_lambda.list_event_source_mappings(FunctionName=n.categorizer)[
        "EventSourceMappings"
    ]
    assert mapping["EventSourceArn"] == deployed.stack.arns.queue(n.categorize_queue)
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["BatchSize"] == 10


def test_a_daily_schedule_starts_the_budget_alert(deployed: Deployment) -> None:
    n, arns = deployed.stack.names, deployed.stack.arns
    scheduler = deployed.aws.client("scheduler")
    schedule = scheduler.get_schedule(Name=n.budget_alert_schedule, GroupName=n.schedule_group)
    assert schedule["ScheduleExpression"] == "cron(0 7 * * ? *)"
    assert schedule["State"] == "ENABLED"
    assert schedule["Target"]["Arn"] == arns.function(n.budget_alert)
    assert schedule["Target"]["RoleArn"] == arns.role(n.scheduler_role)
    events = deployed.aws.client("events").list_rules()["Rules"]
    assert events == []  # nothing on the default event bus


def test_alarms_watch_the_dead_letter_queue_and_every_function(deployed: Deployment) -> None:
    n, arns = deployed.stack.names, deployed.stack.arns
    alarms = deployed.aws.client("cloudwatch").describe_alarms()["MetricAlarms"]
    watched = {(a["Namespace"], a["MetricName"], a["Dimensions"][0]["Value"]) for a in alarms}
    assert ("AWS/SQS", "ApproximateNumberOfMessagesVisible", n.categorize_dlq) in watched
    for function in (n.categorizer, n.budget_alert, n.report_generator):
        assert ("AWS/Lambda", "Errors", function) in watched
        assert ("AWS/Lambda", "Throttles", function) in watched
    assert len(alarms) == 7
    assert {tuple(a["AlarmActions"]) for a in alarms} == {(arns.topic(n.operators_topic),)}
    assert {(a["ComparisonOperator"], a["Threshold"]) for a in alarms} == {
        ("GreaterThanThreshold", 0.0)
    }


def test_roles_hold_the_generated_documents_and_nothing_else(deployed: Deployment) -> None:
    iam = deployed.aws.client("iam")
    stack = deployed.stack
    for role in stack.roles:
        found = iam.get_role(RoleName=role.name)["Role"]
        assert found["AssumeRolePolicyDocument"] == trust(role.trust, stack.arns)
        (name,) = iam.list_role_policies(RoleName=role.name)["PolicyNames"]
        document = iam.get_role_policy(RoleName=role.name, PolicyName=name)["PolicyDocument"]
        assert document == permissions(role, stack)
        assert iam.list_attached_role_policies(RoleName=role.name)["AttachedPolicies"] == []
    profile = iam.get_instance_profile(InstanceProfileName=stack.names.gateway_role)
    assert [r["RoleName"] for r in profile["InstanceProfile"]["Roles"]] == [
        stack.names.gateway_role
    ]


def test_logs_repository_and_application_for_the_gateway(deployed: Deployment) -> None:
    n = deployed.stack.names
    groups = deployed.aws.client("logs").describe_log_groups()["logGroups"]
    assert {(g["logGroupName"], g["retentionInDays"]) for g in groups} == {
        (f"/aws/lambda/{n.categorizer}", 30),
        (f"/aws/lambda/{n.budget_alert}", 30),
        (f"/aws/lambda/{n.report_generator}", 30),
    }
    ecr = deployed.aws.client("ecr")
    (repository,) = ecr.describe_repositories()["repositories"]
    assert repository["repositoryName"] == n.repository
    assert repository["imageScanningConfiguration"] == {"scanOnPush": True}
    lifecycle = json.loads(
        ecr.get_lifecycle_policy(repositoryName=n.repository)["lifecyclePolicyText"]
    )
    (rule,) = lifecycle["rules"]
    assert rule["selection"]["countType"] == "imageCountMoreThan"
    assert rule["selection"]["countNumber"] == 10
    applications = deployed.aws.client("elasticbeanstalk").describe_applications()
    assert [a["ApplicationName"] for a in applications["Applications"]] == [n.application]


def tags_of_every_taggable_resource(deployment: Deployment) -> dict[str, dict[str, str]]:
    aws, stack = deployment.aws, deployment.stack
    n, arns = stack.names, stack.arns

    def listed(tags: list[dict[str, Any]] | None) -> dict[str, str]:
        return {t["Key"]: t["Value"] for t in tags or []}

    sqs = aws.client("sqs")
    found = {}
    for table in stack.tables:
        dynamodb = aws.client("dynamodb")
        found[table.name] = listed(
            dynamodb.list_tags_of_resource(ResourceArn=arns.table(table.name))["Tags"]
        )
    found[stack.bucket.name] = listed(
        aws.client("s3").get_bucket_tagging(Bucket=stack.bucket.name)["TagSet"]
    )
    for queue in stack.queues:
        url = sqs.get_queue_url(QueueName=queue.name)["QueueUrl"]
        found[queue.name] = sqs.list_queue_tags(QueueUrl=url)["Tags"]
    for topic in stack.topics:
        sns = aws.client("sns")
        found[topic.name] = listed(
            sns.list_tags_for_resource(ResourceArn=arns.topic(topic.name))["Tags"]
        )
    for role in stack.roles:
        found[f"role {role.name}"] = listed(
            aws.client("iam").list_role_tags(RoleName=role.name)["Tags"]
        )
    for function in stack.functions:
        found[f"function {function.name}"] = aws.client("lambda").list_tags(
            Resource=arns.function(function.name)
        )["Tags"]
    for group in stack.log_groups:
        found[group.name] = aws.client("logs").list_tags_for_resource(
            resourceArn=arns.log_group(group.name)
        )["tags"]
    for alarm in stack.alarms:
        found[f"alarm {alarm.name}"] = listed(
            aws.client("cloudwatch").list_tags_for_resource(ResourceARN=arns.alarm(alarm.name))[
                "Tags"
            ]
        )
    ecr = aws.client("ecr")
    repository = ecr.describe_repositories(repositoryNames=[n.repository])["repositories"][0]
    found[f"repository {n.repository}"] = listed(
        ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"])["tags"]
    )
    scheduler = aws.client("scheduler")
    group_arn = scheduler.get_schedule_group(Name=n.schedule_group)["Arn"]
    found[n.schedule_group] = listed(
        scheduler.list_tags_for_resource(ResourceArn=group_arn)["Tags"]
    )
    return found


def test_every_taggable_resource_carries_the_stack_tag(deployed: Deployment) -> None:
    tags = tags_of_every_taggable_resource(deployed)
    assert len(tags) == 5 + 1 + 2 + 2 + 6 + 3 + 3 + 7 + 1 + 1
    for resource, found in tags.items():
        assert found.get(TAG_KEY) == "sbp-dev", resource
