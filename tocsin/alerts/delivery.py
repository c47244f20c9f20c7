"""Alerts owed to a webhook, kept in the store until the webhook has taken them.

An alert raised with a webhook configured is owed to it in the same transaction that stores the
alert. After each watch cycle, `sync` records what the webhook took and (re)sends what it still
owes that is not already queued: alerts raised this cycle, those a killed watch never sent, and
those a webhook that was down refused. Delivery is at least once: a watch killed after a POST and
before its record sends that alert again, so receivers dedupe by `alert_id`.
"""

from __future__ import annotations

import hashlib

from tocsin.alerts import table
from tocsin.alerts.webhook import Webhook
from tocsin.store.backends import Backend


def target_of(url: str) -> str:
    """How the store names a webhook: a hash of its URL, which may carry a token."""
    return "webhook:" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]


class Delivery:
    def __init__(self, backend: Backend, webhook: Webhook):
        self.backend = backend
        self.webhook = webhook
        self.target = target_of(webhook.url)

    def sync(self) -> None:
        table.mark_delivered(self.backend, self.target, self.webhook.taken())
        queued = self.webhook.in_flight()
        for record in table.stored(self.backend, owed_to=self.target):
            if record["alert_id"] not in queued:
                self.webhook.send(record)

    def close(self, timeout: float) -> None:
        """Give the queue `timeout` seconds to drain, then record what was taken."""
        self.webhook.close(timeout=timeout)
        table.mark_delivered(self.backend, self.target, self.webhook.taken())
