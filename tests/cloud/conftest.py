"""An empty AWS account on moto for each test, and the stack deployed into it.

The runtime layer is built by pip at deploy time, from the network; here it is a small zip
made from the layer's requirements, which is all moto keeps of a layer anyway. Its real
build is tested in test_packaging.py with pip's command checked rather than run.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from moto import mock_aws

from cloud import plan
from cloud.aws import Aws
from cloud.families import Deployment, families
from cloud.local.moto_stack import layer_stand_in
from cloud.packaging import function_zip
from cloud.plan import Change, Family
from cloud.stack import Stack, describe

REGION = "us-east-1"
REPO_ROOT = Path(__file__).resolve().parents[2]


layer_without_pip = layer_stand_in  # what the local stack deploys too


# The zip is tested in test_packaging.py; here one build serves every test.
code_once = functools.cache(function_zip)


def _without_local_aws_settings(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(folder / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(folder / "no-aws-credentials"))


@pytest.fixture
def aws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Aws]:
    """A fresh, empty account; nothing from this machine's AWS settings leaks in."""
    _without_local_aws_settings(monkeypatch, tmp_path)
    with mock_aws():
        yield Aws(REGION)


def deployment_of(aws: Aws, prefix: str = "sbp-dev") -> Deployment:
    stack = describe(prefix, account=aws.account, region=aws.region)
    return Deployment(aws, stack, code_once, layer_without_pip, pause=lambda seconds: None)


@pytest.fixture
def deployment(aws: Aws) -> Deployment:
    return deployment_of(aws)


@pytest.fixture
def stack(deployment: Deployment) -> Stack:
    return deployment.stack


@pytest.fixture
def stack_families(deployment: Deployment) -> list[Family]:
    return families(deployment)


def apply_quietly(deployment: Deployment) -> list[Change]:
    return plan.apply(families(deployment), lambda change: None)


@pytest.fixture
def applied(deployment: Deployment) -> Deployment:
    """The stack, applied to the empty account, for a test that changes things."""
    apply_quietly(deployment)
    return deployment


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """The stack, applied once for a module of tests that only read it."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _without_local_aws_settings(monkeypatch, tmp_path_factory.mktemp("aws"))
        with mock_aws():
            deployment = deployment_of(Aws(REGION))
            apply_quietly(deployment)
            yield deployment
