"""Start-up of ``claimwatch run``: the token kept out of every log line, and a first contact with
the Bot API that fails in one line.

* :class:`RedactToken` — a ``logging.Filter`` that replaces the bot token (and anything shaped
  like ``bot<digits>:<secret>``) with ``bot<redacted>`` in messages, arguments and tracebacks;
  :func:`install_redaction` puts it on the root logger's handlers (where every propagated record
  passes: a filter on a *logger* only sees records logged on that very logger) and on the root,
  ``telegram``, ``httpx`` and ``httpcore`` loggers.
* :func:`connect` — ``Application.initialize()`` (``getMe``) with exponential back-off on network
  errors (:data:`RETRY_DELAYS`); a refused token or another refusal is a configuration problem
  (``UsageError``, exit code 2), a network that stays down is :class:`StartupFailed` (exit code 1).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from claimwatch.cli.commands import UsageError
from claimwatch.config import Config, ConfigError

__all__ = [
    "RETRY_DELAYS", "RedactToken", "StartupFailed", "check_token_shape", "connect", "install_redaction", "refused",
    "unreachable",
]

log = logging.getLogger("claimwatch.run")

REDACTED = "bot<redacted>"
_BOT_URL_TOKEN = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_BARE_TOKEN = re.compile(r"(?<![A-Za-z0-9_])\d{6,}:[A-Za-z0-9_-]{30,}")  # the shape @BotFather hands out
_TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")
DEFAULT_BASE_URL = "https://api.telegram.org/bot"

# seconds to wait before each new attempt when the Bot API cannot be reached: 5 attempts, ~15 s
RETRY_DELAYS: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)


class StartupFailed(Exception):
    """The Bot API stayed unreachable at start-up: one line, exit code 1."""


class RedactToken(logging.Filter):
    """Replaces the token in a record's message, arguments, traceback and stack text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(f"bot{s}", REDACTED).replace(s, REDACTED)
        return _BARE_TOKEN.sub(REDACTED, _BOT_URL_TOKEN.sub(REDACTED, text))

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
            broken = False
        except Exception:  # args that do not fit the format: logging would print them raw
            message, broken = f"{record.msg} {record.args!r}", True
        clean = self.redact(message)
        if clean != message or broken:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def install_redaction(token: str | None) -> RedactToken:
    """Put one :class:`RedactToken` on the root logger's handlers and on the root, ``telegram``,
    ``httpx`` and ``httpcore`` loggers (replacing one installed before). Call after the
    logging configuration, so that the handlers exist."""
    f = RedactToken([token] if token else [])
    root = logging.getLogger()
    targets: list[logging.Filterer] = [root, *root.handlers]
    targets += [logging.getLogger(name) for name in ("telegram", "httpx", "httpcore")]
    for target in targets:
        for old in [x for x in target.filters if isinstance(x, RedactToken)]:
            target.removeFilter(old)
        target.addFilter(f)
    return f


def check_token_shape(token: str, env_name: str) -> None:
    """A token that cannot be one (typo, quotes, 'bot' in front) is refused before any request."""
    if not _TOKEN_SHAPE.fullmatch(token):
        hint = " (without 'bot' in front)" if token.lower().startswith("bot") else ""
        raise ConfigError(f"{env_name} does not hold a bot token: expected <digits>:<secret>{hint}, "
                          "as @BotFather gives it")


def _refusal(exc: BaseException) -> str:
    """'401 Unauthorized' / '404 Not Found' from PTB's InvalidToken (whose own text quotes the token)."""
    cause = exc.__cause__ if exc.__cause__ is not None else exc
    text = str(getattr(cause, "message", cause)).strip() or "refused"
    codes = {"unauthorized": "401 Unauthorized", "not found": "404 Not Found"}
    return codes.get(text.lower(), text)


def refused(cfg: Config, exc: BaseException) -> str:
    """The one line for a token Telegram refused (PTB's ``InvalidToken``)."""
    tg, status = cfg.telegram, _refusal(exc)
    hint = (f"; is telegram.base_url ({tg.base_url}) a Bot API endpoint?"
            if status.startswith("404") and tg.base_url != DEFAULT_BASE_URL else "")
    return f"Telegram refused the bot token ({status}): check {tg.token_env} / create a token with @BotFather{hint}"


def unreachable(cfg: Config, reason: str, attempts: int = 1) -> str:
    """The one line for a Bot API that cannot be reached."""
    tries = f"; {attempts} attempts over {sum(RETRY_DELAYS):g}s" if attempts > 1 else ""
    return (f"cannot reach the Telegram Bot API at {cfg.telegram.base_url} ({reason}{tries}): check the network "
            "connection and telegram.base_url, then start again")


async def connect(app: Any, cfg: Config, token: str) -> None:  # app: telegram.ext.Application
    """Initialize ``app`` (its ``getMe`` checks the token), retrying network errors with back-off."""
    from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError

    scrub = RedactToken([token]).redact
    attempts = len(RETRY_DELAYS) + 1
    reason = ""
    for attempt in range(1, attempts + 1):
        try:
            await app.initialize()
            return
        except InvalidToken as exc:
            await _close(app)
            raise UsageError(refused(cfg, exc)) from None
        except TelegramError as exc:  # BadRequest is a NetworkError in PTB, but Telegram answered
            if not isinstance(exc, (NetworkError, RetryAfter)) or isinstance(exc, BadRequest):
                await _close(app)
                raise UsageError(f"Telegram refused getMe ({scrub(str(exc))}): check {cfg.telegram.token_env} "
                                 "and telegram.base_url") from None
            reason = scrub(str(exc)).rstrip(".") or type(exc).__name__
            if attempt == attempts:
                break
            wait = RETRY_DELAYS[attempt - 1]
            if isinstance(exc, RetryAfter):
                ra = exc.retry_after
                wait = max(wait, ra.total_seconds() if isinstance(ra, timedelta) else float(ra))
            log.debug("Bot API not reachable (%s): attempt %d of %d, next in %gs", reason, attempt, attempts, wait)
            await asyncio.sleep(wait)
    await _close(app)
    raise StartupFailed(unreachable(cfg, reason, attempts))


async def _close(app: Any) -> None:
    """Close the HTTP clients a failed ``initialize`` opened (``Application.shutdown`` would not)."""
    with contextlib.suppress(Exception):
        await app.bot.shutdown()
