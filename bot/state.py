"""Typed shared state of the running bot (``context.bot_data``), and what the bot needs from
the rest of ClaimWatch: a store, a monitor, a source previewer — handed in by the composition
root (``claimwatch run``), so that ``bot`` never imports ``scrapers``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from telegram.ext import CallbackContext, ExtBot

from claimwatch.config import Config
from claimwatch.models import SourcePreview
from claimwatch.monitor import Monitor
from claimwatch.store import Store


class Services(Protocol):
    """Long-lived services, opened in ``post_init`` and closed in ``post_shutdown``."""

    store: Store
    monitor: Monitor

    async def preview(self, url: str, kind: str | None) -> SourcePreview: ...


ServicesFactory = Callable[[], AbstractAsyncContextManager[Services]]


@dataclass
class PendingSource:
    """An /addsource preview waiting for the admin's "Save"."""

    source_id: str
    url: str
    kind: str
    topic: str
    chat_id: int
    user_id: int
    created: datetime
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class BotState:
    cfg: Config | None = None
    services: Services | None = None
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    pending: dict[str, PendingSource] = field(default_factory=dict)
    sender: Any = None  # bot.delivery.Sender, set in post_init
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def svc(self) -> Services:
        if self.services is None:
            raise RuntimeError("services are not open (post_init has not run)")
        return self.services


Ctx = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotState]
