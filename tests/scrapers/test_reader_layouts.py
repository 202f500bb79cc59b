"""The generic reader on layouts that used to lose the story: small pages written for these tests.

Categories (from unseen real sites): a class or id that merely *contains* a noise word on the
story's own wrapper (WordPress's ``has-post-thumbnail``, ``non-ad-column``, ``Page-ad-margins``,
``with-sidebar``), a ``<form>`` wrapping the whole page (ASP.NET), a heading's slug id, script
text that outweighs the story; boilerplate kept (a comment thread larger than the story, a teaser
list inside the article, the body printed twice, template markup shown as text); a page whose
every container has a noise name still gives its text.
"""

from __future__ import annotations

import pytest

from scrapers.article import extract_article
from scrapers.html_text import html_to_text

STORY = [
    "Badan Penanggulangan Bencana Daerah mencatat 37 orang meninggal dunia akibat banjir bandang yang "
    "melanda tiga kecamatan di Kabupaten Lumajang sejak Kamis malam.",
    "Sebanyak 1.250 warga masih mengungsi di balai desa dan sekolah, sementara tim gabungan terus mencari "
    "sembilan warga yang dilaporkan hilang terseret arus sungai.",
    "Kepala BPBD Lumajang mengatakan hujan deras selama enam jam membuat tanggul sungai jebol dan air "
    "merendam lebih dari 800 rumah warga di bantaran sungai.",
]
PARAS = "".join(f"<p>{p}</p>" for p in STORY)
CHROME = ("<nav><a href='/'>Beranda</a> <a href='/n'>Nasional</a></nav>"
          "<div class='footer-links'><a href='/tentang'>Tentang kami</a> <a href='/kontak'>Kontak</a></div>")
SCRIPT = "<script>" + "var tracking = {'x': 1};" * 400 + "</script>"


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Banjir Lumajang</title>{head}</head><body>{body}</body></html>"


def story_read(text: str) -> bool:
    return all(p[:60] in text for p in STORY)


@pytest.mark.parametrize("wrapper", [
    "<article class='post-1234 post type-post status-publish has-post-thumbnail hentry'>{}</article>",
    "<div class='post-5678 post has-post-thumbnail'><div class='entry-content'>{}</div></div>",
    "<div class='large-8 columns non-ad-column'><div class='entry'>{}</div></div>",
    "<div class='Page-ad-margins'><div class='RichTextArticleBody'>{}</div></div>",
    "<div class='layout with-sidebar'><div class='content'>{}</div><aside>Terpopuler</aside></div>",
    "<div id='main-widget' class='widget Blog'><div class='date-outer'><div class='post-body'>{}</div></div></div>",
    "<form id='aspnetForm' action='/default.aspx' method='post'><div class='content'>{}</div></form>",
    "<div class='section' id='sharing-with-a-single-developer'><h2>Sharing</h2>{}</div>",
], ids=["has-post-thumbnail", "div-has-post-thumbnail", "non-ad-column", "page-ad-margins", "with-sidebar", "widget-date",
        "aspnet-form", "slug-id"])
def test_the_story_wrapper_is_never_removed_for_its_name(wrapper: str) -> None:
    html = page(CHROME + wrapper.format(PARAS) + SCRIPT)
    text = html_to_text(html)
    assert story_read(text), text
    assert "Tentang kami" not in text and "tracking" not in text


def test_a_comment_thread_longer_than_the_story_stays_out() -> None:
    comments = "".join(f"<div class='comment-body'><p>Komentar pembaca nomor {i}: semoga para korban banjir "
                       "diberi ketabahan dan pemerintah segera membantu warga yang mengungsi.</p></div>"
                       for i in range(12))
    html = page(f"<div class='article-body'>{PARAS}</div><section class='comments'>{comments}</section>")
    text = html_to_text(html)
    assert story_read(text) and "Komentar pembaca" not in text


def test_a_teaser_list_inside_the_article_is_dropped() -> None:
    teasers = ("<ul class='list-berita'>" + "".join(
        f"<li><a href='/b/{i}'>Banjir rob kembali rendam pesisir utara, {i} rumah terdampak</a></li>"
        for i in range(5)) + "</ul>")
    html = page(f"<article>{STORY[0] and '<p>' + STORY[0] + '</p>'}{teasers}<p>{STORY[1]}</p>"
                f"<p>{STORY[2]}</p></article>")
    text = html_to_text(html)
    assert story_read(text) and "rob kembali" not in text


def test_a_body_printed_twice_is_read_once() -> None:
    html = page(f"<div class='article'>{PARAS}</div><div class='mobile-body'>{PARAS}</div>")
    text = html_to_text(html)
    assert story_read(text) and text.count(STORY[0][:60]) == 1


def test_template_markup_shown_as_text_is_no_paragraph() -> None:
    html = page(f"<div class='article'>{PARAS}<div>&lt;span class=\"pin_img\"&gt;</div>"
                "<div>&lt;img src=\"#{img_src}\" /&gt;</div></div>")
    text = html_to_text(html)
    assert story_read(text) and "pin_img" not in text and "img_src" not in text


def test_a_page_whose_every_container_has_a_noise_name_still_gives_its_text() -> None:
    # nothing but noise names, and paragraphs as bare text: the lenient second reading
    body = "".join(f"<div class='widget-text related-box'>{p}</div>" for p in STORY)
    html = page(f"<div class='sidebar-wrapper'>{body}</div>")
    text = html_to_text(html)
    assert story_read(text), text


def test_extract_article_keeps_title_and_date_on_these_layouts() -> None:
    head = "<meta property='article:published_time' content='2026-03-06T19:30:00+07:00'>"
    html = page(CHROME + f"<article class='post has-post-thumbnail'><h1>Banjir Lumajang</h1>{PARAS}</article>", head)
    art = extract_article(html, "https://kabar.example.com/banjir")
    assert story_read(art.text) and art.title == "Banjir Lumajang"
    assert art.published is not None and art.published.day == 6 and art.lang == "id"


def test_boxes_and_embedded_posts_inside_the_body_are_read() -> None:
    box = ("<div class='box-info'><p>Posko pengungsian dibuka di SDN 2 Pasrujambe dan balai Desa Kloposawit "
           "sejak Jumat pagi untuk menampung warga.</p></div>")
    post = ("<blockquote class='twitter-tweet'><p>Air sudah setinggi dada di Desa Jarit, kami butuh perahu karet "
            "sekarang juga.</p>&mdash; Relawan Lumajang (@relawanlmj)</blockquote>")
    html = page(f"<article><p>{STORY[0]}</p>{box}<p>{STORY[1]}</p>{post}<p>{STORY[2]}</p></article>")
    text = html_to_text(html)
    assert story_read(text) and "Posko pengungsian dibuka" in text and "Air sudah setinggi dada" in text
