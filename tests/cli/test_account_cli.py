"""The account commands' doors that need no gateway: passwords never as arguments, a gateway
that must be known and safe to send a password to, and a signed-out device told so (exit 8)."""

from __future__ import annotations

import pytest
from sbp_process import Sbp


def test_a_password_is_never_a_command_line_argument(sbp: Sbp) -> None:
    run = sbp("login", "--gateway", "http://127.0.0.1:9", "-u", "ada", "--password", "hunter2")

    assert run.code == 2 and "No such option" in run.err


def test_without_a_terminal_the_password_must_come_on_standard_input(sbp: Sbp) -> None:
    asked = sbp("login", "--gateway", "http://127.0.0.1:9", "-u", "ada")
    empty = sbp("login", "--gateway", "http://127.0.0.1:9", "-u", "ada", "--password-stdin")

    assert asked.code == 1 and "--password-stdin" in asked.err
    assert empty.code == 1 and "no password on standard input" in empty.err


def test_a_gateway_must_be_named_once_and_reached_safely(sbp: Sbp) -> None:
    unknown = sbp("login", "-u", "ada", "--password-stdin", stdin="a long phrase\n")
    plain = sbp(
        "register", "-u", "ada", "--email", "ada@example.com", "--gateway",
        "http://sbp.example.com", "--password-stdin", stdin="a long phrase\n",
    )  # fmt: skip
    odd = sbp("login", "--gateway", "ftp://example.com", "-u", "a", "--password-stdin", stdin="p\n")

    assert unknown.code == 1 and "give its address with --gateway URL" in unknown.err
    assert plain.code == 1 and "use https://" in plain.err
    assert odd.code == 1 and "is not a web address" in odd.err
    assert not (sbp.home / "cloud.json").exists()


@pytest.mark.parametrize(
    "args", [("whoami",), ("whoami", "--json"), ("alerts",), ("report", "--cloud")]
)
def test_commands_that_need_the_cloud_say_when_the_device_is_not_signed_in(
    sbp: Sbp, args: tuple[str, ...]
) -> None:
    run = sbp(*args)

    assert run.code == 8
    assert run.err == "sbp: error: this device is not signed in (sign in first: sbp login)\n"


def test_signing_out_a_signed_out_device_changes_nothing(sbp: Sbp) -> None:
    run = sbp.ok("logout")

    assert run.out == "not signed in\n" and not (sbp.home / "cloud.json").exists()


def test_a_damaged_sign_in_record_says_how_to_mend_it(sbp: Sbp) -> None:
    (sbp.home / "cloud.json").write_text("{not json")

    run = sbp("whoami")

    assert run.code == 8 and "cannot be read" in run.err and "sbp login" in run.err


def test_alert_options_are_one_at_a_time_and_cloud_reports_are_pdfs(sbp: Sbp) -> None:
    both = sbp("alerts", "--email", "ada@example.com", "--sms", "+447700900123")
    data = sbp("report", "--cloud", "--format", "json")

    assert both.code == 1 and "not both" in both.err
    assert data.code == 1 and "PDFs only" in data.err
