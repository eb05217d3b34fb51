"""The data bucket: private, encrypted, versioned, TLS only, browser uploads, reports that expire.

Its name holds the account and region, so the stack's bucket is found by name alone. Removing it
removes its policy and every object version first (S3 refuses to delete a bucket that is not
empty).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from botocore.exceptions import ClientError

from cloud.aws import StackError, error_code, tag_dict, tag_list, unless_missing
from cloud.families.deployment import Deployment, own_tags
from cloud.plan import Settings
from cloud.policies import bucket_policy

_BLOCK_ALL = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
_LIFECYCLE_KEYS = (
    "ID",
    "Status",
    "Filter",
    "Expiration",
    "NoncurrentVersionExpiration",
    "AbortIncompleteMultipartUpload",
)


class DataBucket:
    """The stack's one S3 bucket for receipts, reports and snapshots."""

    kind = "bucket"

    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        self.spec = deployment.stack.bucket
        self.client = deployment.aws.client("s3")

    def wanted(self) -> dict[str, Settings]:
        spec = self.spec
        return {
            spec.name: {
                "encryption": "AES256",
                "public access block": _BLOCK_ALL,
                "ownership": "BucketOwnerEnforced",
                "versioning": "Enabled",
                "policy": bucket_policy(spec.name, self.deployment.stack.arns)
                if spec.tls_only
                else None,
                "cors": [
                    {
                        "ID": "browser-uploads",
                        "AllowedMethods": ["POST"],
                        "AllowedOrigins": list(spec.upload_origins),
                        "MaxAgeSeconds": 3000,
                    }
                ],
                "lifecycle": [
                    {
                        "ID": "expire-reports",
                        "Status": "Enabled",
                        "Filter": {"Prefix": "reports/"},
                        "Expiration": {"Days": spec.report_days},
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
                    },
                    {
                        "ID": "forget-old-versions",
                        "Status": "Enabled",
                        "Filter": {},
                        "NoncurrentVersionExpiration": {"NoncurrentDays": spec.old_version_days},
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                    },
                ],
                "tags": self.deployment.tags,
            }
        }

    def found(self) -> dict[str, Settings]:
        name = self.spec.name
        try:
            self.client.head_bucket(Bucket=name)
        except ClientError as error:
            if error_code(error) in ("404", "NoSuchBucket"):
                return {}
            if error_code(error) == "403":
                raise StackError(
                    f"bucket {name} belongs to another AWS account; choose another --prefix"
                ) from error
            raise
        return {name: self._settings(name)}

    def _read(self, call: str, *missing: str) -> Any:
        return unless_missing(getattr(self.client, call), missing, Bucket=self.spec.name)

    def _settings(self, name: str) -> Settings:
        encryption = self._read(
            "get_bucket_encryption", "ServerSideEncryptionConfigurationNotFoundError"
        )
        block = self._read("get_public_access_block", "NoSuchPublicAccessBlockConfiguration")
        ownership = self._read("get_bucket_ownership_controls", "OwnershipControlsNotFoundError")
        policy = self._read("get_bucket_policy", "NoSuchBucketPolicy")
        cors = self._read("get_bucket_cors", "NoSuchCORSConfiguration")
        lifecycle = self._read("get_bucket_lifecycle_configuration", "NoSuchLifecycleConfiguration")
        tags = self._read("get_bucket_tagging", "NoSuchTagSet")
        rules = encryption["ServerSideEncryptionConfiguration"]["Rules"] if encryption else []
        return {
            "encryption": rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
            if rules
            else None,
            "public access block": block and block["PublicAccessBlockConfiguration"],
            "ownership": ownership
            and ownership["OwnershipControls"]["Rules"][0]["ObjectOwnership"],
            "versioning": self.client.get_bucket_versioning(Bucket=name).get("Status"),
            "policy": policy and json.loads(policy["Policy"]),
            "cors": cors and cors["CORSRules"],
            "lifecycle": lifecycle
            and [{k: rule[k] for k in _LIFECYCLE_KEYS if k in rule} for rule in lifecycle["Rules"]],
            "tags": own_tags(tag_dict(tags["TagSet"] if tags else []), self.deployment.tags),
        }

    def create(self, name: str) -> None:
        where = {}
        if self.deployment.aws.region != "us-east-1":
            where["CreateBucketConfiguration"] = {"LocationConstraint": self.deployment.aws.region}
        try:
            self.client.create_bucket(Bucket=name, ObjectOwnership="BucketOwnerEnforced", **where)
        except ClientError as error:
            if error_code(error) == "BucketAlreadyExists":
                raise StackError(
                    f"bucket name {name} is taken in another account; choose another --prefix"
                ) from error
            raise
        # Public access is blocked before anything else is set.
        self.update(name, tuple(self.wanted()[name]))

    def update(self, name: str, keys: Sequence[str]) -> None:
        wanted = self.wanted()[name]
        s3 = self.client
        if "public access block" in keys:
            s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=_BLOCK_ALL)
        if "ownership" in keys:
            s3.put_bucket_ownership_controls(
                Bucket=name,
                OwnershipControls={"Rules": [{"ObjectOwnership": wanted["ownership"]}]},
            )
        if "encryption" in keys:
            default = {"SSEAlgorithm": wanted["encryption"]}
            s3.put_bucket_encryption(
                Bucket=name,
                ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": default}]
                },
            )
        if "versioning" in keys:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        if "policy" in keys and wanted["policy"]:
            s3.put_bucket_policy(Bucket=name, Policy=json.dumps(wanted["policy"]))
        elif "policy" in keys:
            s3.delete_bucket_policy(Bucket=name)
        if "cors" in keys:
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": wanted["cors"]})
        if "lifecycle" in keys:
            s3.put_bucket_lifecycle_configuration(
                Bucket=name, LifecycleConfiguration={"Rules": wanted["lifecycle"]}
            )
        if "tags" in keys:
            found = self._read("get_bucket_tagging", "NoSuchTagSet")
            tags = {**tag_dict(found["TagSet"] if found else []), **self.deployment.tags}
            s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tag_list(tags)})

    def delete(self, name: str) -> None:
        # The policy goes first: nothing in it may stand between destroy and the objects.
        self.client.delete_bucket_policy(Bucket=name)
        for page in self.client.get_paginator("list_object_versions").paginate(Bucket=name):
            doomed = [
                {"Key": v["Key"], "VersionId": v["VersionId"]}
                for v in page.get("Versions", []) + page.get("DeleteMarkers", [])
            ]
            if doomed:
                answer = self.client.delete_objects(
                    Bucket=name, Delete={"Objects": doomed, "Quiet": True}
                )
                if answer.get("Errors"):
                    first = answer["Errors"][0]
                    raise StackError(
                        f"could not empty bucket {name}: {first['Key']}: {first['Message']}"
                    )
        self.client.delete_bucket(Bucket=name)
