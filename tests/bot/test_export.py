"""/export end to end: the real bot over real HTTP to the stand-in Bot API, a news site on
127.0.0.1, a SQLite file. The document the bot uploads is read back and checked row by row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from claimwatch.export import COLUMNS
from claimwatch.store.queries import series_history
from tests.bot.harness import Running, bot_config, running_bot
from tests.bot.test_e2e import USER, ask, scan_as_admin
from tests.support.botapi import FakeBotAPI, Sent
from tests.support.newssite import P1, P2, Site


@pytest.fixture
async def bot(api: FakeBotAPI, site: Site, tmp_path: Path) -> AsyncIterator[Running]:
    async with running_bot(bot_config(api, site, tmp_path / "bot.db"), api) as r:
        yield r


async def _document(api: FakeBotAPI, text: str, chat_id: int = USER, **kw: object) -> Sent:
    before = len(api.messages_to(chat_id))
    api.user_says(text, chat_id=chat_id, user_id=chat_id, **kw)  # type: ignore[arg-type]
    got = await api.wait_for_messages_async(chat_id, before + 1)
    doc = got[before]
    assert doc.method == "sendDocument", doc.text
    return doc


async def _scanned(api: FakeBotAPI, site: Site) -> None:
    site.publish("/news/1", "Banjir Garut", P1, 2, 8)
    site.publish("/news/2", "Banjir susulan", P2, 4, 9)
    await scan_as_admin(api)


async def test_export_sends_a_csv_whose_rows_are_the_series_history(bot: Running, api: FakeBotAPI, site: Site) -> None:
    await _scanned(api, site)
    doc = await _document(api, "/export banjir")
    assert doc.filename == f"banjir-{bot.state.clock().date().isoformat()}.csv"
    assert doc.document is not None
    reader = csv.DictReader(io.StringIO(doc.document.decode("utf-8")))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    store = bot.state.svc().store
    for what in ("killed", "houses_damaged"):
        expected = [(datetime.fromisoformat(r["published"]), r["actor"] or "", r["scope"] or "", float(r["value"]),
                     r["claimed_by"] or "", r["decision"], r["url"])
                    for r in series_history(store, "banjir", what)]
        got = [(datetime.fromisoformat(r["published"]), r["actor"], r["scope"], float(r["value"]),
                r["claimed_by"], r["decision"], r["url"]) for r in rows if r["what"] == what]
        assert got == expected and got, what
    killed = [r for r in rows if r["what"] == "killed"]
    assert [r["value"] for r in killed] == ["12", "19"] and [r["decision"] for r in killed] == ["new", "revised"]
    assert killed[0]["url"] == site.srv.url("/news/1")
    assert doc.text is not None and "Banjir Garut" in doc.text and f"{len(rows)} rows" in doc.text


async def test_export_json_and_in_indonesian(bot: Running, api: FakeBotAPI, site: Site) -> None:
    await _scanned(api, site)
    doc = await _document(api, "/export banjir json", chat_id=3001, language_code="id")
    assert doc.filename is not None and doc.filename.startswith("banjir-") and doc.filename.endswith(".json")
    assert doc.document is not None
    data = json.loads(doc.document.decode("utf-8"))
    assert data["topic"] == "banjir"
    assert {s["what"]: s["value"] for s in data["latest"]}["killed"] == 19
    assert [r["value"] for r in data["rows"] if r["what"] == "killed"] == [12, 19]
    assert doc.text == f"Banjir Garut: {len(data['rows'])} baris angka (semua seri, terlama dulu)"


async def test_export_of_an_unknown_or_empty_topic_gets_a_reply(bot: Running, api: FakeBotAPI) -> None:
    unknown = await ask(api, "/export gempa")
    assert "<code>gempa</code>" in unknown and "/topics" in unknown
    assert "nothing to export" in await ask(api, "/export banjir")  # no figures scanned yet
    assert "Usage: /export" in await ask(api, "/export banjir xml")
    assert not any(m.method == "sendDocument" for m in api.sent)
