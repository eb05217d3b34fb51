"""sbp's AWS side as code: the stack as data, its IAM policies, and plan, apply and destroy.

`cloud.names`, `cloud.stack` and `cloud.policies` are pure (no boto3), so the gateway can build a
user's session policy from them without loading the deploy tooling.
"""
