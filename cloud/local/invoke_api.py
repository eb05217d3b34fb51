"""Lambda's Invoke API on a loopback port, answered by the local runner.

`POST /2015-03-31/functions/{name}/invocations` with the payload as the body, as boto3's
`lambda.invoke` sends it (the gateway's `SBP_LAMBDA_ENDPOINT_URL` points here): the handler's
answer comes back as the body, with `X-Amz-Function-Error: Unhandled` when it raised. An
`Event` invocation is answered 202 at once and run after; `DryRun` only checks the name.
Requests are not authenticated: the port listens on loopback only, for this machine's stack.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cloud.local.runner import LambdaRunner

_PATH = re.compile(r"^/2015-03-31/functions/(?P<name>[^/?]+)/invocations(?:\?.*)?$")
MAX_PAYLOAD = 6 * 1024 * 1024  # Lambda's own limit for a synchronous request


class InvokeApi:
    """The HTTP server; `url` is its address."""

    def __init__(self, runner: LambdaRunner, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler_for(runner))
        self._server.daemon_threads = True
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=30)


def function_name(path_part: str) -> str:
    """`name`, from a name, `name:qualifier` or a function ARN."""
    from urllib.parse import unquote

    text = unquote(path_part)
    if text.startswith("arn:"):
        text = text.split(":function:", 1)[-1]
    return text.split(":", 1)[0]


def _handler_for(runner: LambdaRunner) -> type[BaseHTTPRequestHandler]:
    class Invocations(BaseHTTPRequestHandler):
        """Answers invocations of the stack's functions."""

        def do_POST(self) -> None:
            found = _PATH.match(self.path)
            if found is None:
                self._error(404, "ResourceNotFoundException", "no such API")
                return
            name = function_name(found["name"])
            if not runner.knows(name):
                self._error(404, "ResourceNotFoundException", f"Function not found: {name}")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_PAYLOAD:
                self._error(413, "RequestTooLargeException", "the payload is too large")
                return
            try:
                payload = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                self._error(400, "InvalidRequestContentException", "the payload is not JSON")
                return
            kind = self.headers.get("X-Amz-Invocation-Type", "RequestResponse")
            if kind == "DryRun":
                self._answer(204, b"", {})
            elif kind == "Event":
                threading.Thread(target=runner.invoke, args=(name, payload), daemon=True).start()
                self._answer(202, b"", {})
            else:
                outcome = runner.invoke(name, payload)
                headers = {"X-Amz-Function-Error": "Unhandled"} if outcome.failed else {}
                self._answer(200, json.dumps(outcome.result, default=str).encode(), headers)

        def _error(self, status: int, kind: str, message: str) -> None:
            body = json.dumps({"Type": "User", "message": message}).encode()
            self._answer(status, body, {"x-amzn-ErrorType": kind})

        def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Amz-Executed-Version", "$LATEST")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: a failed handler is logged by the runner."""

    return Invocations
