"""One module per family of AWS resources, each comparing what the stack describes with what
the account has (`found`), then creating, updating or removing (see `cloud.plan`).

`families()` lists them in the order apply runs them: whatever a resource refers to comes
before it (log groups before functions, roles before functions, functions before their
triggers and schedules, the operators' topic before the alarms). destroy runs backwards.
"""

from __future__ import annotations

from cloud.families.alarms import Alarms
from cloud.families.applications import Applications
from cloud.families.bucket import DataBucket
from cloud.families.deployment import Deployment
from cloud.families.functions import Functions
from cloud.families.layer import RuntimeLayer
from cloud.families.logs import LogGroups
from cloud.families.queues import Queues
from cloud.families.repositories import Repositories
from cloud.families.roles import Roles
from cloud.families.schedules import ScheduleGroups, Schedules
from cloud.families.tables import Tables
from cloud.families.topics import Topics
from cloud.families.triggers import QueueTriggers
from cloud.plan import Family

__all__ = ["Deployment", "families"]


def families(deployment: Deployment) -> list[Family]:
    return [
        LogGroups(deployment),
        Tables(deployment),
        DataBucket(deployment),
        Queues(deployment),
        Topics(deployment),
        Roles(deployment),
        Repositories(deployment),
        Applications(deployment),
        RuntimeLayer(deployment),
        Functions(deployment),
        QueueTriggers(deployment),
        ScheduleGroups(deployment),
        Schedules(deployment),
        Alarms(deployment),
    ]
