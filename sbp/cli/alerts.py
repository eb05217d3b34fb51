"""`sbp alerts`: where the cloud sends budget alerts (an e-mail address, a phone number, or
nowhere), for the days no terminal is open. Needs a signed-in device.

Each person receives only their own alerts: the gateway subscribes the address with a filter
on the account's id. An e-mail address must be confirmed from the message AWS sends to it.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command several times while building it, which costs every run of sbp start-up time.

from typing import Any

import typer

from sbp.cli.context import JSON_HELP

EXAMPLES = """Examples:

\b
  sbp alerts                           where alerts go now
  sbp alerts --email ada@example.com
  sbp alerts --sms +447700900123
  sbp alerts --off
"""


def register(app: typer.Typer) -> None:
    """Add `alerts` to the root app."""
    app.command("alerts", epilog=EXAMPLES)(alerts)


def alerts(
    email: str | None = typer.Option(
        None, "--email", metavar="ADDRESS", help="Send alerts to this e-mail address."
    ),
    sms: str | None = typer.Option(
        None, "--sms", metavar="NUMBER", help="Send alerts by text message (+ and country code)."
    ),
    off: bool = typer.Option(False, "--off", help="Send alerts nowhere."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show or change where the cloud sends budget alerts (signed in).

    Without options, shows where they go. --email and --sms replace the address or number
    given before; --off removes both.
    """
    from sbp.cloud.session import require_session, with_access_token
    from sbp.config import load_settings
    from sbp.core.errors import InvalidInput

    given = [name for name, value in (("--email", email), ("--sms", sms), ("--off", off)) if value]
    if len(given) > 1:
        raise InvalidInput(f"give one of {' or '.join(given)}, not both")
    change: dict[str, Any] | None = None
    if email is not None:
        change = {"email": email.strip()}
    elif sms is not None:
        change = {"sms": sms.strip().replace(" ", "")}
    elif off:
        change = {"off": True}
    session = require_session(load_settings())
    gateway = session.gateway()
    if change is None:
        state = with_access_token(session, gateway.alerts)
    else:
        state = with_access_token(session, lambda token: gateway.change_alerts(token, change))
    _show(state, as_json)


def _show(state: dict[str, Any], as_json: bool) -> None:
    record = {
        "email": state.get("email"),
        "email_confirmed": bool(state.get("email_confirmed")),
        "sms": state.get("sms"),
        "sms_confirmed": bool(state.get("sms_confirmed")),
    }
    if as_json:
        from sbp.cli import output

        output.print_json(record)
        return
    if not record["email"] and not record["sms"]:
        print("alerts: off (sbp alerts --email ADDRESS or --sms NUMBER to turn them on)")
        return
    for channel in ("email", "sms"):
        if record[channel]:
            waiting = "" if record[f"{channel}_confirmed"] else " (waiting for confirmation)"
            print(f"{'e-mail' if channel == 'email' else 'sms'}: {record[channel]}{waiting}")
