"""A moto server on loopback holding sbp's stack, applied by `cloud apply`'s own code.

Two things differ from a real account, both because of moto: the bucket has no TLS-only policy
(moto applies a policy's Deny whatever its condition), and the categorizer's SQS trigger is
switched off once created (moto would try to run the function in Docker on every message;
the local Lambda runner polls the queue instead). The runtime layer is a stand-in zip of its
requirements, since moto keeps nothing of a layer but its bytes: no pip, no network.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from cloud import plan
from cloud.aws import Aws
from cloud.families import Deployment, families
from cloud.packaging import function_zip, reproducible_zip
from cloud.specs import Layer
from cloud.stack import Stack, describe

REGION = "us-east-1"
FAKE_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def layer_stand_in(layer: Layer) -> bytes:
    """The runtime layer as moto needs it: a zip naming its requirements, built without pip."""
    return reproducible_zip([("python/requirements.txt", "\n".join(layer.requirements).encode())])


@dataclass
class MotoStack:
    """A running moto server and the stack in it."""

    server: Any
    endpoint: str
    stack: Stack
    queue_url: str

    def stop(self) -> None:
        self.server.stop()


def start_moto(host: str = "127.0.0.1", port: int = 0) -> tuple[Any, str]:
    """A moto server on `host`:`port` (0: any free port); the server and its URL."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per AWS call
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    bound_host, bound_port = server.get_host_and_port()
    return server, f"http://{bound_host}:{bound_port}"


def apply_stack(endpoint: str, prefix: str, region: str = REGION) -> tuple[Stack, str]:
    """Apply stack `prefix` to the moto server at `endpoint`; the stack and its queue's URL."""
    aws = Aws(region, endpoint)
    stack = describe(prefix, account=aws.account, region=aws.region, tls_only=False)
    deployment = Deployment(aws, stack, function_zip, layer_stand_in, pause=lambda seconds: None)
    plan.apply(families(deployment), lambda change: None)
    _switch_off_queue_triggers(aws)
    queue = aws.client("sqs").get_queue_url(QueueName=stack.names.categorize_queue)
    return stack, str(queue["QueueUrl"])


def _switch_off_queue_triggers(aws: Aws) -> None:
    lambda_ = aws.client("lambda")
    for mapping in lambda_.list_event_source_mappings()["EventSourceMappings"]:
        lambda_.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)


def start(prefix: str, port: int = 0, region: str = REGION) -> MotoStack:
    """A moto server with stack `prefix` applied."""
    server, endpoint = start_moto(port=port)
    try:
        stack, queue_url = apply_stack(endpoint, prefix, region)
    except BaseException:
        server.stop()
        raise
    return MotoStack(server, endpoint, stack, queue_url)
