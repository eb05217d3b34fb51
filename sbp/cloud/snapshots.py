"""The `Snapshots` port on S3: `snapshots/{user_id}/{snapshot id}.jsonl.gz` in the stack's bucket,
and the deletion of a purged expense's receipt under `receipts/{user_id}/`.

Uploads and downloads go through boto3's managed transfer, which splits a big snapshot into
parts and streams it from and to a file, so a million-record snapshot never sits in memory.
The key is under the user's own prefix, the only one their credentials reach.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from sbp.cloud.aws_errors import aws_call, error_code
from sbp.core.errors import CloudUnavailable, NotFound

PREFIX = "snapshots"


class S3Snapshots:
    """One user's snapshots in one bucket; `client` is a boto3 S3 client."""

    def __init__(self, user_id: str, bucket: str, client: Any) -> None:
        if not user_id:
            raise ValueError("snapshots belong to a user: user_id is empty")
        self.user_id = user_id
        self.bucket = bucket
        self.client = client

    def key(self, snapshot_id: str) -> str:
        return f"{PREFIX}/{self.user_id}/{snapshot_id}.jsonl.gz"

    def upload(self, snapshot_id: str, source: BinaryIO) -> None:
        with aws_call("uploading a snapshot to the cloud"):
            self.client.upload_fileobj(
                source,
                self.bucket,
                self.key(snapshot_id),
                ExtraArgs={"ContentType": "application/gzip"},
            )

    def download(self, snapshot_id: str, target: BinaryIO) -> None:
        from botocore.exceptions import ClientError

        try:
            with aws_call("downloading a snapshot from the cloud"):
                self.client.download_fileobj(self.bucket, self.key(snapshot_id), target)
        except ClientError as exc:
            if error_code(exc) in ("404", "NoSuchKey", "NotFound"):
                raise NotFound(f"snapshot {snapshot_id} is not in the cloud") from None
            raise

    def delete_receipt(self, key: str) -> None:
        if not key.startswith(f"receipts/{self.user_id}/"):
            raise ValueError(f"'{key}' is not one of this user's receipts")
        from botocore.exceptions import ClientError

        # S3 answers a deletion of a key that is not there with success: a retry is harmless
        try:
            with aws_call("deleting a receipt from the cloud"):
                self.client.delete_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            raise CloudUnavailable(
                f"the cloud did not delete a receipt ({error_code(exc) or 'no reason given'})",
                hint="the next sync tries again",
            ) from None
