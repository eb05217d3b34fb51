"""The sync's ports for a signed-in device: the user's replica and snapshots, reached with the
user's own scoped credentials (renewed through the gateway as they run out, also during a long
sync) at the resources the gateway named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sbp.cloud.replica_sync import DynamoSyncReplica
from sbp.cloud.snapshots import S3Snapshots

if TYPE_CHECKING:
    from sbp.cloud.session import CloudSession


def sync_ports(session: CloudSession) -> tuple[DynamoSyncReplica, S3Snapshots]:
    """The replica and the snapshots of the signed-in user."""
    from sbp.cloud.session import aws_session, user_client

    aws = aws_session(session)
    resources = session.resources
    replica = DynamoSyncReplica(
        session.user_id, resources.replica_table, user_client(session, "dynamodb", aws)
    )
    snapshots = S3Snapshots(session.user_id, resources.bucket, user_client(session, "s3", aws))
    return replica, snapshots
