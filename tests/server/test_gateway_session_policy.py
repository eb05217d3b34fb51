"""The session policy, evaluated and not only read: moto ignores session policies, so the client
role's policy and the policy the gateway asks STS for are run through an IAM policy simulator
(`@cloud-copilot/iam-simulate` from npm, a test-time tool: `.ci/run` installs it into
`.ci/node_modules`, and this test installs it there if it is missing) and linted by parliament.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from gateway_stack import ACCOUNT, REGION, stack_environ
from parliament import analyze_policy_string

from cloud.policies import SESSION_POLICY_LIMIT, permissions, policy_text
from cloud.stack import Stack, describe
from server.config import GatewayConfig
from server.credentials import session_policy

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".ci"
SIMULATOR = "@cloud-copilot/iam-simulate@0.1.173"  # AGPL-3.0, test-time only, never shipped
SCRIPT = Path(__file__).with_name("iam_simulate.cjs")
ALICE, BOB = "01KAB3XYZ0ALICE00000000000", "01KAB3XYZ0B0B000000000000Z"

Simulate = Callable[[str, list[dict[str, Any]]], list[str]]


@pytest.fixture(scope="module")
def config() -> GatewayConfig:
    return GatewayConfig.from_environ(stack_environ())


@pytest.fixture(scope="module")
def client_role_policy(config: GatewayConfig) -> dict[str, Any]:
    """The client role's own permissions: the ceiling each session policy narrows."""
    stack: Stack = describe(config.stack_prefix, account=ACCOUNT, region=REGION)
    role = next(role for role in stack.roles if role.name == stack.names.client_role)
    return permissions(role, stack)


@pytest.fixture(scope="module")
def simulate(config: GatewayConfig, client_role_policy: dict[str, Any]) -> Simulate:
    """Evaluate requests by `user` against the role policy and that user's session policy."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip(
            "node and npm are needed to run the IAM policy simulator (apt-get install nodejs npm)"
        )
    if not (TOOLS / "node_modules" / "@cloud-copilot" / "iam-simulate").is_dir():
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(TOOLS),
                SIMULATOR,
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    role = f"{config.stack_prefix}-client"

    def run(user: str, requests: list[dict[str, Any]]) -> list[str]:
        payload = {
            "account": ACCOUNT,
            "principal": f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/{user}",
            "identityPolicy": client_role_policy,
            "sessionPolicy": session_policy(user, config),
            "requests": requests,
        }
        done = subprocess.run(
            ["node", str(SCRIPT)],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            env={**os.environ, "NODE_PATH": str(TOOLS / "node_modules")},
            timeout=120,
            check=True,
        )
        return [answer["result"] for answer in json.loads(done.stdout)]

    return run


def _item(action: str, table: str, *keys: str) -> dict[str, Any]:
    return {
        "action": action,
        "resource": table,
        "context": {"dynamodb:LeadingKeys": list(keys)} if keys else {},
    }


def test_a_user_reaches_their_own_items_and_objects_and_nothing_else(
    simulate: Simulate, config: GatewayConfig
) -> None:
    table = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{config.replica_table}"
    objects = f"arn:aws:s3:::{config.bucket}"
    queue = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{config.stack_prefix}-categorize"
    cases = {
        "own item": (_item("dynamodb:GetItem", table, ALICE), "Allowed"),
        "own write": (_item("dynamodb:PutItem", table, ALICE), "Allowed"),
        "own month index": (_item("dynamodb:Query", f"{table}/index/by_month", ALICE), "Allowed"),
        "another user's item": (_item("dynamodb:GetItem", table, BOB), "ImplicitlyDenied"),
        "own and another's in one batch": (
            _item("dynamodb:BatchGetItem", table, ALICE, BOB),
            "ImplicitlyDenied",
        ),
        "scan": (_item("dynamodb:Scan", table), "ImplicitlyDenied"),
        "partiql": (_item("dynamodb:PartiQLSelect", table), "ImplicitlyDenied"),
        "another table": (
            _item("dynamodb:GetItem", table.replace("replica", "users"), ALICE),
            "ImplicitlyDenied",
        ),
        "own receipt": (
            {"action": "s3:PutObject", "resource": f"{objects}/receipts/{ALICE}/x.jpg"},
            "Allowed",
        ),
        "own report": (
            {"action": "s3:GetObject", "resource": f"{objects}/reports/{ALICE}/r.pdf"},
            "Allowed",
        ),
        "writing a report (the report function's job)": (
            {"action": "s3:PutObject", "resource": f"{objects}/reports/{ALICE}/r.pdf"},
            "ImplicitlyDenied",
        ),
        "own snapshot": (
            {"action": "s3:PutObject", "resource": f"{objects}/snapshots/{ALICE}/s.json"},
            "Allowed",
        ),
        "deleting an own receipt (a purged expense's)": (
            {"action": "s3:DeleteObject", "resource": f"{objects}/receipts/{ALICE}/x.jpg"},
            "Allowed",
        ),
        "deleting another user's receipt": (
            {"action": "s3:DeleteObject", "resource": f"{objects}/receipts/{BOB}/x.jpg"},
            "ImplicitlyDenied",
        ),
        "deleting an own report": (
            {"action": "s3:DeleteObject", "resource": f"{objects}/reports/{ALICE}/r.pdf"},
            "ImplicitlyDenied",
        ),
        "deleting an own snapshot": (
            {"action": "s3:DeleteObject", "resource": f"{objects}/snapshots/{ALICE}/s.json"},
            "ImplicitlyDenied",
        ),
        "another user's receipt": (
            {"action": "s3:GetObject", "resource": f"{objects}/receipts/{BOB}/x.jpg"},
            "ImplicitlyDenied",
        ),
        "another user's report": (
            {"action": "s3:PutObject", "resource": f"{objects}/reports/{BOB}/r.pdf"},
            "ImplicitlyDenied",
        ),
        "listing the bucket": (
            {"action": "s3:ListBucket", "resource": objects},
            "ImplicitlyDenied",
        ),
        "categorize queue": ({"action": "sqs:SendMessage", "resource": queue}, "Allowed"),
        "reading the queue": (
            {"action": "sqs:ReceiveMessage", "resource": queue},
            "ImplicitlyDenied",
        ),
    }
    results = simulate(ALICE, [request for request, _ in cases.values()])
    assert dict(zip(cases, results, strict=True)) == {
        name: expected for name, (_, expected) in cases.items()
    }


def test_parliament_finds_nothing_in_either_policy(
    config: GatewayConfig, client_role_policy: dict[str, Any]
) -> None:
    for policy in (session_policy(ALICE, config), client_role_policy):
        findings = analyze_policy_string(
            policy_text(policy), include_community_auditors=True
        ).findings
        assert [(f.issue, f.detail) for f in findings] == []


def test_the_session_policy_fits_sts_limit_and_names_only_its_user(config: GatewayConfig) -> None:
    policy = session_policy(ALICE, config)
    text = policy_text(policy)
    assert len(text) <= SESSION_POLICY_LIMIT == 2048
    assert ALICE in text and BOB not in text
    actions = {action for statement in policy["Statement"] for action in statement["Action"]}
    assert not any(
        action in {"dynamodb:Scan", "dynamodb:*"} or "PartiQL" in action for action in actions
    )
    for statement in policy["Statement"]:
        if any(action.startswith("dynamodb:") for action in statement["Action"]):
            assert statement["Condition"] == {
                "ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [ALICE]}
            }
