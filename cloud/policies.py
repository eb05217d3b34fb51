"""Every IAM document of the stack, generated from the `Use`s and `Trust`s in `cloud.stack`.

Role permissions name exact resources (tables, indexes, key prefixes, queues, topics,
functions, log groups), never `*`. The client role is the ceiling of a signed-in user's access;
`client_session_policy` narrows it to one user for the gateway's `AssumeRole`: DynamoDB items
under the user's partition key only (`dynamodb:LeadingKeys`), S3 keys under the user's
prefixes only. Scan and PartiQL are never allowed: `ForAllValues` holds when a request has no
leading key at all, which is what a Scan looks like.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from cloud.names import Arns, StackNames
from cloud.specs import Role, Trust, Use
from cloud.stack import Stack, client_uses

VERSION = "2012-10-17"
SESSION_POLICY_LIMIT = 2048  # characters of AssumeRole's Policy parameter; botocore does not check
# AssumeRole's RoleSessionName alphabet (the user id doubles as the session name). No `*` or
# `?`, so a user id can never widen an S3 resource pattern.
_USER_ID = re.compile(r"[A-Za-z0-9_+=,.@-]{2,64}")

Document = dict[str, Any]


def policy_text(document: Document) -> str:
    """The compact JSON text that is sent to AWS (and whose length the limits count)."""
    return json.dumps(document, separators=(",", ":"))


def _resource(use: Use, arns: Arns, bucket: str) -> str:
    if use.kind == "table":
        return arns.table(use.target)
    if use.kind == "index":
        table, index = use.target.split("/")
        return arns.index(table, index)
    if use.kind == "objects":
        return arns.objects(bucket, use.target)
    if use.kind == "queue":
        return arns.queue(use.target)
    if use.kind == "topic":
        return arns.topic(use.target)
    if use.kind == "function":
        return arns.function(use.target)
    if use.kind == "role":
        return arns.role(use.target)
    return arns.log_group_contents(use.target)


def _camel(text: str) -> str:
    return "".join(word.capitalize() for word in re.split(r"[^A-Za-z0-9]+", text) if word)


def _sid(group: Sequence[Use], prefix: str) -> str:
    """A readable statement id: `ReplicaTable`, `UsersSessionsLoginAttemptsTable`."""

    def short(use: Use) -> str:
        return _camel(use.target.removeprefix("/aws/lambda/").removeprefix(f"{prefix}-"))

    kinds = {use.kind for use in group}
    if len(kinds) == 1:
        return "".join(short(use) for use in group) + _camel(group[0].kind)
    return "".join(short(use) + _camel(use.kind) for use in group)


def _statements(uses: Iterable[Use], resource: Any, prefix: str) -> list[Document]:
    """One statement per distinct action list, naming every resource that list applies to."""
    grouped: dict[tuple[str, ...], list[Use]] = {}
    for use in uses:
        grouped.setdefault(use.actions, []).append(use)
    return [
        {
            "Sid": _sid(group, prefix),
            "Effect": "Allow",
            "Action": list(actions),
            "Resource": [resource(use) for use in group],
        }
        for actions, group in grouped.items()
    ]


def permissions(role: Role, stack: Stack) -> Document:
    """The role's inline permissions policy."""
    statements = _statements(
        role.uses, lambda use: _resource(use, stack.arns, stack.bucket.name), stack.names.prefix
    )
    return {"Version": VERSION, "Statement": statements}


def trust(t: Trust, arns: Arns) -> Document:
    """Who may assume the role (its `AssumeRolePolicyDocument`)."""
    principal: dict[str, list[str]] = {}
    if t.services:
        principal["Service"] = list(t.services)
    if t.roles:
        principal["AWS"] = [arns.role(name) for name in t.roles]
    statement: Document = {"Effect": "Allow", "Principal": principal, "Action": list(t.actions)}
    if t.same_account_only:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": arns.account}}
    return {"Version": VERSION, "Statement": [statement]}


def bucket_policy(bucket: str, arns: Arns) -> Document:
    """Refuse every request to the bucket that does not come over TLS."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "TlsOnly",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [arns.bucket(bucket), f"{arns.bucket(bucket)}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ],
    }


def client_session_policy(user_id: str, names: StackNames, account: str, region: str) -> Document:
    """The session policy the gateway passes to `AssumeRole` on the client role for one user.

    Send it as `policy_text(...)`: its length is checked against AWS's 2,048-character limit
    here, since botocore does not check it. `user_id` must be the opaque id (a ULID), never an
    e-mail address: it becomes the session name in CloudTrail.
    """
    if not _USER_ID.fullmatch(user_id):
        raise ValueError("a user id for a session policy is 2-64 of [A-Za-z0-9_+=,.@-]")
    arns = Arns(account, region)
    bucket = names.bucket(account, region)
    uses = client_uses(names)
    keyed = [use for use in uses if use.kind in ("table", "index")]
    scoped = [use for use in uses if use.kind not in ("table", "index")]

    def own(use: Use) -> str:
        if use.kind == "objects":
            return arns.objects(bucket, f"{use.target}{user_id}/")
        return _resource(use, arns, bucket)

    leading_key = {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [user_id]}}
    items = [
        {**statement, "Condition": leading_key}
        for statement in _statements(keyed, lambda use: _resource(use, arns, bucket), names.prefix)
    ]
    document = {"Version": VERSION, "Statement": [*items, *_statements(scoped, own, names.prefix)]}
    length = len(policy_text(document))
    if length > SESSION_POLICY_LIMIT:
        raise ValueError(f"the session policy is {length} characters; AWS takes 2,048 at most")
    return document


def stack_documents(stack: Stack) -> dict[str, Document]:
    """Every permissions document of the stack by a readable name, for review and linting."""
    documents = {f"{role.name} permissions": permissions(role, stack) for role in stack.roles}
    if stack.bucket.tls_only:
        documents[f"{stack.bucket.name} bucket policy"] = bucket_policy(
            stack.bucket.name, stack.arns
        )
    return documents


def actions_of(document: Document) -> Sequence[tuple[str, str]]:
    """Every (action, resource) pair a document allows, for comparing two documents."""
    pairs = []
    for statement in document["Statement"]:
        if statement["Effect"] != "Allow":
            continue
        actions = statement["Action"]
        resources = statement["Resource"]
        for action in [actions] if isinstance(actions, str) else actions:
            for resource in [resources] if isinstance(resources, str) else resources:
                pairs.append((action, resource))
    return pairs
