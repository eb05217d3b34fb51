"""The IAM documents the stack generates, read as AWS would read them.

moto enforces neither session policies nor conditions nor table ARNs in identity policies (see
the notes on offline AWS), so these tests assert on the documents themselves, and parliament (an
IAM linter) checks every permissions document. parliament lints identity and resource policies
only: the trust policies are asserted here statement by statement instead.
"""

from __future__ import annotations

import json
from fnmatch import fnmatchcase
from typing import Any

import pytest
from parliament import analyze_policy_string

from cloud.names import StackNames
from cloud.policies import (
    actions_of,
    client_session_policy,
    permissions,
    policy_text,
    stack_documents,
    trust,
)
from cloud.specs import Role
from cloud.stack import Stack, describe

ACCOUNT = "123456789012"
USER = "01JDQ8W7ZK3V9XG2M4T6B8N0PQ"  # a ULID: 26 characters
OTHER_USER = "01JDQ8W7ZK3V9XG2M4T6B8N0PR"


@pytest.fixture(scope="module")
def stack() -> Stack:
    return describe("sbp-dev", account=ACCOUNT, region="eu-west-1")


def role(stack: Stack, name: str) -> Role:
    return next(r for r in stack.roles if r.name == name)


def allowed(stack: Stack, name: str) -> list[tuple[str, str]]:
    return list(actions_of(permissions(role(stack, name), stack)))


def findings(document: dict[str, Any]) -> list[tuple[str, Any]]:
    report = analyze_policy_string(policy_text(document), include_community_auditors=True)
    return [(finding.issue, finding.location) for finding in report.findings]


def test_parliament_finds_nothing_in_any_permissions_document(stack: Stack) -> None:
    documents = stack_documents(stack)
    assert len(documents) == len(stack.roles) + 1  # and the bucket policy
    gateway = f"{stack.names.gateway_role} permissions"
    for name, document in documents.items():
        found = findings(document)
        if name == gateway:
            # The gateway's one job with STS is to hand out the client role's credentials;
            # parliament flags any sts:AssumeRole as "credentials exposure". Its action table
            # also predates topic-level sns:Unsubscribe and sns:GetSubscriptionAttributes (a
            # resource mismatch, checked action by action in tests/server/test_gateway_role.py).
            assert [issue for issue, _ in found] == ["CREDENTIALS_EXPOSURE", "RESOURCE_MISMATCH"]
            assert found[0][1]["actions"] == ["sts:assumerole"]
        else:
            assert found == [], name


def test_parliament_would_see_a_scan_under_a_leading_key_condition() -> None:
    document = client_session_policy(USER, StackNames("sbp-dev"), ACCOUNT, "eu-west-1")
    document["Statement"][0]["Action"].append("dynamodb:Scan")
    assert ("UNKNOWN_CONDITION_FOR_ACTION") in [issue for issue, _ in findings(document)]


def test_no_wildcard_action_and_no_wildcard_resource_anywhere(stack: Stack) -> None:
    for r in stack.roles:
        for action, resource in allowed(stack, r.name):
            assert "*" not in action, (r.name, action)
            assert resource != "*", (r.name, action)
            # The only patterns: every object under a key prefix, a log group's streams.
            if "*" in resource:
                assert resource.endswith("/*") or resource.endswith(":*"), resource
                assert resource.count("*") == 1, resource


def test_each_function_role_reaches_only_what_its_function_uses(stack: Stack) -> None:
    n, arns = stack.names, stack.arns
    replica, bucket = arns.table(n.replica_table), stack.bucket.name
    categorizer = allowed(stack, n.categorizer)
    assert ("sqs:ReceiveMessage", arns.queue(n.categorize_queue)) in categorizer
    assert ("sns:Publish", arns.topic(n.alerts_topic)) in categorizer
    assert ("dynamodb:PutItem", arns.table(n.idempotency_table)) in categorizer
    assert not [pair for pair in categorizer if pair[0].startswith("s3:")]

    alert = allowed(stack, n.budget_alert)
    assert ("dynamodb:Query", arns.index(n.replica_table, "budget_owners")) in alert
    assert not [pair for pair in alert if pair[0].startswith(("s3:", "sqs:"))]

    report = allowed(stack, n.report_generator)
    assert ("s3:PutObject", arns.objects(bucket, "reports/")) in report
    assert ("dynamodb:GetItem", replica) in report
    assert ("dynamodb:PutItem", replica) not in report
    assert not [pair for pair in report if pair[0].startswith(("sns:", "sqs:"))]
    for name in (n.categorizer, n.budget_alert, n.report_generator):
        group = arns.log_group_contents(n.log_group(name))
        assert ("logs:PutLogEvents", group) in allowed(stack, name)
        assert not [p for p in allowed(stack, name) if p[0] == "logs:CreateLogGroup"]


def test_the_gateway_assumes_the_client_role_and_never_reads_users_data(stack: Stack) -> None:
    n, arns = stack.names, stack.arns
    gateway = allowed(stack, n.gateway_role)
    assert ("sts:AssumeRole", arns.role(n.client_role)) in gateway
    assert ("sts:SetSourceIdentity", arns.role(n.client_role)) in gateway
    assert ("lambda:InvokeFunction", arns.function(n.report_generator)) in gateway
    assert ("sns:Subscribe", arns.topic(n.alerts_topic)) in gateway
    assert ("dynamodb:ConditionCheckItem", arns.table(n.users_table)) in gateway
    resources = {resource for _, resource in gateway}
    assert not {r for r in resources if n.replica_table in r or stack.bucket.name in r}
    assert {a for a, _ in gateway if a.startswith("sts:")} == {
        "sts:AssumeRole",
        "sts:SetSourceIdentity",
    }


def test_the_client_role_never_scans_nor_runs_partiql(stack: Stack) -> None:
    client = allowed(stack, stack.names.client_role)
    actions = {action for action, _ in client}
    assert "dynamodb:Scan" not in actions
    assert not {a for a in actions if "PartiQL" in a}
    budget_index = stack.arns.index(stack.names.replica_table, "budget_owners")
    assert budget_index not in {resource for _, resource in client}


def test_trust_policies_name_exactly_who_may_assume_each_role(stack: Stack) -> None:
    n, arns = stack.names, stack.arns

    def statement(name: str) -> dict[str, Any]:
        (only,) = trust(role(stack, name).trust, arns)["Statement"]
        return dict(only)

    assert statement(n.client_role) == {
        "Effect": "Allow",
        "Principal": {"AWS": [arns.role(n.gateway_role)]},
        "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
    }
    assert statement(n.scheduler_role)["Principal"] == {"Service": ["scheduler.amazonaws.com"]}
    assert statement(n.scheduler_role)["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT}
    }
    assert statement(n.gateway_role)["Principal"] == {"Service": ["ec2.amazonaws.com"]}
    for name in (n.categorizer, n.budget_alert, n.report_generator):
        assert statement(name)["Principal"] == {"Service": ["lambda.amazonaws.com"]}
        assert statement(name)["Action"] == ["sts:AssumeRole"]


def test_the_bucket_refuses_every_request_without_tls(stack: Stack) -> None:
    document = stack_documents(stack)[f"{stack.bucket.name} bucket policy"]
    (deny,) = document["Statement"]
    assert deny["Effect"] == "Deny"
    assert deny["Principal"] == "*"
    assert deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert set(deny["Resource"]) == {
        f"arn:aws:s3:::{stack.bucket.name}",
        f"arn:aws:s3:::{stack.bucket.name}/*",
    }


class TestClientSessionPolicy:
    """What the gateway passes to AssumeRole for one user (moto ignores it; AWS does not)."""

    def test_items_are_confined_to_the_users_partition_key(self) -> None:
        document = client_session_policy(USER, StackNames("sbp-dev"), ACCOUNT, "eu-west-1")
        table = f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/sbp-dev-replica"
        keyed = [s for s in document["Statement"] if s["Action"][0].startswith("dynamodb:")]
        for statement in keyed:
            assert statement["Condition"] == {
                "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [USER]}
            }
        pairs = {(a, r) for s in keyed for a in s["Action"] for r in s["Resource"]}
        reads_and_writes = ("GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem")
        assert pairs == {
            *((f"dynamodb:{a}", table) for a in (*reads_and_writes, "BatchWriteItem")),
            ("dynamodb:DeleteItem", table),  # a device's purge of old tombstones
            ("dynamodb:Query", f"{table}/index/by_month"),
        }
        # Every other statement is about S3 keys or the queue, never DynamoDB.
        rest = [a for s in document["Statement"] if s not in keyed for a in s["Action"]]
        assert not [a for a in rest if a.startswith("dynamodb:")]

    def test_objects_are_confined_to_the_users_key_prefixes(self) -> None:
        document = client_session_policy(USER, StackNames("sbp-dev"), ACCOUNT, "eu-west-1")
        bucket = f"arn:aws:s3:::sbp-dev-data-{ACCOUNT}-eu-west-1"
        objects = {(a, r) for a, r in actions_of(document) if a.startswith("s3:")}
        assert objects == {
            ("s3:GetObject", f"{bucket}/receipts/{USER}/*"),
            ("s3:PutObject", f"{bucket}/receipts/{USER}/*"),
            ("s3:DeleteObject", f"{bucket}/receipts/{USER}/*"),  # a purged expense's receipt
            ("s3:GetObject", f"{bucket}/snapshots/{USER}/*"),
            ("s3:PutObject", f"{bucket}/snapshots/{USER}/*"),
            ("s3:GetObject", f"{bucket}/reports/{USER}/*"),
        }
        other = client_session_policy(OTHER_USER, StackNames("sbp-dev"), ACCOUNT, "eu-west-1")
        assert not {r for _, r in actions_of(document)} & {
            r for a, r in actions_of(other) if a.startswith("s3:")
        }

    def test_it_fits_in_assume_roles_2048_characters_for_the_longest_names(self) -> None:
        longest_prefix = StackNames("s" * 19 + "x")
        text = policy_text(client_session_policy(USER, longest_prefix, ACCOUNT, "ap-southeast-2"))
        assert len(text) <= 2048
        assert json.loads(text)["Statement"][0]["Condition"]

    def test_it_asks_for_nothing_the_client_role_does_not_allow(self, stack: Stack) -> None:
        ceiling = allowed(stack, stack.names.client_role)
        session = client_session_policy(USER, stack.names, ACCOUNT, "eu-west-1")
        for action, resource in actions_of(session):
            assert any(
                action == allowed_action and fnmatchcase(resource, pattern)
                for allowed_action, pattern in ceiling
            ), (action, resource)

    def test_parliament_finds_nothing_in_it(self) -> None:
        document = client_session_policy(USER, StackNames("sbp-dev"), ACCOUNT, "eu-west-1")
        assert findings(document) == []

    @pytest.mark.parametrize("user_id", ["*", "a", "alice/../bob", "alice*", "x" * 65, "ünï"])
    def test_a_user_id_that_could_widen_a_resource_is_refused(self, user_id: str) -> None:
        with pytest.raises(ValueError, match="user id"):
            client_session_policy(user_id, StackNames("sbp-dev"), ACCOUNT, "eu-west-1")
