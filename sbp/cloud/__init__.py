"""The device side of the cloud and the replica adapter the Lambdas share.

Everything here imports boto3 (or keyring) lazily, so a signed-out `sbp` never loads them.
"""
