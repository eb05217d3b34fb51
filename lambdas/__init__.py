"""The three AWS Lambda functions: thin handlers over sbp's core and the cloud replica.

- `lambdas.categorizer.handler` (SQS): categorizes what reaches the replica uncategorized;
- `lambdas.budget_alert.handler` (daily schedule): publishes the budget alerts that are due;
- `lambdas.report_generator.handler` (invoked by the gateway): renders a report PDF into S3.

Logging, metrics, batch failures and idempotency come from Powertools (`lambdas.observability`);
resource names and clients from the environment (`lambdas.environment`).
"""
