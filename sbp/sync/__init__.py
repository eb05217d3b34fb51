"""Sync: this device's store and the user's replica in the cloud, kept the same.

Built on the ports only (`Ledger`, `SyncReplica`, `Snapshots`, `Clock`): `sbp.bootstrap` fills
them with the SQLite store and the DynamoDB and S3 adapters, the tests with the memory ones.
`engine.Syncer` runs one sync; the other modules each do one of its steps.
"""
