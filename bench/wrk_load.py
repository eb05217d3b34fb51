"""wrk runs for the gateway benchmark, and the Lua scripts that make their requests.

A presign sends one access token throughout, as a signed-in client does for 15 minutes; a
refresh chain starts from a session per connection and sends each answer's new refresh token
next (a refresh token works once).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

REFRESH_LUA = """
local tokens = {%s}
local made = 0
function setup(thread)
  made = made + 1
  thread:set("token", tokens[made])
end
function request()
  return wrk.format("POST", "/api/v1/refresh", {["Content-Type"] = "application/json"},
                    '{"refresh_token": "' .. token .. '"}')
end
function response(status, headers, body)
  if status == 200 then token = body:match('"refresh_token":%%s*"([^"]+)"') end
end
"""
POST_LUA = """
wrk.method = "POST"
wrk.body = %s
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %s"
"""


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict[str, float]:
    """Requests per second, p99 in milliseconds, requests and non-2xx answers of one wrk run."""
    argv = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        argv[1:1] = ["-s", str(script)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    assert p99 is not None, out
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99[2]]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    requests = re.search(r"(\d+) requests in", out)
    assert requests is not None, out
    return {
        "rps": rate,
        "p99_ms": float(p99[1]) * scale,
        "requests": float(requests[1]),
        "errors": float(errors[1]) if errors else 0.0,
    }


def script(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.lua"
    path.write_text(text)
    return path


def presign_script(folder: Path, access_token: str) -> Path:
    body = {
        "expense_id": "01KAB3XYZ0000000000000000A",
        "content_type": "image/jpeg",
        "size": 250000,
    }
    return script(folder, "presign", POST_LUA % (json.dumps(json.dumps(body)), access_token))


def refresh_script(folder: Path, signed_in: list[dict[str, Any]]) -> Path:
    tokens = ", ".join(json.dumps(session["refresh_token"]) for session in signed_in)
    return script(folder, "refresh", REFRESH_LUA % tokens)
