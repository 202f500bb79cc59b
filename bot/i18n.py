"""A tiny message catalogue for the bot, in Indonesian (``id``) and English (``en``).

One flat dict, :data:`STRINGS`, maps a key to its text per language, grouped by comments. Texts
are Telegram HTML-mode templates for :meth:`str.format`: fill them with *escaped* values. The
entries below contain no markup or ``<&>`` characters, so they read the same as plain text (the
chart uses them so). A missing language falls back to English, a missing key to the key itself,
and a missing placeholder is left as written (``{name}``) rather than raising.

Also here: Babel-based number and date formatting (:func:`fmt_number`, :func:`fmt_value`,
:func:`fmt_when`), shared by :mod:`bot.render` and :mod:`bot.chart`.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

from claimwatch.lexicon.data_concepts import CONCEPTS

LANGS = ("id", "en")
DEFAULT_LANG = "en"

# fmt: off
STRINGS: dict[str, dict[str, str]] = {
    # --- alert kind headings
    "kind.new": {"id": "BARU", "en": "NEW"},
    "kind.changed": {"id": "BERUBAH", "en": "CHANGED"},
    "kind.revised": {"id": "DIREVISI", "en": "REVISED"},
    "kind.conflict": {"id": "BERBEDA", "en": "CONFLICT"},
    "kind.conflict.note": {"id": "klaim bertentangan", "en": "conflicting claims"},
    "kind.statement": {"id": "PERNYATAAN", "en": "STATEMENT"},
    "kind.stance_change": {"id": "SIKAP BERUBAH", "en": "STANCE CHANGE"},

    # --- stances
    "stance.denial": {"id": "bantahan", "en": "denial"},
    "stance.non_denial": {"id": "tidak membantah", "en": "non-denial"},
    "stance.confirmation": {"id": "konfirmasi", "en": "confirmation"},
    "stance.claim": {"id": "klaim", "en": "claim"},
    "stance.quote": {"id": "kutipan", "en": "quote"},

    # --- labels in alerts
    "label.claimed_by": {"id": "menurut {who}", "en": "claimed by {who}"},
    "label.before": {"id": "sebelumnya", "en": "before"},
    "label.source": {"id": "sumber", "en": "source"},
    "label.unattributed": {"id": "tanpa sumber", "en": "unattributed"},
    "label.figure": {"id": "angka", "en": "figure"},
    "label.for_side": {"id": "pihak {side}", "en": "for {side}"},
    "label.link": {"id": "baca", "en": "read"},
    "label.says": {"id": "{who} menyebut {value}", "en": "{who} says {value}"},
    "label.said_on": {"id": "{who} menyebut {value} pada {date}", "en": "{who} said {value} on {date}"},
    "label.difference": {"id": "selisih", "en": "difference"},
    "label.unknown_speaker": {"id": "seseorang", "en": "someone"},
    "label.points": {"id": "poin", "en": "pp"},
    "label.alerts_count": {"id": "{n} peringatan", "en": "{n} alerts"},
    "label.more_sources": {"id": "+{n} sumber", "en": "+{n} sources"},
    "label.was": {"id": "sebelumnya {value}", "en": "was {value}"},

    # --- value qualifiers
    "bound.about": {"id": "sekitar", "en": "about"},
    "bound.at_least": {"id": "sedikitnya", "en": "at least"},
    "bound.at_most": {"id": "paling banyak", "en": "at most"},

    # --- date patterns (Babel/LDML)
    "fmt.datetime": {"id": "d MMM yyyy HH.mm z", "en": "d MMM yyyy HH:mm z"},
    "fmt.date": {"id": "d MMM yyyy", "en": "d MMM yyyy"},
    "fmt.axis_day": {"id": "d MMM", "en": "d MMM"},
    "fmt.axis_time": {"id": "d MMM HH.mm", "en": "d MMM HH:mm"},

    # --- digests
    "digest.hourly": {"id": "Ringkasan per jam", "en": "Hourly digest"},
    "digest.daily": {"id": "Ringkasan harian", "en": "Daily digest"},
    "digest.other": {"id": "Ringkasan ({period})", "en": "Digest ({period})"},
    "digest.counts": {"id": "{alerts} peringatan · {topics} topik",
                      "en": "{alerts} alerts · {topics} topics"},
    "digest.empty": {"id": "Tidak ada perubahan pada periode ini.",
                     "en": "Nothing changed in this period."},
    "digest.updates": {"id": "{n} pembaruan", "en": "{n} updates"},
    "digest.new": {"id": "baru", "en": "new"},

    # --- /latest
    "latest.heading": {"id": "angka terkini", "en": "current figures"},
    "latest.sources_one": {"id": "1 sumber", "en": "1 source"},
    "latest.sources_many": {"id": "{n} sumber sepakat", "en": "{n} sources agree"},
    "latest.others": {"id": "pihak lain: {others}", "en": "others say: {others}"},
    "latest.empty": {"id": "Belum ada angka untuk topik ini.", "en": "No figures yet for this topic."},

    # --- /history
    "history.heading": {"id": "riwayat", "en": "history"},
    "history.empty": {"id": "Belum ada angka untuk seri ini.", "en": "No figures yet for this series."},
    "decision.new": {"id": "baru", "en": "new"},
    "decision.changed": {"id": "berubah", "en": "changed"},
    "decision.revised": {"id": "direvisi", "en": "revised"},
    "decision.conflict": {"id": "berbeda", "en": "conflict"},
    "decision.repeat": {"id": "sama", "en": "repeat"},
    "decision.late": {"id": "terlambat", "en": "late"},
    "decision.history": {"id": "angka lama", "en": "earlier figure"},

    # --- /export
    "export.caption": {"id": "{name}: {n} baris angka (semua seri, terlama dulu)",
                       "en": "{name}: {n} rows of figures (every series, oldest first)"},
    "export.empty": {"id": "Belum ada angka untuk {name}, jadi belum ada yang bisa diekspor.",
                     "en": "No figures yet for {name}, so there is nothing to export."},

    # --- chart
    "chart.published": {"id": "Tanggal terbit ({tz})", "en": "Published ({tz})"},
    "chart.value": {"id": "Nilai", "en": "Value"},
    "chart.latest": {"id": "nilai terkini", "en": "latest value"},
    "chart.latest_actor": {"id": "nilai terkini ({actor})", "en": "latest value ({actor})"},

    # --- concept display names (unknown keys: the key with "_" as " ")
    "concept.killed": {"id": "korban tewas", "en": "killed"},
    "concept.missing": {"id": "hilang", "en": "missing"},
    "concept.displaced": {"id": "pengungsi", "en": "displaced"},
    "concept.evacuees": {"id": "pengungsi", "en": "displaced"},
    "concept.evacuated": {"id": "dievakuasi", "en": "evacuated"},
    "concept.refugees": {"id": "pengungsi (luar negeri)", "en": "refugees"},
    "concept.injured": {"id": "luka-luka", "en": "injured"},
    "concept.wounded": {"id": "luka berat", "en": "wounded"},
    "concept.casualties": {"id": "korban", "en": "casualties"},
    "concept.victims": {"id": "korban", "en": "victims"},
    "concept.bodies": {"id": "jenazah", "en": "bodies"},
    "concept.affected": {"id": "terdampak", "en": "affected"},
    "concept.rescued": {"id": "diselamatkan", "en": "rescued"},
    "concept.arrested": {"id": "ditangkap", "en": "arrested"},
    "concept.detained": {"id": "ditahan", "en": "detained"},
    "concept.hostages": {"id": "sandera", "en": "hostages"},
    "concept.troops": {"id": "tentara", "en": "troops"},
    "concept.people": {"id": "orang", "en": "people"},
    "concept.civilians": {"id": "warga sipil", "en": "civilians"},
    "concept.children": {"id": "anak-anak", "en": "children"},
    "concept.cases": {"id": "kasus", "en": "cases"},
    "concept.houses": {"id": "rumah", "en": "houses"},
    "concept.houses_damaged": {"id": "rumah rusak", "en": "houses damaged"},
    "concept.houses_flooded": {"id": "rumah terendam", "en": "houses flooded"},
    "concept.buildings_damaged": {"id": "bangunan rusak", "en": "buildings damaged"},
    "concept.villages": {"id": "desa", "en": "villages"},
    "concept.hectares": {"id": "hektare", "en": "hectares"},
    "concept.missiles": {"id": "rudal", "en": "missiles"},
    "concept.drones": {"id": "drone", "en": "drones"},
    "concept.percent": {"id": "persen", "en": "percent"},
}
# fmt: on


class _Keep(dict[str, object]):
    """Format mapping that leaves unknown placeholders as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, **kw: object) -> str:
    """``text.format(**kw)``, leaving placeholders without a value as written."""
    return text.format_map(_Keep(kw)) if kw else text


def norm_lang(lang: str | None) -> str:
    """A supported language code: ``lang`` itself, its base (``id-ID`` → ``id``), or English."""
    base = (lang or "").lower().replace("_", "-").split("-")[0]
    return base if base in LANGS else DEFAULT_LANG


def _merge_handler_texts() -> None:
    from bot.texts import TEXTS

    clash = set(TEXTS) & set(STRINGS)
    if clash:  # pragma: no cover - caught by the tests at once
        raise RuntimeError(f"duplicate text keys: {sorted(clash)}")
    STRINGS.update(TEXTS)


_merge_handler_texts()


def template(key: str, lang: str) -> str:
    """The raw template for ``key``: in ``lang``, else English, else the key itself."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(norm_lang(lang)) or entry.get(DEFAULT_LANG) or key


def t(key: str, lang: str, **kw: object) -> str:
    """The text for ``key`` in ``lang`` with ``kw`` filled in (see the module docstring)."""
    return fill(template(key, lang), **kw)


def concept_name(key: str | None, lang: str) -> str:
    """Display name of a concept key (``killed`` → ``korban tewas``); unknown: ``_`` → space."""
    if not key:
        return t("label.figure", lang)
    full = "concept." + key
    if full in STRINGS:
        return t(full, lang)
    # else the lexicon's own first phrase in that language ("officers" → "perwira")
    words = CONCEPTS.get(key, {}).get(lang, ()) if lang != "en" else ()
    return words[0].lstrip("=") if words else key.replace("_", " ")


def stance_name(stance: str | None, lang: str) -> str:
    """Display name of a stance (``denial`` → ``bantahan``); unknown: ``_`` → space."""
    if not stance:
        return "?"
    full = "stance." + stance
    return t(full, lang) if full in STRINGS else stance.replace("_", " ")


# ----------------------------------------------------------------------------- numbers, dates


def fmt_number(value: float, lang: str) -> str:
    """A localized number: ``id`` 12.000 / 1,5; ``en`` 12,000 / 1.5 (up to 3 decimals)."""
    return format_decimal(value, locale=norm_lang(lang))


def fmt_value(value: float, value_max: float | None, lang: str, *, unit: str | None = None,
              approx: bool = False, bound: str | None = None) -> str:
    """Plain text of a figure: ``sekitar 11.000–12.000``, ``at least 23``, ``USD 1,200``, ``35%``."""
    s = fmt_number(value, lang) + (f"–{fmt_number(value_max, lang)}" if value_max is not None else "")
    if unit == "percent":
        s += "%"
    elif unit:
        s = f"{unit.upper()} {s}"
    if bound in ("at_least", "at_most"):
        s = f"{t('bound.' + bound, lang)} {s}"
    elif approx or bound == "about":
        s = f"{t('bound.about', lang)} {s}"
    return s


def fmt_when(when: datetime | None, lang: str, tz: tzinfo | None = None, *,
             date_only: bool = False) -> str:
    """A localized short date(time) in ``tz`` (default UTC): ``4 Nov 2025 08.10 UTC``."""
    if when is None:
        return "?"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    pattern = template("fmt.date" if date_only else "fmt.datetime", lang)
    name = _ZONE_NAMES.get(str(getattr(tz, "key", "")))
    if name and not date_only:  # WIB/WITA/WIT, as Indonesia says them, in both languages
        return format_datetime(when, pattern.replace(" z", ""), tzinfo=tz, locale=norm_lang(lang)) + " " + name
    return format_datetime(when, pattern, tzinfo=tz or UTC, locale=norm_lang(lang))


_ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
