"""The gateway under gunicorn on loopback, configured as Elastic Beanstalk would configure it,
but pointed at the moto server and the local Lambda runner.

The token-signing key is made fresh for each run (sessions end with the stack, as its data
does). AWS credentials are moto's fake ones, so nothing can reach a real account.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from cloud.local.moto_stack import FAKE_KEYS
from cloud.stack import Stack

ROOT = Path(__file__).resolve().parents[2]  # the repository, where `server` is imported from
READY_PATH = "/api/v1/healthz"
START_SECONDS = 60.0


def gateway_environment(
    stack: Stack, moto_endpoint: str, queue_url: str, lambda_endpoint: str
) -> dict[str, str]:
    """The gateway's configuration for this stack (see server/config.py)."""
    names, arns = stack.names, stack.arns
    return {
        **FAKE_KEYS,
        "SBP_USERS_TABLE": names.users_table,
        "SBP_SESSIONS_TABLE": names.sessions_table,
        "SBP_ATTEMPTS_TABLE": names.login_attempts_table,
        "SBP_REPLICA_TABLE": names.replica_table,
        "SBP_BUCKET": names.bucket(arns.account, arns.region),
        "SBP_CATEGORIZE_QUEUE_URL": queue_url,
        "SBP_ALERTS_TOPIC": arns.topic(names.alerts_topic),
        "SBP_CLIENT_ROLE_ARN": arns.role(names.client_role),
        "SBP_REPORT_FUNCTION": names.report_generator,
        "SBP_TOKEN_KEYS": secrets.token_hex(32),
        "SBP_TRUSTED_HOSTS": "127.0.0.1,localhost",
        "AWS_REGION": arns.region,
        "AWS_DEFAULT_REGION": arns.region,
        "AWS_ENDPOINT_URL": moto_endpoint,
        "SBP_LAMBDA_ENDPOINT_URL": lambda_endpoint,
    }


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _without_control_socket() -> list[str]:
    """gunicorn 25+ listens on a control socket in the home folder, one path for every
    gunicorn of the user: a local stack has no use for it, and two stacks would share it."""
    from gunicorn.config import KNOWN_SETTINGS

    known = {option for setting in KNOWN_SETTINGS for option in setting.cli or ()}
    return ["--no-control-socket"] if "--no-control-socket" in known else []


class GatewayProcess:
    """gunicorn serving `server:create_app()`; `url` is where it answers."""

    def __init__(self, environ: dict[str, str], port: int = 0, workers: int = 2) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._environ = environ
        self._workers = workers
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self._workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--chdir",
            str(ROOT),
            "--timeout",
            "90",  # a report is rendered while its request waits
            *_without_control_socket(),
            "server:create_app()",
        ]
        self._process = subprocess.Popen(argv, env={**os.environ, **self._environ})
        self._wait_until_ready()

    def stop(self) -> None:
        """Stop gunicorn and its workers, waiting for them to be gone."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"the gateway stopped at start (exit {self._process.returncode})"
                )
            try:
                with urllib.request.urlopen(self.url + READY_PATH, timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the gateway did not answer at {self.url} within a minute")
