"""The installed `sbp ui` in a real terminal: tmux runs it, we type and read the pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (Debian package tmux)"),
]

SBP = str(Path(sys.executable).with_name("sbp"))
WAIT_SECONDS = 30


class Terminal:
    """One tmux session on a private server, so nothing else the user runs is touched."""

    def __init__(self, home: Path) -> None:
        self.socket = f"sbp-test-{uuid.uuid4().hex[:8]}"
        self.home = home

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-L", self.socket, "-f", "/dev/null", *args]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def start(self, *command: str) -> None:
        shell = f"SBP_HOME={self.home} TERM=xterm-256color {' '.join(command)}"
        self.tmux("new-session", "-d", "-s", "ui", "-x", "100", "-y", "30", shell)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "ui")

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "ui", *keys)

    def wait_for(self, seen: Callable[[str], bool]) -> str:
        """The pane once `seen` holds for it; fails with the pane if it never does."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            text = self.screen()
            if seen(text):
                return text
            if time.monotonic() > deadline:
                pytest.fail(f"the pane never showed what was expected:\n{text}")
            time.sleep(0.2)

    def running(self) -> bool:
        result = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "ui"],
                                capture_output=True)  # fmt: skip
        return result.returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    (tmp_path / "config.toml").write_text('base_currency = "USD"\n')
    term = Terminal(tmp_path)
    yield term
    term.close()


def sbp(home: Path, *args: str) -> None:
    subprocess.run([SBP, *args], check=True, env={**os.environ, "SBP_HOME": str(home)})


def test_sbp_ui_runs_in_a_real_terminal_and_follows_other_processes(terminal: Terminal) -> None:
    sbp(terminal.home, "add", "12.50", "Coffee beans", "--category", "coffee")
    terminal.start(SBP, "ui")
    terminal.wait_for(lambda pane: "Spent" in pane and "Safe daily" in pane)

    terminal.keys("e")
    terminal.wait_for(lambda pane: "Coffee beans" in pane and "rows 1-1" in pane)

    sbp(terminal.home, "add", "3.20", "Tea from another terminal")
    terminal.wait_for(lambda pane: "Tea from another terminal" in pane)

    terminal.keys("?")
    terminal.wait_for(lambda pane: "On this screen" in pane and "Everywhere" in pane)
    terminal.keys("Escape")
    terminal.wait_for(lambda pane: "On this screen" not in pane)

    terminal.keys("q")
    deadline = time.monotonic() + WAIT_SECONDS
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not terminal.running()
