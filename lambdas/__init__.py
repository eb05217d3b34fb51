"""The Lambda functions of sbp: thin handlers over sbp.core, the cloud replica and sbp.render."""
