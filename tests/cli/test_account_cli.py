"""The account commands' doors that need no gateway: passwords never as arguments, a gateway
that must be known and safe to send a password to, and a signed-out device told so (exit 8)."""

from __future__ import annotations

import json
from pathlib import Path

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


def signed_in_to_nowhere(home: Path) -> Path:
    """A device signed in to a gateway that no longer answers (its tokens in the file)."""
    from datetime import UTC, datetime, timedelta

    from sbp.cloud.device_state import Account, DeviceState, Resources, write_state
    from sbp.cloud.token_store import AwsCredentials, FileTokens, Tokens

    resources = Resources("us-east-1", "sbp-replica", "sbp-data", "http://127.0.0.1:9/queue")
    account = Account("01KA11CE00000000000000000A", "ada", "http://127.0.0.1:9", resources, "file")
    write_state(home, DeviceState("laptop0000000001").signed_in(account))
    later = datetime.now(UTC) + timedelta(hours=1)
    tokens = FileTokens(home)
    tokens.save(Tokens("refresh", "access", later, AwsCredentials("key", "secret", "t", later)))
    return tokens.path


def test_offline_a_device_still_knows_who_it_is_and_can_sign_out(sbp: Sbp) -> None:
    token_file = signed_in_to_nowhere(sbp.home)

    who = sbp("whoami", "--json")
    alerts = sbp("alerts")
    out = sbp("logout")

    assert who.code == 0 and json.loads(who.out)["username"] == "ada"
    assert "could not be reached" in who.err and "showing what this device knows" in who.err
    assert alerts.code == 9 and "could not be reached (connection refused)" in alerts.err
    assert out.code == 0 and out.out == "signed out ada\n" and "lapses on its own" in out.err
    assert not token_file.exists() and sbp("whoami").code == 8
