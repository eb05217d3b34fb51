"""`python -m cloud plan|apply|destroy` as a person or a script sees it."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from cloud.__main__ import main
from cloud.aws import Aws
from tests.cloud.conftest import REPO_ROOT, layer_without_pip


class Terminal(io.StringIO):
    """Answers typed at a terminal."""

    def isatty(self) -> bool:
        return True


def run(*args: str, answers: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [*args, "--region", "us-east-1"],
        out=out,
        err=err,
        answers=answers or io.StringIO(),
        layer_builder=layer_without_pip,
    )
    return code, out.getvalue(), err.getvalue()


def tables(aws: Aws) -> list[str]:
    return list(aws.client("dynamodb").list_tables()["TableNames"])


def test_plan_on_an_empty_account_lists_what_apply_would_create(aws: Aws) -> None:
    code, out, err = run("plan")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Stack sbp-dev in us-east-1, account {aws.account}:"
    assert "  + table           sbp-dev-replica" in lines
    assert f"  + bucket          sbp-dev-data-{aws.account}-us-east-1" in lines
    assert "  + queue trigger   sbp-dev-categorize -> sbp-dev-categorizer" in lines
    assert lines[-1] == "35 to create, 0 to change, 0 to remove."
    assert tables(aws) == []


def test_apply_creates_the_stack_then_says_nothing_changed_then_names_drift(aws: Aws) -> None:
    code, out, _ = run("apply")
    assert code == 0
    assert "  + function        sbp-dev-categorizer" in out.splitlines()
    assert out.splitlines()[-1] == "35 created, 0 changed, 0 removed."
    assert len(tables(aws)) == 5
    for command in ("apply", "plan"):
        code, out, _ = run(command)
        assert code == 0
        assert out.splitlines()[1:] == ["No changes: the stack matches its description."]
    aws.client("dynamodb").update_continuous_backups(
        TableName="sbp-dev-replica",
        PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False},
    )
    code, out, _ = run("plan")
    assert code == 0
    assert out.splitlines()[1:] == [
        "  ~ table           sbp-dev-replica (recovery)",
        "0 to create, 1 to change, 0 to remove.",
    ]


def test_destroy_asks_for_the_stack_s_name_or_yes(aws: Aws) -> None:
    run("apply")
    code, out, err = run("destroy")  # a script, without --yes
    assert code == 1
    assert (
        err == "cloud: error: destroy asks before removing anything; pass --yes to run it unasked\n"
    )
    assert "  - table           sbp-dev-replica" in out.splitlines()
    code, out, _ = run("destroy", answers=Terminal("yes\n"))
    assert code == 1
    assert "Type the stack's name (sbp-dev) to go on: Nothing removed." in out
    assert len(tables(aws)) == 5
    code, out, _ = run("destroy", answers=Terminal("sbp-dev\n"))
    assert code == 0
    assert out.splitlines()[-1] == "0 created, 0 changed, 35 removed."
    assert tables(aws) == []


def test_destroy_yes_removes_unasked_and_a_second_finds_nothing(aws: Aws) -> None:
    run("apply")
    code, out, err = run("destroy", "--yes")
    assert (code, err) == (0, "")
    assert "Type the stack's name" not in out
    assert out.splitlines()[-1] == "0 created, 0 changed, 35 removed."
    assert tables(aws) == []
    code, out, _ = run("destroy", "--yes")
    assert code == 0
    assert out.splitlines()[-1] == "Nothing to remove: the stack has no resources here."


def test_an_unusable_prefix_is_one_line_and_creates_nothing(aws: Aws) -> None:
    code, _, err = run("apply", "--prefix", "SBP_Prod")
    assert code == 1
    assert err.startswith("cloud: error: stack prefix 'SBP_Prod' is not usable: use 2 to 20")
    assert err.count("\n") == 1
    assert tables(aws) == []


def test_a_missing_region_is_named(aws: Aws, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    code = main(["plan"], out=io.StringIO(), err=(err := io.StringIO()))
    assert code == 1
    assert err.getvalue().startswith("cloud: error: You must specify a region")


def test_help_explains_every_command_and_option() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "cloud", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for word in ("plan", "apply", "destroy", "--prefix", "--region", "--endpoint-url", "--yes"):
        assert word in shown
    with pytest.raises(SystemExit) as usage:
        main(["deploy"], err=io.StringIO())
    assert usage.value.code == 2
