"""Fixtures the bot's tests share: a stand-in Bot API and a news site, both on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.botapi import FakeBotAPI
from tests.support.httpserver import LocalServer
from tests.support.newssite import Site


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as a:
        yield a


@pytest.fixture
def site() -> Iterator[Site]:
    with LocalServer() as srv:
        yield Site(srv)
