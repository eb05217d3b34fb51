"""Devices signed in to one account on a moto server on loopback, run as a person runs sbp.

A sign-in is written the way `sbp login` leaves it (`cloud.json` and the token file, through
sbp's own code), with credentials that last a day and resources that point at the moto server,
so every `sbp` run in a subprocess reaches the cloud through the real session, clients and
adapters, without a gateway. (The whole path through a gateway is tests/e2e's.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sbp.cloud.device_state import Account, DeviceState, Resources, new_device_id, write_state
from sbp.cloud.token_store import AwsCredentials, FileTokens, Tokens
from tests.moto_resources import BUCKET, REGION, REPLICA_TABLE, create_bucket, create_replica_table

GATEWAY = "http://127.0.0.1:9"  # never asked: the credentials last longer than any test
QUEUE = f"https://sqs.{REGION}.amazonaws.com/123456789012/sbp-test-categorize"


@dataclass
class MotoServer:
    """A moto server on a loopback port, with the replica table and the bucket."""

    url: str
    server: Any

    @classmethod
    def start(cls) -> MotoServer:
        import logging

        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        running = cls(f"http://{host}:{port}", server)
        create_replica_table(running.client("dynamodb"))
        create_bucket(running.client("s3"))
        return running

    def client(self, service: str) -> Any:
        import boto3

        return boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION
        ).client(service, endpoint_url=self.url)

    def stop(self) -> None:
        self.server.stop()


def sign_in(home: Path, user_id: str, endpoint: str, expires_in: timedelta = timedelta(days=1),
            gateway: str = GATEWAY) -> None:  # fmt: skip
    """Leave `home` signed in as `user_id`, as `sbp login` would."""
    home.mkdir(parents=True, exist_ok=True)
    resources = Resources(REGION, REPLICA_TABLE, BUCKET, QUEUE, endpoint)
    account = Account(user_id, user_id.lower(), gateway, resources, "file")
    write_state(home, DeviceState(new_device_id(), gateway, account))
    now = datetime.now(UTC)
    credentials = AwsCredentials("testing", "testing", "session-token", now + expires_in)
    FileTokens(home).save(Tokens("refresh", "access", now + timedelta(minutes=10), credentials))


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


class CloudDevice:
    """The installed `sbp` over one SBP_HOME, signed in (see `sign_in`)."""

    def __init__(self, home: Path, background: bool = False) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        if not background:
            (home / "config.toml").write_text("sync_in_background = false\n")
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SBP_"))}
        keep.pop("NO_COLOR", None)
        self.env = {**keep, "SBP_HOME": str(home), "AWS_EC2_METADATA_DISABLED": "true"}

    def __call__(self, *args: str, stdin: str = "", timeout: float = 120) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "sbp", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, stdin: str = "") -> Run:
        run = self(*args, stdin=stdin)
        assert run.code == 0, f"sbp {' '.join(args)} exited {run.code}: {run.err}"
        return run

    def add(self, *args: str) -> str:
        return self.ok("add", *args).out.split()[1]

    def export(self) -> Any:
        return json.loads(self.ok("export", "--format", "json").out)

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "sbp", *args],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def homes(root: Path, *names: str) -> Iterator[Path]:
    for name in names:
        yield root / name
