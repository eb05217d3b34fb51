"""The configuration comes from the environment only, and a bad one stops the start with one
line naming every problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gateway_stack import ACCOUNT, PREFIX, REGION, stack_environ

from server.config import REQUIRED, ConfigurationError, GatewayConfig

ROOT = Path(__file__).resolve().parents[2]


def test_every_missing_variable_is_named_at_once() -> None:
    with pytest.raises(ConfigurationError) as raised:
        GatewayConfig.from_environ({})
    message = str(raised.value)
    assert all(f"missing {name}" in message for name in REQUIRED)
    assert "\n" not in message


def test_malformed_values_are_explained() -> None:
    environ = {
        **stack_environ(),
        "SBP_TOKEN_KEYS": "short",
        "SBP_CLIENT_ROLE_ARN": "sbp-test-client",
        "SBP_ALERTS_TOPIC": "alerts",
        "AWS_REGION": "Mars",
        "SBP_PROXY_HOPS": "many",
    }
    with pytest.raises(ConfigurationError) as raised:
        GatewayConfig.from_environ(environ)
    message = str(raised.value)
    for words in (
        "SBP_TOKEN_KEYS",
        "at least 32",
        "SBP_CLIENT_ROLE_ARN",
        "SBP_ALERTS_TOPIC",
        "AWS_REGION",
        "SBP_PROXY_HOPS",
    ):
        assert words in message
    assert "short" not in message.replace("SBP_", "")  # the key itself is never repeated


def test_a_good_environment_gives_the_stack_and_its_options() -> None:
    environ = {
        **stack_environ(),
        "SBP_TRUSTED_HOSTS": "gw.example, localhost",
        "SBP_PROXY_HOPS": "2",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
        "SBP_LAMBDA_ENDPOINT_URL": "http://127.0.0.1:5001",
    }
    config = GatewayConfig.from_environ(environ)
    assert (config.account, config.stack_prefix, config.region) == (ACCOUNT, PREFIX, REGION)
    assert config.trusted_hosts == ("gw.example", "localhost") and config.proxy_hops == 2
    assert config.endpoint_url == "http://127.0.0.1:5000"
    assert config.lambda_endpoint_url == "http://127.0.0.1:5001"
    assert len(config.token_keys) == 2
    assert config.token_keys[0] not in repr(config)


def test_the_gateway_tables_can_have_their_own_endpoint(aws: None) -> None:
    """`AWS_ENDPOINT_URL_DYNAMODB` wins over `AWS_ENDPOINT_URL` for the gateway's table calls,
    as botocore ranks them; every other service stays on the shared endpoint."""
    from server.aws_clients import AwsClients

    environ = {
        **stack_environ(),
        "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
        "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:5002",
    }
    config = GatewayConfig.from_environ(environ)
    clients = AwsClients.for_config(config)
    assert clients.dynamodb.meta.endpoint_url == "http://127.0.0.1:5002"
    for other in (clients.sts, clients.sns, clients.lambda_):
        assert other.meta.endpoint_url == "http://127.0.0.1:5000"
    alone = AwsClients.for_config(GatewayConfig.from_environ({**environ, "AWS_ENDPOINT_URL": ""}))
    assert alone.dynamodb.meta.endpoint_url == "http://127.0.0.1:5002"
    assert alone.sts.meta.endpoint_url == f"https://sts.{REGION}.amazonaws.com"


def _start(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from server import create_app; create_app()"],
        env={"PATH": "/usr/bin:/bin", **environ},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_app_refuses_to_start_with_one_line_on_stderr() -> None:
    started = _start({"SBP_USERS_TABLE": "x"})
    assert started.returncode == 3
    [line] = started.stderr.strip().splitlines()
    assert line.startswith("sbp gateway: gateway configuration: missing SBP_SESSIONS_TABLE")


def test_names_that_disagree_with_the_stack_are_refused_at_start() -> None:
    started = _start({**stack_environ(), "SBP_REPLICA_TABLE": "someone-elses-table"})
    assert started.returncode == 3
    assert (
        "SBP_REPLICA_TABLE names 'someone-elses-table', "
        "but stack 'sbp-test' calls it 'sbp-test-replica'" in started.stderr
    )
