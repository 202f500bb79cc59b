"""Admin commands (user ids in ``telegram.admins`` only; the command table enforces it):
/addtopic, /keywords, /removetopic, /addsource, /removesource, /sources, /pause, /resume,
/scan, /stats."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers.common import args_of, esc, lang_of, reply, say
from bot.i18n import fmt_number, t
from bot.jobs import add_source_job, remove_source_job
from bot.state import Ctx, PendingSource
from claimwatch import manage
from claimwatch.schedule import job_name
from claimwatch.sources import SourceRow, list_sources, list_topics

PREVIEW_TTL = timedelta(minutes=15)
KINDS_HINT = "rss · sitemap · html · search"


def _duration(seconds: float) -> str:
    s = int(seconds)
    for unit, n in (("d", 86400), ("h", 3600), ("m", 60)):
        if s >= n and s % n == 0:
            return f"{s // n}{unit}"
    return f"{s}s"


async def addtopic(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    if len(args) < 2:
        await say(update, ctx, "usage", usage="/addtopic &lt;id&gt; &lt;name…&gt;")
        return
    tid, name = args[0].lower(), " ".join(args[1:])
    try:
        manage.add_topic(ctx.bot_data.svc().store, tid, name, ctx.bot_data.clock(), [name])
    except manage.ManageError as exc:
        await say(update, ctx, "error", error=esc(exc))
        return
    await say(update, ctx, "topic_added", id=esc(tid), keywords=esc(name))


async def keywords(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    if len(args) < 2:
        await say(update, ctx, "usage", usage="/keywords &lt;topic-id&gt; &lt;kw1, kw2…&gt;")
        return
    kws = [k.strip() for k in " ".join(args[1:]).split(",") if k.strip()]
    try:
        manage.set_keywords(ctx.bot_data.svc().store, args[0].lower(), kws)
    except manage.ManageError as exc:
        await say(update, ctx, "error", error=esc(exc))
        return
    await say(update, ctx, "keywords_set", id=esc(args[0].lower()), keywords=esc(", ".join(kws)))


async def removetopic(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    if len(args) != 1:
        await say(update, ctx, "usage", usage="/removetopic &lt;topic-id&gt;")
        return
    try:
        n = manage.remove_topic(ctx.bot_data.svc().store, args[0].lower())
    except manage.ManageError as exc:
        await say(update, ctx, "error", error=esc(exc))
        return
    await say(update, ctx, "topic_removed", id=esc(args[0].lower()), n=n)


async def addsource(update: Update, ctx: Ctx) -> None:
    """Validate through the fetch guard, fetch once, preview, and save only on "Save"."""
    args = args_of(ctx)
    lang = lang_of(update, ctx)
    if len(args) not in (2, 3):
        await say(update, ctx, "usage", usage=f"/addsource &lt;url&gt; &lt;topic-id&gt; [{KINDS_HINT}]")
        return
    url, topic = args[0], args[1].lower()
    kind = args[2].lower() if len(args) == 3 else None
    svc = ctx.bot_data.svc()
    if topic not in {tp.id for tp in list_topics(svc.store)}:
        await reply(update, ctx, t("no_topic", lang, topic=esc(topic)))
        return
    await reply(update, ctx, t("preview_wait", lang, url=esc(url)))
    try:
        p = await svc.preview(url, kind)
    except Exception as exc:  # one line to the admin: refused URL, fetch error, unreadable listing
        await say(update, ctx, "error", error=esc(str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        return
    sid = manage.new_source_id(svc.store, p.url, p.kind)
    now = ctx.bot_data.clock()
    for old in [k for k, v in ctx.bot_data.pending.items() if now - v.created > PREVIEW_TTL]:
        del ctx.bot_data.pending[old]  # previews nobody saved
    token = secrets.token_urlsafe(6)
    user = update.effective_user
    ctx.bot_data.pending[token] = PendingSource(sid, p.url, p.kind, topic, update.effective_chat.id if update.effective_chat else 0,
                                                user.id if user else 0, now, dict(p.options))
    figs = "\n".join(f"• {esc(f.what or '?')}: {fmt_number(f.value, lang)}"
                     + (f" ({esc(f.actor)})" if f.actor else "") + (f" — {esc(f.claimed_by)}" if f.claimed_by else "")
                     for f in p.figures[:10]) or "—"
    newest = (f'<a href="{esc(p.newest_url)}">{esc(p.newest_title or p.newest_url)}</a>' if p.newest_url else "—")
    text = t("preview", lang, kind=esc(p.kind), items=p.items_found, newest=newest, n=len(p.figures), figures=figs,
             id=esc(sid), topic=esc(topic))
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(t("btn_save", lang), callback_data=f"src:save:{token}"),
                                    InlineKeyboardButton(t("btn_cancel", lang), callback_data=f"src:cancel:{token}")]])
    await reply(update, ctx, text, markup=markup)


async def addsource_button(update: Update, ctx: Ctx, action: str, token: str) -> str | None:
    lang = lang_of(update, ctx)
    pending = ctx.bot_data.pending.pop(token, None)
    user = update.effective_user
    if pending is None or ctx.bot_data.clock() - pending.created > PREVIEW_TTL or user is None or user.id != pending.user_id:
        return t("expired", lang)
    q = update.callback_query
    if action == "cancel":
        if q is not None:  # the preview message becomes the outcome, without its buttons
            await q.edit_message_text(t("cancelled", lang))
        return t("cancelled", lang)
    svc = ctx.bot_data.svc()
    try:
        manage.add_source(svc.store, pending.source_id, pending.kind, pending.url, [pending.topic], ctx.bot_data.clock(),
                          options=pending.options)
    except manage.ManageError as exc:
        return str(exc)
    src = next(s for s in list_sources(svc.store) if s.id == pending.source_id)
    add_source_job(ctx.application, src.id, src.interval)
    saved = t("source_saved", lang, id=esc(src.id), interval=_duration(src.interval))
    if q is not None:
        await q.edit_message_text(saved)
    else:
        await reply(update, ctx, saved)
    return None


async def removesource(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    if len(args) != 1:
        await say(update, ctx, "usage", usage="/removesource &lt;source-id&gt;")
        return
    try:
        manage.remove_source(ctx.bot_data.svc().store, args[0])
    except manage.ManageError as exc:
        await say(update, ctx, "error", error=esc(exc))
        return
    remove_source_job(ctx.application, args[0])
    await say(update, ctx, "source_removed", id=esc(args[0]))


def _when(dt: object, lang: str) -> str:
    if not isinstance(dt, datetime):
        return t("never", lang)
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _next_run(ctx: Ctx, s: SourceRow) -> datetime | None:
    """The job's next run, or later when the source is backing off after failures."""
    jobs = ctx.job_queue.get_jobs_by_name(job_name(s.id)) if ctx.job_queue else []
    nxt = jobs[0].next_t if jobs else None
    if s.failures and s.next_run and (nxt is None or s.next_run > nxt):
        return s.next_run
    return nxt


async def sources(update: Update, ctx: Ctx) -> None:
    lang = lang_of(update, ctx)
    rows = list_sources(ctx.bot_data.svc().store)
    if not rows:
        await say(update, ctx, "sources_none")
        return
    lines = [t("sources_head", lang)]
    for s in rows:
        icon = "⏸" if s.paused else "🔴" if s.unhealthy else "🟡" if s.failures or s.layout_warning else "🟢"
        backoff = ""
        if s.failures and s.next_run and s.last_run:
            backoff = t("backoff", lang, n=s.failures, delay=_duration((s.next_run - s.last_run).total_seconds()))
        lines.append(t(
            "source_line", lang, icon=icon, id=esc(s.id), kind=esc(s.kind), paused=t("paused", lang) if s.paused else "",
            url=esc(s.url or "—"), ok=_when(s.last_success, lang), next=_when(_next_run(ctx, s), lang),
            articles=s.articles, backoff=backoff,
            baseline=(t("baseline_taken", lang, when=_when(s.baseline_at, lang)) if s.baseline_at
                      else t("baseline_pending", lang) if s.baseline else ""),
            error=f"\n   ⚠️ {esc(s.last_error)}" if s.failures and s.last_error else "",
            layout=f"\n   ⚠️ {esc(s.layout_warning)}" if s.layout_warning else ""))
    await reply(update, ctx, "\n".join(lines))


async def _pause(update: Update, ctx: Ctx, paused: bool) -> None:
    args = args_of(ctx)
    if len(args) != 1:
        await say(update, ctx, "usage", usage=f"/{'pause' if paused else 'resume'} &lt;source-id | topic-id&gt;")
        return
    lang = lang_of(update, ctx)
    try:
        what = manage.set_paused(ctx.bot_data.svc().store, args[0], paused)
    except manage.ManageError as exc:
        await say(update, ctx, "error", error=esc(exc))
        return
    await say(update, ctx, "paused_set" if paused else "resumed_set", what=t(f"what_{what}", lang), id=esc(args[0]))


async def pause(update: Update, ctx: Ctx) -> None:
    await _pause(update, ctx, True)


async def resume(update: Update, ctx: Ctx) -> None:
    await _pause(update, ctx, False)


async def scan(update: Update, ctx: Ctx) -> None:
    """Run one source (or all) now, ignoring back-off; alerts go out through the outbox."""
    args = args_of(ctx)
    svc = ctx.bot_data.svc()
    ids = [s.id for s in list_sources(svc.store) if not args or s.id == args[0]]
    if args and not ids:
        await say(update, ctx, "no_source", id=esc(args[0]))
        return
    await say(update, ctx, "scan_started", n=len(ids))
    import asyncio

    runs = await asyncio.gather(*(svc.monitor.run_source(i, force=True) for i in ids))
    lang = lang_of(update, ctx)
    lines = [t("scan_line", lang, id=esc(r.source_id), outcome=esc(r.outcome), items=r.items_found, articles=r.articles,
               alerts=len(r.alerts), error=f" ({esc(r.error)})" if r.error else "") for r in runs]
    await reply(update, ctx, "\n".join(lines) or "—")
    sender = ctx.bot_data.sender
    if sender is not None and any(r.alerts for r in runs):
        await sender.run_once()


async def stats(update: Update, ctx: Ctx) -> None:
    await say(update, ctx, "stats", **manage.stats(ctx.bot_data.svc().store))
