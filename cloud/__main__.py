"""`python -m cloud plan|apply|destroy`: make an AWS account hold sbp's stack, or not.

Exit codes: 0 done (or nothing to do), 1 failed or refused (the message says why; nothing
further was changed), 2 usage, 130 interrupted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError

from cloud import plan
from cloud.aws import Aws, StackError
from cloud.families import Deployment, families
from cloud.names import DEFAULT_PREFIX
from cloud.packaging import build_layer, function_zip
from cloud.plan import Change
from cloud.specs import Layer
from cloud.stack import DEFAULT_UPLOAD_ORIGINS, describe

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cloud",
        description="Create, update or remove sbp's AWS resources (the stack named by --prefix).",
        epilog="example: python -m cloud plan --prefix sbp-dev --region eu-west-1",
    )
    parser.add_argument(
        "command",
        choices=("plan", "apply", "destroy"),
        help="plan: show what apply would change; apply: create what is missing and put back "
        "what differs; destroy: remove everything of the stack (asks first)",
    )
    parser.add_argument(
        "--prefix",
        default=DEFAULT_PREFIX,
        help=f"names the stack; every resource name starts with it (default {DEFAULT_PREFIX})",
    )
    parser.add_argument("--region", help="AWS region (default: AWS_REGION or your AWS profile's)")
    parser.add_argument("--endpoint-url", help="send every AWS call here (a local moto server)")
    parser.add_argument(
        "--upload-origin",
        action="append",
        dest="origins",
        metavar="URL",
        help="a web origin allowed to upload receipts from a browser; repeat for several "
        f"(default {' '.join(DEFAULT_UPLOAD_ORIGINS)})",
    )
    parser.add_argument("--yes", action="store_true", help="destroy without asking")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    answers: TextIO = sys.stdin,
    layer_builder: Callable[[Layer], bytes] = build_layer,
) -> int:
    args = _parser().parse_args(argv)
    try:
        aws = Aws(args.region or _default_region(), args.endpoint_url)
        stack = describe(
            args.prefix,
            account=aws.account,
            region=aws.region,
            upload_origins=tuple(args.origins or DEFAULT_UPLOAD_ORIGINS),
        )
        deployment = Deployment(aws, stack, function_zip, layer_builder)
        print(f"Stack {args.prefix} in {aws.region}, account {aws.account}:", file=out)
        if args.command == "plan":
            return _plan(deployment, out)
        if args.command == "apply":
            return _apply(deployment, out)
        return _destroy(deployment, out, answers, ask=not args.yes)
    except (StackError, ValueError, FileNotFoundError) as error:
        return _fail(err, str(error))
    except NoCredentialsError:
        return _fail(
            err,
            "no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY",
        )
    except ClientError as error:
        return _fail(err, f"AWS refused: {error}")
    except BotoCoreError as error:
        return _fail(err, str(error))
    except subprocess.CalledProcessError as error:
        return _fail(err, f"pip could not build the runtime layer (exit {error.returncode})")
    except KeyboardInterrupt:
        print("cloud: interrupted (apply again to finish)", file=err)
        return INTERRUPTED


def _default_region() -> str:
    import boto3

    region = boto3.session.Session().region_name
    if not region:
        raise NoRegionError()
    return str(region)


def _fail(err: TextIO, message: str) -> int:
    print(f"cloud: error: {message}", file=err)
    return FAILED


def _printer(out: TextIO) -> Callable[[Change], None]:
    def report(change: Change) -> None:
        print(change, file=out, flush=True)

    return report


def _plan(deployment: Deployment, out: TextIO) -> int:
    changes = plan.plan(families(deployment))
    for change in changes:
        print(change, file=out)
    print(plan.summary(changes, done=False), file=out)
    return OK


def _apply(deployment: Deployment, out: TextIO) -> int:
    done = plan.apply(families(deployment), _printer(out))
    print(plan.summary(done, done=True), file=out)
    return OK


def _destroy(deployment: Deployment, out: TextIO, answers: TextIO, *, ask: bool) -> int:
    ordered = families(deployment)
    doomed = [c for family in reversed(ordered) for c in plan.changes(family, keep=False)]
    if not doomed:
        print("Nothing to remove: the stack has no resources here.", file=out)
        return OK
    for change in doomed:
        print(change, file=out)
    prefix = deployment.stack.names.prefix
    if ask:
        if not answers.isatty():
            raise StackError("destroy asks before removing anything; pass --yes to run it unasked")
        print(
            f"This removes {len(doomed)} resources, with every item, object and message in "
            f"them. Type the stack's name ({prefix}) to go on: ",
            end="",
            file=out,
            flush=True,
        )
        if answers.readline().strip() != prefix:
            print("Nothing removed.", file=out)
            return FAILED
    done = plan.destroy(ordered, _printer(out))
    print(plan.summary(done, done=True), file=out)
    return OK


if __name__ == "__main__":
    sys.exit(main())
