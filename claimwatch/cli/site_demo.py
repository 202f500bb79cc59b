"""``claimwatch demo``: the real pipeline against a bundled news site served on 127.0.0.1.

The site (``claimwatch.demo_site``) publishes its story one step at a time; after each step every
source is polled through the guarded fetcher (the site's ``host:port`` is the only private
address allowed), new articles are read, tracked in a temporary database, and the alerts are
printed as a chat would show them. Finishes by itself in seconds; never touches the network.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.htmlsplit import html_to_plain
from bot.render import render_article
from claimwatch.cli.wiring import runtime
from claimwatch.config import Config, FetchConfig, ProfileConfig, SourceConfig, TopicConfig
from claimwatch.demo_site import DemoSite
from claimwatch.models import Alert
from claimwatch.store.queries import latest_per_series

DEMO_TOPIC = TopicConfig(
    id="banjir", name="Banjir bandang dan longsor",
    keywords=("banjir", "longsor", "flood", "floods", "landslide", "landslides"),
)
# The Indonesian pages use a Liputan6-like layout: the shipped example profile reads them.
DEMO_PROFILE = ProfileConfig(
    name="demo-liputan", match=("127.0.0.1",), body="div.article-content-body__item-content",
    title="h1", date="time", drop=(".baca-juga", ".advertisement"),
)


DEMO_TZ = ZoneInfo("Asia/Jakarta")  # a new chat's time zone
_STORY: dict[str, Any] = {"baseline": False, "max_age": 3650 * 86400.0}

def demo_config(site: DemoSite, db: Path) -> Config:
    from claimwatch.config import StorageConfig

    return Config(
        storage=StorageConfig(path=db),
        fetch=FetchConfig(allow_private_hosts=(site.host_port,), politeness_delay=0.0, timeout=5.0),
        topics=(DEMO_TOPIC,),
        # the demo tells a story from its first article: no silent baseline, no age limit
        sources=(
            SourceConfig(id="demo-id", kind="rss", url=site.feed_url("id"), topics=("banjir",),
                         interval=600.0, profile="demo-liputan", **_STORY),
            SourceConfig(id="demo-en", kind="rss", url=site.feed_url("en"), topics=("banjir",), interval=600.0,
                         **_STORY),
            # The news sitemap's <lastmod> is how an article updated in place is noticed (the
            # feeds keep its original date); URLs already read through a feed are not re-read.
            SourceConfig(id="demo-sitemap", kind="sitemap", url=f"{site.base_url}/sitemap-news.xml",
                         topics=("banjir",), interval=600.0, profile="demo-liputan",
                         options=MappingProxyType({"max_age": "3650d"}), **_STORY),
        ),
        profiles=(DEMO_PROFILE,),
    )


def _print_alerts(alerts: list[Alert], out: TextIO, lang: str) -> None:
    """What a chat receives: one message per article, exactly as the bot renders it (in the
    chat's default time zone, WIB), shown as plain text."""
    by_article: dict[str, list[Alert]] = {}
    for a in alerts:
        by_article.setdefault(a.url or "", []).append(a)
    for group in by_article.values():
        msg = render_article(group, lang, topic_names={DEMO_TOPIC.id: DEMO_TOPIC.name}, tz=DEMO_TZ)
        text = html_to_plain(msg, links=True)
        out.write("\n" + "\n".join("  │ " + ln for ln in text.splitlines() if ln.strip()) + "\n")


async def _run(site: DemoSite, db: Path, out: TextIO, delay: float, lang: str) -> int:
    cfg = demo_config(site, db)
    total = 0
    async with runtime(cfg, db=db) as rt:
        for step in range(1, site.steps + 1):
            urls = site.publish_next()
            out.write(f"\n── Step {step}/{site.steps}: the site publishes or updates {len(urls)} article(s) ──\n")
            for u in urls:
                out.write(f"   {u}\n")
            runs = await rt.monitor.run_all()
            alerts = [a for r in runs for a in r.alerts]
            for r in runs:
                for p in r.problems:
                    out.write(f"   ! {r.source_id}: {p}\n")
            out.write(f"   polled {len(runs)} sources: " + ", ".join(f"{r.source_id} {r.outcome}" for r in runs) + "\n")
            if alerts:
                _print_alerts(alerts, out, lang)
            else:
                out.write("   (no alert: nothing new)\n")
            total += len(alerts)
            out.flush()
            if delay:
                await asyncio.sleep(delay)
        out.write("\n── Where the story stands (claimwatch timeline banjir) ──\n")
        for s in latest_per_series(rt.store, "banjir"):
            who = ", ".join(s.claimants) or "?"
            others = "; ".join(f"{c}: {v:g}" for c, v, _m in s.other_claims)
            out.write(f"   {s.what} ({s.actor or '-'}): {s.value:g}{'–' + format(s.value_max, 'g') if s.value_max else ''}"
                      f" per {who}, {s.published.date()}{'  [others: ' + others + ']' if others else ''}\n")
    out.write(f"\n{total} alerts from {site.steps} publishing steps; {len(site.requests)} requests served by the demo site.\n")
    return 0


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    started = time.monotonic()
    out.write("ClaimWatch demo: a bundled news site on 127.0.0.1, the real pipeline, a temporary database.\n")
    with tempfile.TemporaryDirectory(prefix="claimwatch-demo-") as tmp, DemoSite() as site:
        out.write(f"Site: {site.base_url}  feeds: {site.feed_url('id')}  {site.feed_url('en')}\n")
        code = asyncio.run(_run(site, Path(tmp) / "demo.db", out, args.delay, args.lang))
    out.write(f"Done in {time.monotonic() - started:.1f} s ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC).\n")
    return code
