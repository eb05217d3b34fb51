"""What every family of resources works with: the session, the stack, and the built artefacts."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from cloud.aws import Aws
from cloud.specs import Layer
from cloud.stack import Stack


@dataclass
class Deployment:
    """One run against one account: `code` builds the functions' zip on first use, and
    `build_layer` the third-party layer (with pip, only when its requirements changed)."""

    aws: Aws
    stack: Stack
    build_code: Callable[[], bytes]
    build_layer: Callable[[Layer], bytes]
    pause: Callable[[float], None] = field(default=time.sleep)

    @cached_property
    def code(self) -> bytes:
        return self.build_code()

    @property
    def tags(self) -> dict[str, str]:
        return self.stack.tags


def own_tags(found: dict[str, str], wanted: dict[str, str]) -> dict[str, str | None]:
    """The stack's tags as found: tags people added by hand are theirs and stay untouched."""
    return {key: found.get(key) for key in wanted}
