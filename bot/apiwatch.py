"""Every Bot API call, observed: PTB's ``HTTPXRequest`` with a callback after each request.

``claimwatch run`` hands the callback in (``build_application(..., on_api_call=...)``): it
notes the last call Telegram answered (``claimwatch health``'s "telegram 12s ago") and feeds the
metrics (send latency, calls per method and status). The callback gets the Bot API method name
(``sendMessage``), the HTTP status (``None`` when no answer came) and the seconds it took; it
never sees the URL, which holds the token.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from telegram.request import HTTPXRequest

__all__ = ["ApiCallback", "ObservedRequest", "observed_requests"]

log = logging.getLogger("claimwatch.bot")

ApiCallback = Callable[[str, "int | None", float], None]


class ObservedRequest(HTTPXRequest):
    def __init__(self, on_call: ApiCallback, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_call = on_call

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        started = time.monotonic()
        status: int | None = None
        try:
            status, payload = await super().do_request(url, method, *args, **kwargs)
            return status, payload
        finally:
            try:
                self._on_call(url.rsplit("/", 1)[-1], status, time.monotonic() - started)
            except Exception:  # observing never breaks a request
                log.debug("the Bot API call observer failed", exc_info=True)


def observed_requests(on_call: ApiCallback) -> tuple[ObservedRequest, ObservedRequest]:
    """(request, get_updates_request) as ``ApplicationBuilder`` would build them by default
    (connection pools of 256 and 1), observed."""
    return ObservedRequest(on_call, connection_pool_size=256), ObservedRequest(on_call, connection_pool_size=1)
