"""Budget alerts by e-mail or SMS: the user's subscriptions to the alerts topic.

Every message on the alerts topic carries a `user_id` message attribute; each subscription made
here has a filter policy on the subscriber's own id, so a person receives only their own alerts.
At most one e-mail address and one phone number per user; the subscription ARNs are kept with
the account (`alerts` item) so they can be shown, replaced and removed.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from server.access_log import event
from server.accounts import Accounts
from server.dynamo import error_code, or_unavailable

CHANNELS = ("email", "sms")


class AlertSubscriptions:
    """Subscribes, shows and removes one user's alert channels."""

    def __init__(self, sns: Any, topic: str, accounts: Accounts) -> None:
        self._sns = sns
        self._topic = topic
        self._accounts = accounts

    def state(self, user_id: str) -> dict[str, Any]:
        targets = self._accounts.alert_targets(user_id)
        answer: dict[str, Any] = {}
        for channel in CHANNELS:
            arn = targets.get(f"{channel}_arn")
            answer[channel] = targets.get(channel)
            answer[f"{channel}_confirmed"] = self._confirmed(arn) if arn else False
        return answer

    def subscribe(self, user_id: str, channel: str, endpoint: str) -> dict[str, Any]:
        """Send this channel's alerts to `endpoint` instead of wherever they went before."""
        targets = self._accounts.alert_targets(user_id)
        self._unsubscribe(targets.get(f"{channel}_arn"))
        with or_unavailable():
            arn = self._sns.subscribe(
                TopicArn=self._topic,
                Protocol=channel,
                Endpoint=endpoint,
                Attributes={"FilterPolicy": json.dumps({"user_id": [user_id]})},
                ReturnSubscriptionArn=True,
            )["SubscriptionArn"]
        targets.update({channel: endpoint, f"{channel}_arn": arn})
        self._accounts.set_alert_targets(user_id, targets)
        event("alerts_subscribed", user_id=user_id, channel=channel)
        return self.state(user_id)

    def turn_off(self, user_id: str) -> dict[str, Any]:
        targets = self._accounts.alert_targets(user_id)
        for channel in CHANNELS:
            self._unsubscribe(targets.get(f"{channel}_arn"))
        self._accounts.set_alert_targets(user_id, {})
        event("alerts_off", user_id=user_id)
        return self.state(user_id)

    def _confirmed(self, arn: str) -> bool:
        try:
            with or_unavailable():
                attributes = self._sns.get_subscription_attributes(SubscriptionArn=arn)
        except ClientError as error:
            if error_code(error) in {"NotFound", "InvalidParameter"}:
                return False
            raise
        return bool(attributes["Attributes"].get("PendingConfirmation") == "false")

    def _unsubscribe(self, arn: str | None) -> None:
        if not arn:
            return
        try:
            with or_unavailable():
                self._sns.unsubscribe(SubscriptionArn=arn)
        except ClientError as error:  # already gone, or never confirmed: nothing left to remove
            if error_code(error) not in {"NotFound", "InvalidParameter"}:
                raise
