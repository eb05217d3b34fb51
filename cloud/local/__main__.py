"""`python -m cloud.local up`: the whole stack on this machine, until Ctrl-C.

Prints where each part listens and the one line a person needs: `sbp login --gateway URL`.
Exit codes: 0 stopped on request (Ctrl-C or SIGTERM), 1 could not start, 2 usage.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TextIO

from cloud.names import StackNames

if TYPE_CHECKING:
    from cloud.local.invoke_api import InvokeApi
    from cloud.local.moto_stack import MotoStack
    from cloud.local.runner import LambdaRunner

DEFAULT_PREFIX = "sbp-local"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cloud.local",
        description="Run sbp's whole stack on this machine: AWS on a moto server, the Lambda "
        "functions in a local runner and the sign-in gateway under gunicorn, all on 127.0.0.1.",
        epilog="example: python -m cloud.local up --gateway-port 8000",
    )
    parser.add_argument("command", choices=("up",), help="up: start everything; Ctrl-C stops it")
    parser.add_argument("--prefix", default=DEFAULT_PREFIX, help=f"stack name ({DEFAULT_PREFIX})")
    parser.add_argument("--gateway-port", type=int, default=0, help="default: a free port")
    parser.add_argument("--aws-port", type=int, default=0, help="the moto server's port")
    parser.add_argument("--runner-port", type=int, default=0, help="the Lambda Invoke API's port")
    parser.add_argument(
        "--alert-every",
        type=float,
        default=3600.0,
        metavar="SECONDS",
        help="run the budget alert this often (default 3600; a real stack runs it daily)",
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    args = _parser().parse_args(argv)
    try:
        StackNames(args.prefix)
    except ValueError as error:
        print(f"cloud.local: error: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        return _up(args, out, stop)
    except KeyboardInterrupt:
        return 0


def _up(args: argparse.Namespace, out: TextIO, stop: threading.Event) -> int:
    from cloud.local import moto_stack
    from cloud.local.gateway import GatewayProcess, gateway_environment

    os.environ.update(moto_stack.FAKE_KEYS)  # nothing here may ever reach a real account
    os.environ.pop("AWS_PROFILE", None)
    say = _logger(out)
    say(f"starting stack {args.prefix}: AWS on a moto server...")
    aws = moto_stack.start(args.prefix, port=args.aws_port)
    runner: LambdaRunner | None = None
    api: InvokeApi | None = None
    gateway: GatewayProcess | None = None
    try:
        runner, api = _start_runner(aws, args, say)
        environ = gateway_environment(aws.stack, aws.endpoint, aws.queue_url, api.url)
        say("starting the gateway under gunicorn...")
        gateway = GatewayProcess(environ, port=args.gateway_port)
        gateway.start()
        _banner(out, args.prefix, aws.endpoint, api.url, gateway.url, args.alert_every)
        stop.wait()
    except KeyboardInterrupt:
        pass
    except RuntimeError as error:
        print(f"cloud.local: error: {error}", file=sys.stderr)
        return 1
    finally:
        say("stopping...")
        for part in (gateway, api, runner, aws):
            if part is not None:
                part.stop()
        say("stopped")
    return 0


def _start_runner(
    aws: MotoStack, args: argparse.Namespace, say: Callable[[str], None]
) -> tuple[LambdaRunner, InvokeApi]:
    from cloud.aws import Aws
    from cloud.local.invoke_api import InvokeApi
    from cloud.local.runner import LambdaRunner, lambda_environment, stack_handlers

    os.environ.update(lambda_environment(aws.stack, aws.endpoint))  # before handlers are imported
    sqs = Aws(aws.stack.arns.region, aws.endpoint).client("sqs")
    handlers = stack_handlers(aws.stack)
    runner = LambdaRunner(aws.stack, handlers, sqs, aws.queue_url, say, args.alert_every)
    runner.start()
    api = InvokeApi(runner, port=args.runner_port)
    api.start()
    return runner, api


def _banner(
    out: TextIO, prefix: str, aws: str, runner: str, gateway: str, alert_every: float
) -> None:
    print(
        f"""
sbp's stack {prefix} runs on this machine (Ctrl-C stops it all):
  AWS (moto server)        {aws}
  Lambda runner            {runner}  (Invoke API; categorize queue polled every second,
                           budget alert every {alert_every:g} s)
  gateway (gunicorn)       {gateway}/api/v1

Sign in from another terminal with:
  sbp login --gateway {gateway}
""",
        file=out,
        flush=True,
    )


def _logger(out: TextIO) -> Callable[[str], None]:
    def say(line: str) -> None:
        stamp = datetime.now(UTC).strftime("%H:%M:%S")
        print(f"cloud.local {stamp} {line}", file=out, flush=True)

    return say


if __name__ == "__main__":
    sys.exit(main())
