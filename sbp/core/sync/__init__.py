"""What devices and the cloud exchange: versioned records, their merge, and the hybrid clock.

Pure like the rest of the core: the SQLite store, the DynamoDB replica and the Lambdas all merge
with the same functions, so "the newer version wins per field" means the same thing everywhere.
"""
