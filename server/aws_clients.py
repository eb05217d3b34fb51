"""The boto3 clients the gateway uses, made once per process with the configured endpoints.

Low-level clients are thread-safe and cheap to share, unlike boto3 resources. On the local stack
`AWS_ENDPOINT_URL` sends every call to the moto server, and `SBP_LAMBDA_ENDPOINT_URL` sends
Lambda invocations to the local runner (moto runs no Lambda code); in AWS both are unset.
`AWS_ENDPOINT_URL_DYNAMODB` sends the gateway's own table calls elsewhere, ahead of
`AWS_ENDPOINT_URL`, as botocore ranks the two (the benchmark puts a faster local DynamoDB there);
the endpoint handed to clients stays `AWS_ENDPOINT_URL`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import boto3
import botocore.loaders
import botocore.session
from botocore.config import Config

from server.config import GatewayConfig

# A gateway call is on a person's request path: fail fast and let the client retry.
_CONFIG = Config(
    connect_timeout=3, read_timeout=10, retries={"max_attempts": 3, "mode": "standard"}
)
# The report Lambda renders a PDF: give it the time it may take.
_LAMBDA_CONFIG = Config(connect_timeout=3, read_timeout=65, retries={"max_attempts": 1})


@cache
def _model_loader() -> botocore.loaders.Loader:
    """One reader of botocore's service descriptions per process: parsing them again for every
    session costs a third of a second, and they never change while the process runs."""
    return botocore.loaders.create_loader()


def new_session(region: str) -> boto3.session.Session:
    core = botocore.session.get_session()
    core.register_component("data_loader", _model_loader())
    return boto3.session.Session(botocore_session=core, region_name=region)


@dataclass(frozen=True)
class AwsClients:
    """The gateway's own clients (its role's credentials, never a user's), and the session that
    made them, from which clients signing with a user's credentials are made too."""

    session: boto3.session.Session
    dynamodb: Any
    sts: Any
    sns: Any
    lambda_: Any

    @classmethod
    def for_config(cls, config: GatewayConfig) -> AwsClients:
        session = new_session(config.region)

        def client(service: str, endpoint: str | None = config.endpoint_url, **extra: Any) -> Any:
            return session.client(service, endpoint_url=endpoint, **extra)

        return cls(
            session=session,
            dynamodb=client(
                "dynamodb", config.dynamodb_endpoint_url or config.endpoint_url, config=_CONFIG
            ),
            sts=client("sts", config=_CONFIG),
            sns=client("sns", config=_CONFIG),
            lambda_=client(
                "lambda", config.lambda_endpoint_url or config.endpoint_url, config=_LAMBDA_CONFIG
            ),
        )
