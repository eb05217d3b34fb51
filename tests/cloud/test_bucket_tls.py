"""The TLS-only bucket policy, and the stack variant without it that a moto server needs.

moto (5.2) applies a bucket policy's Deny whatever its condition, so the policy that refuses
plain HTTP on AWS refuses every object request on moto. These tests pin that behaviour: if a
moto release evaluates the condition, the first one fails and `tls_only=False` can go.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from cloud.aws import Aws
from cloud.families import Deployment
from cloud.families.bucket import DataBucket
from cloud.stack import describe
from tests.cloud.conftest import code_once, layer_without_pip


def bucket_of(aws: Aws, *, tls_only: bool) -> str:
    stack = describe("sbp-dev", account=aws.account, region=aws.region, tls_only=tls_only)
    bucket = DataBucket(Deployment(aws, stack, code_once, layer_without_pip))
    bucket.create(stack.bucket.name)
    assert bucket.found()[stack.bucket.name] == bucket.wanted()[stack.bucket.name]
    return stack.bucket.name


def test_moto_refuses_every_object_request_under_the_tls_only_policy(aws: Aws) -> None:
    bucket = bucket_of(aws, tls_only=True)
    with pytest.raises(ClientError, match="403"):
        aws.client("s3").put_object(Bucket=bucket, Key="reports/u1/r.pdf", Body=b"%PDF")


def test_the_local_stack_s_bucket_has_no_policy_and_takes_objects(aws: Aws) -> None:
    bucket = bucket_of(aws, tls_only=False)
    s3 = aws.client("s3")
    with pytest.raises(ClientError, match="NoSuchBucketPolicy"):
        s3.get_bucket_policy(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="reports/u1/r.pdf", Body=b"%PDF")
    assert s3.get_object(Bucket=bucket, Key="reports/u1/r.pdf")["Body"].read() == b"%PDF"
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert all(block.values())
