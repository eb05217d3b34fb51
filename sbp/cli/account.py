"""`sbp register`, `login`, `logout`, `whoami`: an account on the gateway, and this device's
sign-in to it.

Passwords are never command-line arguments (other users can read those, and shells keep them):
they are asked for without echo, or read from standard input with `--password-stdin`. The
gateway a device signs in to is remembered, so `--gateway` is needed once.
"""

# No `from __future__ import annotations` here: typer evaluates every string annotation of a
# command several times while building it, which costs every run of sbp start-up time.

import sys
from typing import Any

import typer

from sbp.cli.context import JSON_HELP

GATEWAY_HELP = "The gateway's address, e.g. http://127.0.0.1:8000 (remembered once used)."
PASSWORD_STDIN_HELP = "Read the password from standard input (one line) instead of asking."


def register(app: typer.Typer) -> None:
    """Add the account commands to the root app."""
    app.command("register", epilog=REGISTER_EXAMPLES)(register_account)
    app.command("login", epilog=LOGIN_EXAMPLES)(login)
    app.command("logout", epilog=LOGOUT_EXAMPLES)(logout)
    app.command("whoami", epilog="Example:  sbp whoami --json")(whoami)


LOGOUT_EXAMPLES = """Examples:

\b
  sbp logout
  sbp logout --forget     also delete this device's data, once all of it is synced
"""

REGISTER_EXAMPLES = """Examples:

\b
  sbp register --username ada --email ada@example.com --gateway http://127.0.0.1:8000
  sbp register -u ada --email ada@example.com --password-stdin < phrase.txt
"""


def register_account(
    username: str = typer.Option(..., "--username", "-u", help="3 to 32 letters or digits."),
    email: str = typer.Option(..., "--email", help="Where budget alerts can go."),
    gateway: str | None = typer.Option(None, "--gateway", help=GATEWAY_HELP),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=PASSWORD_STDIN_HELP),
) -> None:
    """Create an account on the gateway (then sign in with `sbp login`).

    The password needs 15 to 128 characters; a phrase of a few words is easiest.
    """
    from sbp.cloud.sign_in import register as create_account
    from sbp.cloud.sign_in import remember_gateway

    settings = _settings()
    url = _gateway(settings, gateway)
    password = _password(password_stdin, confirm=True)
    created = create_account(url, username, email, password)
    remember_gateway(settings.data_dir, url)
    print(f"registered {created['username']}; sign in with: sbp login --username {username}")


LOGIN_EXAMPLES = """Examples:

\b
  sbp login --gateway http://127.0.0.1:8000 --username ada
  sbp login                                   (the gateway used last time; asks who)

A device that already holds expenses is offered to upload them (once); a new one pulls
everything.
"""


def login(
    username: str | None = typer.Option(
        None, "--username", "-u", metavar="NAME|ADDRESS", help="Your username or e-mail address."
    ),
    gateway: str | None = typer.Option(None, "--gateway", help=GATEWAY_HELP),
    password_stdin: bool = typer.Option(False, "--password-stdin", help=PASSWORD_STDIN_HELP),
) -> None:
    """Sign this device in.

    The tokens are kept in the system keyring, or where there is none in a file in the data
    folder readable only by you; the line printed says which.
    """
    import socket

    from sbp.cloud.sign_in import sign_in

    settings = _settings()
    url = _gateway(settings, gateway)
    name = username or _ask("Username or e-mail: ", "--username")
    password = _password(password_stdin, confirm=False)
    signed = sign_in(settings.data_dir, url, name, password, socket.gethostname())
    session = signed.session
    print(f"signed in as {session.username} at {session.gateway_url}")
    print(f"tokens kept in {signed.tokens_kept_in}")
    if not signed.kept_in_keyring:
        print(
            "sbp: note: no system keyring that keeps secrets works here, so the tokens are in"
            " a file only you can read",
            file=sys.stderr,
        )
    from sbp.cli.sync_account import first_sync

    first_sync(settings)


def logout(
    forget: bool = typer.Option(
        False, "--forget", help="Also delete this device's copy of the data (once all is synced)."
    ),
    force: bool = typer.Option(
        False, "--force", help="With --forget: delete it even with changes not yet synced."
    ),
) -> None:
    """Sign this device out: the session ends at the gateway and its tokens are deleted here.

    The data stays on this device (and syncs again at the next sign-in) unless --forget, which
    first checks that every change is in your account. Works offline too: the tokens are
    deleted at once, and the gateway's side of the session lapses on its own.
    """
    from sbp.cli.sync_account import forget_local_copy
    from sbp.cloud.session import load_session
    from sbp.cloud.sign_in import sign_out

    settings = _settings()
    session = load_session(settings)
    if forget:
        forget_local_copy(settings, force)
    if session is None:
        print("not signed in")
        return
    told = sign_out(session)
    print(f"signed out {session.username}")
    if not told:
        print(
            "sbp: note: the gateway could not be reached; the session there lapses on its own"
            " within 14 days",
            file=sys.stderr,
        )


def whoami(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Say which account this device is signed in to, where, and from which devices.

    Exits 8 when not signed in. When the gateway cannot be reached, says what this device
    knows.
    """
    from sbp.cloud.session import require_session
    from sbp.core.errors import CloudUnavailable

    session = require_session(_settings())
    account: dict[str, Any] = {}
    try:
        account = _me(session)
    except CloudUnavailable as error:
        print(f"sbp: note: {error.message}; showing what this device knows", file=sys.stderr)
    record = {
        "signed_in": True,
        "user_id": session.user_id,
        "username": session.username,
        "email": account.get("email"),
        "gateway": session.gateway_url,
        "device_id": session.device_id,
        "tokens": session.token_store,
        "devices": account.get("devices"),
    }
    if as_json:
        from sbp.cli import output

        output.print_json(record)
        return
    print(session.username + (f" <{record['email']}>" if record["email"] else ""))
    for label, value in (
        ("user id", session.user_id),
        ("gateway", session.gateway_url),
        ("this device", session.device_id),
        ("tokens in", session.tokens().describe()),
    ):
        print(f"{label + ':':<13}{value}")
    for device in record["devices"] or []:
        state = "signed in" if device.get("signed_in") else "signed out"
        print(f"{'device:':<13}{device.get('name')} ({device.get('id')}, {state})")


def _me(session: Any) -> dict[str, Any]:
    from sbp.cloud.session import with_access_token

    answer: dict[str, Any] = with_access_token(session, session.gateway().me)
    return answer


# shared by the account commands ---------------------------------------------------------------
def _settings() -> Any:
    from sbp.config import load_settings

    return load_settings()


def _gateway(settings: Any, given: str | None) -> str:
    """The gateway to use: --gateway, else SBP_GATEWAY_URL or config.toml, else the last one."""
    from sbp.cloud.gateway_client import gateway_base
    from sbp.cloud.sign_in import known_gateway
    from sbp.core.errors import InvalidInput

    url = given or settings.gateway_url or known_gateway(settings.data_dir)
    if not url:
        raise InvalidInput("no gateway known yet", hint="give its address with --gateway URL")
    return gateway_base(url)


def _ask(prompt: str, option: str) -> str:
    from sbp.core.errors import InvalidInput

    if not sys.stdin.isatty():
        raise InvalidInput("input is not a terminal to ask on", hint=f"pass {option}")
    try:
        answer = input(prompt).strip()
    except EOFError:
        answer = ""
    if not answer:
        raise InvalidInput("nothing given", hint=f"pass {option}")
    return answer


def _password(from_stdin: bool, *, confirm: bool) -> str:
    """The password: one line of standard input, or asked twice (for a new one) without echo."""
    from sbp.core.errors import InvalidInput

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("no password on standard input")
        return password
    if not sys.stdin.isatty():
        raise InvalidInput(
            "no terminal to ask for the password on",
            hint="pass it on standard input with --password-stdin",
        )
    import getpass

    try:
        password = getpass.getpass("Password: ")
        if confirm and getpass.getpass("Password again: ") != password:
            raise InvalidInput("the two passwords differ; nothing was done")
    except EOFError:
        raise InvalidInput("no password given") from None
    if not password:
        raise InvalidInput("no password given")
    return password
