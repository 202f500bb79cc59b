"""Commands that read files and databases: ``extract``, ``replay``, ``timeline``, ``demo``."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from claimwatch.config import Config, default_config, load_config
from claimwatch.extract import Extractor, extractor_from_config, topic_subjects
from claimwatch.models import Extraction
from claimwatch.topics import TopicMatcher, gazetteer_names

if TYPE_CHECKING:
    from claimwatch.store import Store


class UsageError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def _load(path: str | None) -> Config:
    return load_config(path) if path else default_config()


def parse_published(value: Any) -> datetime | None:
    """ISO-8601 to an aware datetime (naive means UTC); None stays None."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(f"'published' must be an ISO-8601 string, got {type(value).__name__}")
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"'published' is not ISO-8601: {value!r}") from exc
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _read_input(source: str) -> str:
    """Text of a file, of stdin ('-'), or of a URL."""
    if source == "-":
        return sys.stdin.read()
    p = Path(source)
    if not p.is_file():
        raise UsageError(f"no such file: {source}")
    raw = p.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _html_to_text(html: str) -> str:
    from scrapers.html_text import html_to_text

    return html_to_text(html)


def _to_text(data: str) -> str:
    """Plain text of the input: HTML (detected) is converted, text is kept as it is."""
    from scrapers.html_text import looks_like_html

    return _html_to_text(data) if looks_like_html(data) else data


def _extract_one(ex: Extractor, data: str, lang: str, published: datetime | None) -> Extraction:
    return ex.extract(_to_text(data), lang=lang, published=published)


def _extract_url(cfg: Config, ex: Extractor, url: str, lang: str) -> Extraction:
    """Fetch ``url`` through the guarded client, read the article (profiles apply), extract."""
    import asyncio

    from claimwatch.cli.wiring import FetchError, fetch_page
    from claimwatch.sources import profile_of
    from scrapers.article import extract_article, pick_profile

    try:
        body, final_url, charset = asyncio.run(fetch_page(cfg, url))
    except FetchError as exc:
        raise UsageError(str(exc)) from None
    page = extract_article(body, final_url, profile=pick_profile([profile_of(p) for p in cfg.profiles], final_url),
                          charset=charset, max_chars=cfg.fetch.max_article_chars)
    if not page.text.strip():
        raise UsageError(f"{url}: no article text found on the page")
    return ex.extract(page.text, lang=page.lang if lang == "auto" and page.lang else lang, published=page.published)


def extraction_records(result: Extraction) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [{"type": "figure", **f.to_dict()} for f in result.figures]
    rows += [{"type": "statement", **s.to_dict()} for s in result.statements]
    return rows


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    cfg = _load(args.config)
    ex = extractor_from_config(cfg, include_quotes=args.quotes)
    if args.batch:
        return _extract_batch(ex, args, out)
    if args.input and args.input.startswith(("http://", "https://")):
        result = _extract_url(cfg, ex, args.input, args.lang)
    else:
        result = _extract_one(ex, _read_input(args.input or "-"), args.lang, None)
    if args.format == "json":
        for row in extraction_records(result):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        from claimwatch.report import print_extraction

        print_extraction(result, out)
    return 0


def _extract_batch(ex: Extractor, args: argparse.Namespace, out: TextIO) -> int:
    path = Path(args.batch)
    if not path.is_file():
        raise UsageError(f"no such file: {args.batch}")
    errors = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec_id: Any = f"line-{lineno}"
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise ValueError("a line must be a JSON object")
                rec_id = rec.get("id", rec_id)
                data = rec.get("text") if rec.get("text") is not None else rec.get("html")
                if not isinstance(data, str):
                    raise ValueError("needs 'text' or 'html' (a string)")
                lang = rec.get("lang") or args.lang
                if lang not in ("id", "en", "auto"):
                    raise ValueError(f"'lang' must be id, en or auto, got {lang!r}")
                published = parse_published(rec.get("published"))
                text = data if rec.get("text") is not None else _html_to_text(data)
                result = ex.extract(text, lang=lang, published=published)
                row = {
                    "id": rec_id,
                    "lang": result.lang,
                    "figures": [f.to_dict() for f in result.figures],
                    "statements": [s.to_dict() for s in result.statements],
                }
            except (ValueError, json.JSONDecodeError) as exc:
                errors += 1
                row = {"id": rec_id, "error": f"line {lineno}: {exc}"}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if errors:
        print(f"claimwatch: {errors} line(s) of {args.batch} had errors (see 'error' objects)", file=sys.stderr)
    return 0


def _topics(cfg: Config, ex: Extractor) -> list[TopicMatcher]:
    names = gazetteer_names(ex.gazetteer)
    return [TopicMatcher(t.id, tuple(t.keywords), tuple(t.require_any), tuple(t.exclude), names) for t in cfg.topics]


def cmd_replay(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.store import open_store

    cfg = _load(args.config)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {args.file}")
    db = args.db
    if db and Path(db).exists() and not args.append:
        raise UsageError(f"--db {db} exists; replay wants a fresh database (remove it, or pass --append)")
    with contextlib.ExitStack() as cleanup:
        scratch = not db
        if scratch:  # a fresh temporary file (not memory: a year of coverage would all stay in RAM)
            db = str(Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="claimwatch-replay-"))) / "replay.db")
        store = open_store(db)
        if scratch:
            # thrown away at the end: no fsync; a 64 MB page cache keeps the growing history at hand
            store.db.conn.execute("PRAGMA synchronous = OFF")
            store.db.conn.execute("PRAGMA cache_size = -65536")
        return _replay_into(store, cfg, path, args.format, out, replay_jobs(args.jobs, path))


# articles tracked per transaction by replay (see replay.replay)
REPLAY_BATCH = 50
# an archive smaller than this replays in one process: forking workers would not pay
PARALLEL_REPLAY_BYTES = 1_000_000


def replay_jobs(asked: int | None, path: Path, cores: int | None = None) -> int:
    """The processes reading an archive: as asked, else the machine's cores for an archive large
    enough to gain from them, at most 4 (past that, the main process, which tracks, is the
    bottleneck)."""
    if asked is not None:
        return asked
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 4) if cores > 1 and path.stat().st_size >= PARALLEL_REPLAY_BYTES else 1


def _replay_into(store: Store, cfg: Config, path: Path, fmt: str, out: TextIO, jobs: int = 1) -> int:
    from claimwatch.replay import alert_json, replay
    from claimwatch.report import alert_line
    from claimwatch.tracker import Tracker
    from scrapers.html_text import html_to_text

    try:
        ex = extractor_from_config(cfg)
        tracker = Tracker(store, cfg.tracking.conflict_window, subjects=topic_subjects(cfg, ex),
                          max_figures=cfg.tracking.max_figures_per_article,
                          max_alerts=cfg.tracking.max_alerts_per_article)
        now = datetime.now(UTC)
        errors = over = held = 0
        with path.open(encoding="utf-8", errors="replace") as fh:
            for ev in replay(fh, ex, tracker, _topics(cfg, ex), now=now, html_to_text=html_to_text, jobs=jobs,
                             batch=REPLAY_BATCH):
                over, held = over + ev.figures_over_cap, held + ev.alerts_held
                if ev.error:
                    errors += 1
                    print(f"claimwatch: {ev.error}", file=sys.stderr)
                for a in ev.alerts:
                    if fmt == "json":
                        out.write(json.dumps(alert_json(a), ensure_ascii=False) + "\n")
                    else:
                        out.write(alert_line(a) + "\n")
        if over or held:
            print(f"claimwatch: per-article caps: {over} figure(s) not tracked, {held} alert(s) held back "
                  "(tracking.max_figures_per_article, tracking.max_alerts_per_article)", file=sys.stderr)
        if errors:
            print(f"claimwatch: {errors} line(s) skipped", file=sys.stderr)
    finally:
        store.close()
    return 2 if errors else 0  # the good lines were replayed; a malformed one is still a user error


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    from claimwatch.report import print_history, print_latest
    from claimwatch.store import open_store
    from claimwatch.store.queries import latest_per_series, series_history

    cfg = _load(args.config)
    db = args.db or (str(cfg.storage.path) if cfg.path is not None else None)
    if not db:
        raise UsageError("timeline needs a database: pass --db PATH or --config FILE with [storage] path")
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    store = open_store(db)
    try:
        if args.concept:
            rows = series_history(store, args.topic, args.concept)
            if not rows:
                raise UsageError(f"no observations for {args.topic}/{args.concept}")
            print_history(args.topic, args.concept, rows, out)
        else:
            series = latest_per_series(store, args.topic)
            if not series:
                raise UsageError(f"no series for topic {args.topic!r}")
            print_latest(args.topic, series, out)
    finally:
        store.close()
    return 0




def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Every observation of a topic's series (the rows of ``timeline TOPIC CONCEPT``) as CSV or JSON."""
    from claimwatch.export import ExportError, export_rows, to_csv, to_json
    from claimwatch.store import open_store
    from claimwatch.store.queries import latest_per_series

    cfg = _load(args.config)
    db = args.db or (str(cfg.storage.path) if cfg.path is not None else None)
    if not db:
        raise UsageError("export needs a database: pass --db PATH or --config FILE with [storage] path")
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    store = open_store(db)
    try:
        try:
            rows = export_rows(store, args.topic)
        except ExportError as exc:
            raise UsageError(str(exc)) from None
        text = to_json(args.topic, rows, latest_per_series(store, args.topic)) if args.format == "json" else to_csv(rows)
    finally:
        store.close()
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
        print(f"claimwatch: {len(rows)} rows of {args.topic} written to {args.out}", file=sys.stderr)
    else:
        out.write(text)
    return 0
