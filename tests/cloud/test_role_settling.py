"""Lambda refuses a role made seconds ago until IAM has spread it; apply waits, within bounds.

moto accepts any role at once, so the refusal is made here with the error AWS sends.
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from cloud.families import Deployment
from cloud.families.deployment import ROLE_RETRIES

NOT_YET = ClientError(
    {
        "Error": {
            "Code": "InvalidParameterValueException",
            "Message": "The role defined for the function cannot be assumed by Lambda.",
        }
    },
    "CreateFunction",
)


def test_a_role_not_usable_yet_is_waited_for(deployment: Deployment) -> None:
    pauses: list[float] = []
    deployment.pause = pauses.append
    answers: list[ClientError | str] = [NOT_YET, NOT_YET, "created"]

    def create(**arguments: str) -> str:
        answer = answers.pop(0)
        if isinstance(answer, ClientError):
            raise answer
        return f"{answer} {arguments['FunctionName']}"

    assert deployment.once_roles_settle(create, FunctionName="f") == "created f"
    assert pauses == [5.0, 5.0]


def test_it_gives_up_after_a_minute_and_never_waits_on_other_errors(
    deployment: Deployment,
) -> None:
    pauses: list[float] = []
    deployment.pause = pauses.append

    def never(**arguments: str) -> None:
        raise NOT_YET

    with pytest.raises(ClientError, match="cannot be assumed"):
        deployment.once_roles_settle(never)
    assert len(pauses) == ROLE_RETRIES - 1

    pauses.clear()
    denied = ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "X")

    def refuse(**arguments: str) -> None:
        raise denied

    with pytest.raises(ClientError, match="AccessDenied"):
        deployment.once_roles_settle(refuse)
    assert pauses == []
