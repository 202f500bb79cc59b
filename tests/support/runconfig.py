"""A config file for running the real ``claimwatch`` executable against loopback servers.

Tests and benches that start ``claimwatch run`` / ``scan`` as processes all need the same
file: a database next to it, the stand-in Bot API (or none), the fetch guard opened for the
local news site, one topic and one RSS source. ``write_run_config`` writes it; keyword tables
override or add keys per section (values written as TOML; ``None`` leaves a key out).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from tests.support.botapi import FakeBotAPI
from tests.support.httpserver import LocalServer


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _section(header: str, keys: Mapping[str, object]) -> str:
    return header + "\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in keys.items() if v is not None)


def write_run_config(path: Path, srv: LocalServer, *, api: FakeBotAPI | None = None, token_env: str = "CW_TEST_TOKEN",
                     db: str | None = None, telegram: Mapping[str, object] | None = None,
                     fetch: Mapping[str, object] | None = None, source: Mapping[str, object] | None = None,
                     topic_name: str = "Banjir Garut", extra: Mapping[str, Mapping[str, object]] | None = None) -> Path:
    """Write the config to ``path`` (its database ``<stem>.db`` beside it unless ``db``) and return
    ``path``. ``api=None`` leaves out ``base_url`` (a scan needs no Telegram)."""
    tg: dict[str, object] = {"token_env": token_env}
    if api is not None:
        tg["base_url"] = api.base_url
    tg.update(telegram or {})
    src: dict[str, object] = {"id": "lokal", "kind": "rss", "url": srv.url("/feed.xml"), "topics": ["banjir"],
                              "interval": "1h"}
    src.update(source or {})
    parts = [
        _section("[storage]", {"path": db or f"{path.stem}.db"}),
        _section("[telegram]", tg),
        _section("[fetch]", {"allow_private_hosts": [srv.host_port], "politeness_delay": 0.0, "timeout": 5.0,
                             "retries": 0, **(fetch or {})}),
        *(_section(f"[{name}]", keys) for name, keys in (extra or {}).items()),
        _section("[[topics]]", {"id": "banjir", "name": topic_name, "keywords": ["banjir"]}),
        _section("[[sources]]", src),
    ]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
