"""Telegram rendering: alerts in both languages, escaping, numbers, digests, /latest, /history,
and splitting long HTML into well-formed chunks."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.htmlsplit import MAX_MESSAGE, html_to_plain, split_html
from bot.i18n import STRINGS, concept_name, fmt_number, fmt_value, norm_lang, stance_name, t
from bot.render import (
    MAX_CAPTION,
    render_alert,
    render_alerts,
    render_digest,
    render_history,
    render_latest,
)
from claimwatch.models import Alert, AlertKind
from claimwatch.store.queries import SeriesNow

NOW = datetime(2025, 11, 4, 8, 10, tzinfo=UTC)
BEFORE = datetime(2025, 11, 3, 19, 5, tzinfo=UTC)
URL = 'https://news.example.id/read?id=1&src="rss"'
SENTENCE = 'BPBD mencatat 23 orang tewas & 12 hilang <Senin>, kata "Ilyas".'

# ----------------------------------------------------------------------------- a validator

ALLOWED = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
           "a", "code", "pre", "blockquote", "tg-emoji"}
_TOKEN = re.compile(r"<[^<>]*>|&[^;\s<>&]*;?|[^<&]+|[<>]")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")


def assert_telegram_html(text: str, limit: int = MAX_MESSAGE) -> None:
    """Only allowed tags, balanced and properly nested; entities valid; no stray < or >;
    visible length (UTF-16) within ``limit``."""
    stack: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok.startswith("<"):
            m = re.fullmatch(r"<(/?)([a-z-]+)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*>", tok)
            assert m, f"bad tag {tok!r}"
            closing, name, attrs = m.groups()
            assert name in ALLOWED, name
            if closing:
                assert not attrs and stack and stack[-1] == name, f"unbalanced {tok!r} in {stack}"
                stack.pop()
            else:
                stack.append(name)
        elif tok.startswith("&"):
            assert _ENTITY.fullmatch(tok), f"bad entity {tok!r}"
        else:
            assert tok not in ("<", ">"), "stray angle bracket"
    assert stack == [], f"unclosed {stack}"
    plain = html_to_plain(text)
    assert len(plain.encode("utf-16-le")) // 2 <= limit


def _alert(kind: AlertKind, **kw: object) -> Alert:
    base: dict[str, object] = dict(kind=kind, topic="banjir", dedupe_key=f"k-{kind}", url=URL,
                                   published=NOW, sentence=SENTENCE, source="Kompas")
    base.update(kw)
    return Alert(**base)  # type: ignore[arg-type]


NEW = _alert(AlertKind.NEW, what="missing", actor="Aceh", value=12, approx=True, claimed_by="BPBD")
CHANGED = _alert(AlertKind.CHANGED, what="killed", actor="Aceh", value=23, bound="at_least",
                 claimed_by="BPBD", previous=17, previous_claimed_by="Basarnas",
                 previous_published=BEFORE)
REVISED = _alert(AlertKind.REVISED, what="displaced", value=11000, value_max=12000, claimed_by="BNPB",
                 previous=15000, previous_claimed_by="BNPB", previous_published=BEFORE)
CONFLICT = _alert(AlertKind.CONFLICT, what="houses_damaged", value=1250, claimed_by="BNPB",
                  previous=3000, previous_claimed_by="Pemda", previous_published=BEFORE)
STATEMENT = _alert(AlertKind.STATEMENT, topic="perang", speaker="Peskov", side="Russia",
                   stance="denial", quote="No North Korean troops are in Kursk", source="Reuters")
STANCE = _alert(AlertKind.STANCE_CHANGE, topic="perang", speaker="Putin", side="Russia",
                stance="confirmation", previous_stance="denial", quote="Yes, they are there")
ALL = (NEW, CHANGED, REVISED, CONFLICT, STATEMENT, STANCE)

EXPECT = {  # (kind, lang) -> fragments of the plain text
    ("new", "id"): ["🆕 BARU · Banjir Aceh", "hilang (Aceh): sekitar 12", "menurut BPBD"],
    ("new", "en"): ["🆕 NEW · Banjir Aceh", "missing (Aceh): about 12", "claimed by BPBD"],
    ("changed", "id"): ["BERUBAH", "korban tewas (Aceh): 17 → sedikitnya 23 (+6, +35,3%)",
                        "sebelumnya: menurut Basarnas, 3 Nov 2025 19.05 UTC"],
    ("changed", "en"): ["CHANGED", "killed (Aceh): 17 → at least 23 (+6, +35.3%)",
                        "before: claimed by Basarnas, 3 Nov 2025 19:05 UTC"],
    ("revised", "id"): ["✏️ DIREVISI", "pengungsi: 15.000 → 11.000–12.000 (-3.500, -23,3%)"],
    ("revised", "en"): ["✏️ REVISED", "displaced: 15,000 → 11,000–12,000 (-3,500, -23.3%)"],
    ("conflict", "id"): ["BERBEDA (klaim bertentangan)", "rumah rusak:", "BNPB menyebut 1.250",
                         "Pemda menyebut 3.000 pada 3 Nov 2025 19.05 UTC", "selisih: -1.750, -58,3%"],
    ("conflict", "en"): ["CONFLICT (conflicting claims)", "houses damaged:", "BNPB says 1,250",
                         "Pemda said 3,000 on 3 Nov 2025 19:05 UTC", "difference: -1,750, -58.3%"],
    ("statement", "id"): ["💬 PERNYATAAN", "Peskov (pihak Rusia): bantahan", "No North Korean"],
    ("statement", "en"): ["💬 STATEMENT", "Peskov (for Russia): denial", "No North Korean"],
    ("stance_change", "id"): ["🔄 SIKAP BERUBAH", "Putin (pihak Rusia): bantahan → konfirmasi"],
    ("stance_change", "en"): ["🔄 STANCE CHANGE", "Putin (for Russia): denial → confirmation"],
}
NAMES = {"banjir": "Banjir Aceh", "perang": "War in Ukraine"}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("alert", ALL, ids=[a.kind.value for a in ALL])
def test_every_kind_in_both_languages(alert: Alert, lang: str) -> None:
    text = render_alert(alert, lang, topic_name=NAMES[alert.topic])
    assert_telegram_html(text)
    plain = html_to_plain(text)
    for fragment in EXPECT[(alert.kind.value, lang)]:
        assert fragment in plain, (fragment, plain)
    when = "4 Nov 2025 08.10 UTC" if lang == "id" else "4 Nov 2025 08:10 UTC"
    assert plain.splitlines()[-1].endswith(when)
    assert "<blockquote>" in text


def test_escaping_of_text_and_href() -> None:
    text = render_alert(CHANGED, "en", topic_name="Floods <&> \"Aceh\"")
    assert "&lt;Senin&gt;" in text and "tewas &amp; 12" in text and "&quot;Ilyas&quot;" in text
    assert "Floods &lt;&amp;&gt; &quot;Aceh&quot;" in text
    assert '<a href="https://news.example.id/read?id=1&amp;src=&quot;rss&quot;">Kompas</a>' in text
    assert "<Senin>" not in text
    assert SENTENCE in html_to_plain(text)


def test_unsafe_urls_are_not_linked_and_missing_source_uses_host() -> None:
    bad = render_alert(_alert(AlertKind.NEW, what="killed", value=1, url="javascript:alert(1)"), "en")
    assert "<a " not in bad and "javascript" not in bad
    host = render_alert(_alert(AlertKind.NEW, what="killed", value=1, source=None), "en")
    assert ">news.example.id</a>" in host


def test_long_sentence_trimmed_at_a_word_with_ellipsis() -> None:
    long = "kata " * 100
    plain = html_to_plain(render_alert(_alert(AlertKind.NEW, what="killed", value=1, sentence=long), "id"))
    quote = plain.splitlines()[-2]
    assert len(quote) <= 200 and quote.endswith("kata…")


def test_numbers_localized() -> None:
    assert fmt_number(12000, "id") == "12.000" and fmt_number(12000, "en") == "12,000"
    assert fmt_number(1.5, "id") == "1,5" and fmt_number(1.5, "en") == "1.5"
    assert fmt_number(-1234567.25, "id") == "-1.234.567,25"
    assert fmt_number(3, "xx") == "3"
    assert fmt_value(1.2e9, None, "id", unit="usd") == "USD 1.200.000.000"
    assert fmt_value(35.5, None, "en", unit="percent", bound="at_most") == "at most 35.5%"
    assert fmt_value(11000, 12000, "id", bound="about") == "sekitar 11.000–12.000"


def test_delta_and_percent_signs() -> None:
    up = html_to_plain(render_alert(CHANGED, "id"))
    assert "(+6, +35,3%)" in up and "📈" in up
    down = html_to_plain(render_alert(_alert(AlertKind.CHANGED, what="killed", value=10, previous=12), "en"))
    assert "(-2, -16.7%)" in down and "📉" in down
    same = _alert(AlertKind.CHANGED, what="killed", value=10, value_max=14, previous=12)
    assert "(±0, ±0%)" in html_to_plain(render_alert(same, "en"))
    zero = _alert(AlertKind.CHANGED, what="killed", value=5, previous=0)
    assert "0 → 5 (+5)" in html_to_plain(render_alert(zero, "en"))
    pct = _alert(AlertKind.CHANGED, what="percent", unit="percent", value=12.5, previous=10)
    assert "10% → 12.5% (+2.5 pp, +25%)" in html_to_plain(render_alert(pct, "en"))


def test_conflict_shows_both_sides() -> None:
    text = render_alert(CONFLICT, "en")
    assert "<b>BNPB</b> says <b>1,250</b>" in text
    assert "<b>Pemda</b> said 3,000 on 3 Nov 2025 19:05 UTC" in text


def test_stance_change_before_and_after_with_speaker_and_side() -> None:
    text = render_alert(STANCE, "id")
    assert "<b>Putin</b> (pihak Rusia): bantahan → <b>konfirmasi</b>" in text
    alone = render_alert(_alert(AlertKind.STATEMENT, speaker="Russia", side="Russia", stance="non_denial"), "en")
    assert "<b>Russia</b>: <b>non-denial</b>" in alone


def test_timezone_parameter() -> None:
    wib = timezone(timedelta(hours=7))
    plain = html_to_plain(render_alert(NEW, "id", tz=wib))
    assert "4 Nov 2025 15.10" in plain


def test_render_alerts_merges_a_backlog() -> None:
    text = render_alerts(ALL, "id", topic_names=NAMES)
    assert_telegram_html(text)
    assert text.startswith("📬 <b>6 peringatan</b>")
    assert text.count("📰") == 6 and "War in Ukraine" in text
    assert render_alerts([NEW], "en") == render_alert(NEW, "en")
    assert render_alerts([], "en") == ""


def test_digest_groups_by_topic_then_series() -> None:
    later = _alert(AlertKind.CHANGED, what="killed", actor="Aceh", value=30, claimed_by="BNPB",
                   previous=23, url="https://b.test/x", source="Detik")
    text = render_digest([CHANGED, STATEMENT, NEW, later, STANCE], "en", period="daily",
                         topic_names=NAMES)
    assert_telegram_html(text)
    lines = html_to_plain(text).splitlines()
    assert lines[0] == "🗞 Daily digest · 5 alerts · 2 topics"
    assert lines[2] == "Banjir Aceh" and "War in Ukraine" in lines
    killed = [x for x in lines if x.startswith("• killed")]
    assert killed == ["• killed (Aceh): 17 → 30 (+13, +76.5%), claimed by BNPB · 2 updates · Detik"]
    assert "• missing (Aceh): about 12 (new), claimed by BPBD · Kompas" in lines
    assert sum("💬" in x or "🔄" in x for x in lines) == 2
    assert lines.index("War in Ukraine") > lines.index(killed[0])
    idd = html_to_plain(render_digest([CONFLICT], "id", period="hourly"))
    assert idd.startswith("🗞 Ringkasan per jam · 1 peringatan · 1 topik")
    assert "⚖️ Pemda menyebut 3.000" in idd
    assert "Nothing changed" in render_digest([], "en", period="weekly")
    assert "Digest (weekly)" in render_digest([NEW], "en", period="weekly")


def test_latest() -> None:
    s = SeriesNow(series_id=1, topic="banjir", what="displaced", actor="Aceh", value=12000,
                  value_max=None, claimed_by="BNPB", published=NOW, url=URL, corroboration=3,
                  claimants=("BNPB", "BPBD"), other_claims=(("Pemda <X>", 3000.0, None), ("Y", 1.0, 2.0)))
    one = SeriesNow(series_id=2, topic="banjir", what="tanks_lost", actor=None, value=5, value_max=None,
                    claimed_by=None, published=NOW, url=None, corroboration=1, claimants=(),
                    other_claims=())
    text = render_latest("banjir", "Banjir Aceh", [s, one], "id")
    assert_telegram_html(text)
    plain = html_to_plain(text)
    assert "pengungsi (Aceh): 12.000" in plain
    assert "menurut BNPB, BPBD · 4 Nov 2025 · 3 sumber sepakat" in plain
    assert "pihak lain: Pemda <X>: 3.000; Y: 1–2" in plain
    assert "tanks lost: 5" in plain and "tanpa sumber · 4 Nov 2025 · 1 sumber" in plain
    en = html_to_plain(render_latest("banjir", "Banjir Aceh", [s], "en"))
    assert "others say: Pemda <X>: 3,000; Y: 1–2" in en and "3 sources agree" in en
    assert "No figures yet" in render_latest("banjir", "Banjir", [], "en")


def test_history() -> None:
    rows = [
        {"published": "2025-11-03T19:05:00+00:00", "value": 17.0, "value_max": None, "bound": "exact",
         "claimed_by": "Basarnas", "decision": "new", "source": "Antara", "url": "https://a.test/1",
         "actor": "Aceh"},
        {"published": "2025-11-04T08:10:00+00:00", "value": 20.0, "value_max": 25.0, "bound": "about",
         "claimed_by": None, "decision": "changed", "source": None, "url": "https://b.test/2?x=1&y=2",
         "actor": "Aceh"},
    ]
    text = render_history("banjir", "killed", rows, "id")
    assert_telegram_html(text)
    lines = html_to_plain(text).splitlines()
    assert lines[0] == "🕘 korban tewas · banjir · riwayat"
    assert lines[1] == "3 Nov 2025 19.05 UTC · 17 · Basarnas · baru · Antara"
    assert lines[2] == "4 Nov 2025 08.10 UTC · sekitar 20–25 · tanpa sumber · berubah · b.test"
    assert 'href="https://b.test/2?x=1&amp;y=2"' in text
    en = html_to_plain(render_history("banjir", "killed", rows, "en"))
    assert "4 Nov 2025 08:10 UTC · about 20–25 · unattributed · changed · b.test" in en
    assert "No figures yet" in render_history("banjir", "killed", [], "en")


def test_i18n_fallbacks() -> None:
    STRINGS["test.only_en"] = {"en": "hello {name} {missing}"}
    try:
        assert t("test.only_en", "id", name="A") == "hello A {missing}"
    finally:
        del STRINGS["test.only_en"]
    assert t("no.such.key", "id") == "no.such.key"
    assert norm_lang("id-ID") == "id" and norm_lang("fr") == "en" and norm_lang(None) == "en"
    assert concept_name("houses_damaged", "id") == "rumah rusak"
    assert concept_name("evacuees", "en") == "displaced" and concept_name("troops", "id") == "tentara"
    assert concept_name("tanks_lost", "id") == "tanks lost"
    assert stance_name("non_denial", "id") == "tidak membantah"
    for key, texts in STRINGS.items():
        if key.startswith(("kind.", "stance.", "label.", "concept.", "digest.", "latest.")):
            assert set(texts) == {"id", "en"}, key


# ----------------------------------------------------------------------------- split_html


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", html_to_plain(s))


def _check_split(text: str, limit: int) -> list[str]:
    chunks = split_html(text, limit)
    for c in chunks:
        assert_telegram_html(c, limit)
    assert "".join(_flat(c) for c in chunks) == _flat(text)
    return chunks


def test_short_text_is_one_chunk_and_exact_boundary() -> None:
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]
    exact = "x" * MAX_MESSAGE
    assert split_html(exact) == [exact]
    over = _check_split("x" * (MAX_MESSAGE + 1), MAX_MESSAGE)
    assert [len(c) for c in over] == [MAX_MESSAGE, 1]
    assert split_html("&amp;" * 10, 10) == ["&amp;" * 10]
    assert len(split_html("a" * 2000, MAX_CAPTION)) == 2


def test_prefers_paragraph_then_line_then_space() -> None:
    para = "a" * 60 + "\n\n" + "b" * 30 + "\n" + "c" * 15
    assert split_html(para, 100) == ["a" * 60, "b" * 30 + "\n" + "c" * 15]
    line = "a" * 60 + "\n" + "b b b " + "c" * 40
    assert split_html(line, 100)[0] == "a" * 60
    words = "word " * 30
    chunks = _check_split(words, 32)
    assert all(c.startswith("word") and c.rstrip().endswith("word") for c in chunks)
    assert chunks[0] == "word " * 5 + "word"  # 29 characters: the next word would not fit


def test_tags_across_the_cut_are_closed_and_reopened() -> None:
    text = "<b>" + "bold " * 30 + "</b>after"
    chunks = _check_split(text, 50)
    assert all(c.startswith("<b>") for c in chunks[:-1]) and chunks[0].endswith("</b>")
    nested = "<blockquote><i>" + "x " * 40 + "<u>" + "y " * 40 + "</u></i></blockquote>"
    chunks = _check_split(nested, 30)
    assert chunks[-1].startswith("<blockquote><i><u>") and chunks[-1].endswith("</u></i></blockquote>")


def test_link_reopened_with_its_href() -> None:
    href = 'https://e.test/?a=1&amp;b=&quot;2&quot;'
    text = f'<a href="{href}">' + "link text " * 20 + "</a>"
    chunks = _check_split(text, 40)
    assert len(chunks) > 2
    assert all(c.startswith(f'<a href="{href}">') and c.endswith("</a>") for c in chunks)


def test_entities_and_astral_chars_are_never_cut() -> None:
    text = "&lt;&amp;&gt;&quot;&#128512;" * 50
    chunks = _check_split(text, 7)
    assert all(c.count("&") == c.count(";") for c in chunks)
    emoji = "😀" * 10  # 2 UTF-16 units each
    assert split_html(emoji, 5) == ["😀😀", "😀😀", "😀😀", "😀😀", "😀😀"]


def test_ten_thousand_char_word_is_cut_hard() -> None:
    word = "<i>" + "w" * 10_000 + "</i>"
    chunks = _check_split(word, MAX_MESSAGE)
    assert [len(html_to_plain(c)) for c in chunks] == [4096, 4096, 1808]
    assert all(c.startswith("<i>") and c.endswith("</i>") for c in chunks)


def test_rendered_backlog_splits_cleanly() -> None:
    text = render_alerts(ALL * 30, "id", topic_names=NAMES)
    chunks = _check_split(text, MAX_MESSAGE)
    assert len(chunks) >= 3
    assert all(c.startswith(("🆕", "📈", "✏️", "⚖️", "💬", "🔄", "📬")) for c in chunks)


_TEXT = st.lists(st.sampled_from([*"ab xy\n&<>\"'é", "😀", "\n\n", "word "]), max_size=40).map("".join)
_ATTR = {"a": ' href="{}"', "span": ' class="tg-spoiler"', "pre": "", "code": ""}


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["b", "i", "u", "s", "code", "pre", "a", "span", "tg-spoiler",
                            "blockquote", "strong", "em"])
    url = st.sampled_from(['https://x.test/?a=1&b="2"', "https://y.test/p q", "http://z.test"])

    def build(tag: str, href: str, body: list[str]) -> str:
        attr = _ATTR.get(tag, "").format(html.escape(href, quote=True))
        return f"<{tag}{attr}>" + "".join(body) + f"</{tag}>"

    return st.builds(build, tags, url, st.lists(children, max_size=4))


_HTML = st.recursive(_TEXT.map(html.escape), _element, max_leaves=25)


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML, min_size=1, max_size=12), st.integers(min_value=2, max_value=120))
def test_split_property(parts: list[str], limit: int) -> None:
    text = "".join(parts)
    assert_telegram_html(text, limit=10**9)
    _check_split(text, limit)


def test_html_to_plain() -> None:
    assert html_to_plain('<b>a &lt;b&gt;</b> &amp; <a href="x?y=1&amp;z">l&quot;k</a>') == 'a <b> & l"k'
    assert html_to_plain("&#128512;&#x41;") == "😀A"
    linked = html_to_plain('see <a href="https://e.test/?a=1&amp;b=2"><b>this</b></a>', links=True)
    assert linked == "see this (https://e.test/?a=1&b=2)"
    assert html_to_plain(render_alert(NEW, "en"), links=True).endswith(f"Kompas ({URL}) · 4 Nov 2025 08:10 UTC")
    assert html_to_plain(render_alert(NEW, "en")).startswith("🆕 NEW · banjir\nmissing (Aceh): about 12")
