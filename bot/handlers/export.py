"""/export TOPIC [json]: the topic's figures (every observation of every series) as a file."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import args_of, esc, lang_of, reply, say, topic_by_id
from bot.i18n import t
from bot.state import Ctx
from claimwatch.export import ExportError, export_rows, to_csv, to_json
from claimwatch.store import Store
from claimwatch.store.queries import latest_per_series


def _render(store: Store, topic: str, fmt: str) -> tuple[bytes, int]:
    rows = export_rows(store, topic)  # ExportError when there is nothing yet
    text = to_json(topic, rows, latest_per_series(store, topic)) if fmt == "json" else to_csv(rows)
    return text.encode("utf-8"), len(rows)


async def export(update: Update, ctx: Ctx) -> None:
    args = args_of(ctx)
    lang = lang_of(update, ctx)
    fmt = args[1].lower() if len(args) == 2 else "csv"
    if not 1 <= len(args) <= 2 or fmt not in ("csv", "json"):
        await say(update, ctx, "usage", usage="/export &lt;topic-id&gt; [csv|json]")
        return
    tp = topic_by_id(ctx, args[0].lower())
    if tp is None:
        await reply(update, ctx, t("no_topic", lang, topic=esc(args[0])))
        return
    store = ctx.bot_data.svc().store
    try:
        data, n = _render(store, tp.id, fmt)
    except ExportError:
        await reply(update, ctx, t("export.empty", lang, name=esc(tp.name)))
        return
    msg = update.effective_message
    if msg is None:
        return
    day = ctx.bot_data.clock().date().isoformat()
    await msg.reply_document(data, filename=f"{tp.id}-{day}.{fmt}",
                             caption=t("export.caption", lang, name=esc(tp.name), n=n), do_quote=False)

