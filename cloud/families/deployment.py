"""What every family of resources works with: the session, the stack, and the built artefacts."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from botocore.exceptions import ClientError

from cloud.aws import Aws, error_code
from cloud.specs import Layer
from cloud.stack import Stack

T = TypeVar("T")
ROLE_RETRIES = 12
ROLE_PAUSE_SECONDS = 5.0


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

    def once_roles_settle(self, call: Callable[..., T], **arguments: Any) -> T:
        """`call(**arguments)`, retried while Lambda cannot use a role made seconds ago yet.

        IAM takes a few seconds to spread a new role or policy; until then Lambda answers
        InvalidParameterValueException about the role ("cannot be assumed", "does not have
        permissions"). Anything else is raised at once.
        """
        for attempt in range(ROLE_RETRIES):
            try:
                return call(**arguments)
            except ClientError as error:
                settling = "role" in str(error).lower()
                if error_code(error) != "InvalidParameterValueException" or not settling:
                    raise
                if attempt == ROLE_RETRIES - 1:
                    raise
                self.pause(ROLE_PAUSE_SECONDS)
        raise AssertionError("unreachable")


def own_tags(found: dict[str, str], wanted: dict[str, str]) -> dict[str, str | None]:
    """The stack's tags as found: tags people added by hand are theirs and stay untouched."""
    return {key: found.get(key) for key in wanted}
