"""Chat texts of the command handlers, in Indonesian and English (merged into ``bot.i18n``).

HTML parse mode: placeholders are filled with already-escaped values by the handlers.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # -- /start, /help
    "start": {
        "id": ("👋 <b>ClaimWatch</b> memantau berita tentang topik yang Anda ikuti, membaca setiap "
               "<b>angka</b> (berapa, apa yang dihitung, milik siapa, <b>menurut siapa</b>) dan setiap "
               "<b>pernyataan</b> (bantahan, konfirmasi), lalu memberi tahu Anda ketika ada yang "
               "<b>baru</b> atau <b>berubah</b>.\n\nBahasa obrolan ini: Indonesia (ubah lewat /settings).\n"
               "Mulai dengan /topics untuk memilih topik. Semua perintah: /help"),
        "en": ("👋 <b>ClaimWatch</b> watches the news on topics you follow, reads every <b>figure</b> "
               "(how many, of what, whose, <b>who says so</b>) and every <b>statement</b> (denials, "
               "confirmations), and tells you when something is <b>new</b> or <b>changed</b>.\n\n"
               "This chat's language: English (change it with /settings).\n"
               "Start with /topics to pick a topic. All commands: /help"),
    },
    "start_your_id": {"id": ("Nomor pengguna Telegram Anda: <code>{id}</code> (operator bot memasukkannya ke "
                             "<code>telegram.admins</code> untuk menjadikan Anda admin)."),
                      "en": ("Your Telegram user id: <code>{id}</code> (the bot's operator adds it to "
                             "<code>telegram.admins</code> to make you an admin).")},
    "help_head": {"id": "<b>Perintah</b>", "en": "<b>Commands</b>"},
    "help_admin_head": {"id": "<b>Perintah admin</b>", "en": "<b>Admin commands</b>"},
    # -- refusals and usage
    "not_admin": {"id": "Maaf, perintah ini hanya untuk admin ClaimWatch.",
                  "en": "Sorry, this command is for ClaimWatch admins only."},
    "not_group_admin": {"id": "Maaf, hanya admin grup ini yang dapat mengubah langganan dan pengaturannya.",
                        "en": "Sorry, only this group's administrators can change its subscriptions and settings."},
    "usage": {"id": "Cara pakai: {usage}", "en": "Usage: {usage}"},
    "error": {"id": "⚠️ {error}", "en": "⚠️ {error}"},
    "internal_error": {"id": "⚠️ Terjadi kesalahan. Coba lagi nanti.",
                       "en": "⚠️ Something went wrong. Please try again later."},
    "no_topic": {"id": "Topik <code>{topic}</code> tidak ada. Lihat /topics.",
                 "en": "There is no topic <code>{topic}</code>. See /topics."},
    # -- topics and subscriptions
    "topics_head": {"id": "<b>Topik</b> (✅ = Anda ikuti)", "en": "<b>Topics</b> (✅ = subscribed)"},
    "topics_none": {"id": "Belum ada topik.", "en": "No topics yet."},
    "topic_line": {"id": "{mark} <code>{id}</code> — {name}{paused}", "en": "{mark} <code>{id}</code> — {name}{paused}"},
    "paused": {"id": " (dijeda)", "en": " (paused)"},
    "btn_sub": {"id": "➕ {id}", "en": "➕ {id}"},
    "btn_unsub": {"id": "➖ {id}", "en": "➖ {id}"},
    "subscribed": {"id": "✅ Anda sekarang mengikuti <b>{name}</b>.", "en": "✅ You now follow <b>{name}</b>."},
    "subscribed_thread": {"id": "✅ Topik <b>{name}</b> akan dikirim ke utas ini.",
                          "en": "✅ Alerts for <b>{name}</b> will go to this thread."},
    "already_subscribed": {"id": "Anda sudah mengikuti <b>{name}</b>.", "en": "You already follow <b>{name}</b>."},
    "unsubscribed": {"id": "Anda berhenti mengikuti <b>{name}</b>.", "en": "You no longer follow <b>{name}</b>."},
    "not_subscribed": {"id": "Anda tidak mengikuti <b>{name}</b>.", "en": "You do not follow <b>{name}</b>."},
    "mysubs_head": {"id": "<b>Langganan obrolan ini</b>", "en": "<b>This chat's subscriptions</b>"},
    "mysubs_none": {"id": "Belum ada langganan. Lihat /topics.", "en": "No subscriptions yet. See /topics."},
    "muted": {"id": " (dibisukan)", "en": " (muted)"},
    "thread": {"id": " → utas {thread}", "en": " → thread {thread}"},
    # -- latest / history
    "history_none": {"id": "Belum ada data untuk <code>{topic}</code> / <code>{what}</code>.",
                     "en": "No data yet for <code>{topic}</code> / <code>{what}</code>."},
    "history_known": {"id": "Yang tersedia: {concepts}", "en": "Available: {concepts}"},
    "history_caption": {"id": "{what} — {topic}", "en": "{what} — {topic}"},
    # -- settings
    "settings": {
        "id": ("<b>Pengaturan</b>\nBahasa: {language}\nPerubahan minimum: {min}\nArah: {direction}\n"
               "Pengiriman: {mode}\nJam tenang: {quiet} ({tz})\nDibisukan: {muted}\nKonsep: {concepts}\n\n"
               "Ubah dengan tombol, atau:\n<code>/settings min 10%</code> · <code>/settings min 100</code> · "
               "<code>/settings quiet 22-06</code> · <code>/settings tz WITA</code> · "
               "<code>/settings mute TOPIK</code> · <code>/settings unmute TOPIK</code> · "
               "<code>/settings concepts korban tewas, hilang</code> · <code>/settings concepts semua</code>"),
        "en": ("<b>Settings</b>\nLanguage: {language}\nMinimum change: {min}\nDirection: {direction}\n"
               "Delivery: {mode}\nQuiet hours: {quiet} ({tz})\nMuted: {muted}\nConcepts: {concepts}\n\n"
               "Change with the buttons, or:\n<code>/settings min 10%</code> · <code>/settings min 100</code> · "
               "<code>/settings quiet 22-06</code> · <code>/settings tz Asia/Jakarta</code> · "
               "<code>/settings mute TOPIC</code> · <code>/settings unmute TOPIC</code> · "
               "<code>/settings concepts killed, missing</code> · <code>/settings concepts all</code>"),
    },
    "none": {"id": "tidak ada", "en": "none"},
    "all_concepts": {"id": "semua", "en": "all"},
    "concepts_bad": {"id": "Konsep tidak dikenal: {names}. Contoh: korban tewas, hilang, mengungsi.",
                     "en": "Unknown concept(s): {names}. For example: killed, missing, displaced."},
    "snoozed": {"id": "😴 Peringatan ditunda sampai {until}. <code>/snooze off</code> untuk membatalkan.",
                "en": "😴 Alerts snoozed until {until}. <code>/snooze off</code> to end it."},
    "snooze_off": {"id": "🔔 Peringatan aktif lagi.", "en": "🔔 Alerts are on again."},
    "snooze_usage": {"id": "Pakai <code>/snooze 2h</code> (1 menit sampai 7 hari) atau <code>/snooze off</code>.",
                     "en": "Use <code>/snooze 2h</code> (1 minute to 7 days) or <code>/snooze off</code>."},
    "unknown_command": {"id": "Perintah /{cmd} tidak dikenal.{hint} Lihat /help.",
                        "en": "Unknown command /{cmd}.{hint} See /help."},
    "did_you_mean": {"id": " Maksud Anda /{cmd}?", "en": " Did you mean /{cmd}?"},
    "free_text": {"id": "Saya hanya mengerti perintah. Lihat /help, atau /topics untuk memilih topik.",
                  "en": "I only understand commands. See /help, or /topics to pick a topic."},
    "btn_mute": {"id": "🔕 Bisukan {topic}", "en": "🔕 Mute {topic}"},
    "muted_toast": {"id": "{topic} dibisukan. /settings unmute {id} untuk menyalakan lagi.",
                    "en": "{topic} muted. /settings unmute {id} to turn it back on."},
    "latest_page": {"id": "Halaman {page}/{pages}", "en": "Page {page}/{pages}"},
    "dir_both": {"id": "naik dan turun", "en": "up and down"},
    "dir_up": {"id": "hanya naik", "en": "increases only"},
    "dir_down": {"id": "hanya turun", "en": "decreases only"},
    "mode_instant": {"id": "langsung", "en": "instant"},
    "mode_hourly": {"id": "ringkasan per jam", "en": "hourly digest"},
    "mode_daily": {"id": "ringkasan harian (08.00)", "en": "daily digest (08:00)"},
    "lang_id": {"id": "Indonesia", "en": "Indonesian"},
    "lang_en": {"id": "Inggris", "en": "English"},
    "settings_saved": {"id": "✅ Disimpan.", "en": "✅ Saved."},
    "settings_bad": {"id": "Tidak dimengerti: {arg}. {hint}", "en": "Not understood: {arg}. {hint}"},
    "settings_min_hint": {"id": "Contoh: /settings min 10% atau /settings min 100 (0 = semua).",
                          "en": "E.g. /settings min 10% or /settings min 100 (0 = everything)."},
    # -- admin: topics and sources
    "topic_added": {"id": "✅ Topik <code>{id}</code> ditambahkan. Kata kunci: {keywords}. Ubah dengan /keywords.",
                    "en": "✅ Topic <code>{id}</code> added. Keywords: {keywords}. Change them with /keywords."},
    "keywords_set": {"id": "✅ Kata kunci <code>{id}</code>: {keywords}", "en": "✅ Keywords of <code>{id}</code>: {keywords}"},
    "topic_removed": {"id": "Topik <code>{id}</code> dihapus ({n} langganan ikut dihapus).",
                      "en": "Topic <code>{id}</code> removed ({n} subscriptions removed with it)."},
    "preview_wait": {"id": "⏳ Memeriksa {url} …", "en": "⏳ Checking {url} …"},
    "preview": {
        "id": ("<b>Pratinjau sumber</b>\nJenis: <code>{kind}</code>\nArtikel ditemukan: {items}\nTerbaru: {newest}\n"
               "Angka di artikel terbaru ({n}):\n{figures}\n\nSimpan sebagai <code>{id}</code> untuk topik <code>{topic}</code>?"),
        "en": ("<b>Source preview</b>\nKind: <code>{kind}</code>\nArticles found: {items}\nNewest: {newest}\n"
               "Figures in the newest article ({n}):\n{figures}\n\nSave as <code>{id}</code> for topic <code>{topic}</code>?"),
    },
    "btn_save": {"id": "✅ Simpan", "en": "✅ Save"},
    "btn_cancel": {"id": "✖️ Batal", "en": "✖️ Cancel"},
    "source_saved": {"id": "✅ Sumber <code>{id}</code> disimpan; dipantau tiap {interval}.",
                     "en": "✅ Source <code>{id}</code> saved; polled every {interval}."},
    "cancelled": {"id": "Dibatalkan.", "en": "Cancelled."},
    "expired": {"id": "Pratinjau ini sudah kedaluwarsa; kirim /addsource lagi.",
                "en": "This preview has expired; send /addsource again."},
    "source_removed": {"id": "Sumber <code>{id}</code> dihapus.", "en": "Source <code>{id}</code> removed."},
    "sources_head": {"id": "<b>Sumber</b>", "en": "<b>Sources</b>"},
    "sources_none": {"id": "Belum ada sumber.", "en": "No sources yet."},
    "source_line": {
        "id": ("{icon} <code>{id}</code> ({kind}{paused}) — {url}\n   terakhir sukses: {ok} · berikutnya: {next} · "
               "artikel: {articles}{backoff}{baseline}{error}{layout}"),
        "en": ("{icon} <code>{id}</code> ({kind}{paused}) — {url}\n   last success: {ok} · next run: {next} · "
               "articles: {articles}{backoff}{baseline}{error}{layout}"),
    },
    "baseline_taken": {"id": " · baseline diambil {when}", "en": " · baseline taken {when}"},
    "baseline_pending": {"id": " · baseline belum diambil (pemindaian pertama tanpa peringatan)",
                         "en": " · baseline not taken yet (the first scan sends no alerts)"},
    "backoff": {"id": " · gagal {n}× beruntun (tunda {delay})", "en": " · {n} failures in a row (backing off {delay})"},
    "never": {"id": "belum pernah", "en": "never"},
    "paused_set": {"id": "⏸ {what} <code>{id}</code> dijeda.", "en": "⏸ {what} <code>{id}</code> paused."},
    "resumed_set": {"id": "▶️ {what} <code>{id}</code> dilanjutkan.", "en": "▶️ {what} <code>{id}</code> resumed."},
    "what_source": {"id": "Sumber", "en": "Source"},
    "what_topic": {"id": "Topik", "en": "Topic"},
    "scan_started": {"id": "🔎 Memindai {n} sumber …", "en": "🔎 Scanning {n} source(s) …"},
    "scan_line": {"id": "<code>{id}</code>: {outcome} — {items} item, {articles} artikel baru, {alerts} peringatan{error}",
                  "en": "<code>{id}</code>: {outcome} — {items} listed, {articles} new articles, {alerts} alerts{error}"},
    "no_source": {"id": "Sumber <code>{id}</code> tidak ada. Lihat /sources.", "en": "There is no source <code>{id}</code>. See /sources."},
    "stats": {
        "id": ("<b>Statistik</b>\nSumber: {sources} ({unhealthy_sources} bermasalah)\nTopik: {topics}\nArtikel: {articles}\n"
               "Angka: {figures}\nPernyataan: {statements}\nPeringatan: {alerts}\nPengiriman tertunda: {pending_deliveries}\n"
               "Terkirim: {sent_deliveries}\nObrolan aktif: {chats} (nonaktif: {inactive_chats})\nLangganan: {subscriptions}\n"
               "Angka di atas batas per artikel: {figures_over_cap}\nPeringatan ditahan: {alerts_held}\n"
               "Item menunggu dibaca: {queued_items}\nItem dilewati (gagal dibaca): {items_given_up}"),
        "en": ("<b>Stats</b>\nSources: {sources} ({unhealthy_sources} unhealthy)\nTopics: {topics}\nArticles: {articles}\n"
               "Figures: {figures}\nStatements: {statements}\nAlerts: {alerts}\nPending deliveries: {pending_deliveries}\n"
               "Sent: {sent_deliveries}\nActive chats: {chats} (inactive: {inactive_chats})\nSubscriptions: {subscriptions}\n"
               "Figures over the per-article cap: {figures_over_cap}\nAlerts held back: {alerts_held}\n"
               "Items waiting to be read: {queued_items}\nItems given up (unreadable): {items_given_up}"),
    },
}
