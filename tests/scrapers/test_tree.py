"""The parsed page (scrapers.tree): one lxml tree, and the views the reader needs on it."""

from __future__ import annotations

from scrapers.tree import contents, decompose, find, gone, meta_map, parse, tags_under, text_of


def test_contents_are_text_pieces_and_children_in_order_without_comments() -> None:
    root = parse("<html><body><p>a<!-- note -->b<b>c</b>d</p></body></html>")
    p = find(root, "p")
    assert p is not None
    assert [c if isinstance(c, str) else c.tag for c in contents(p)] == ["a", "b", "b", "d"]


def test_decompose_removes_the_subtree_and_keeps_the_text_after_it_apart() -> None:
    root = parse("<html><body><p>one <span>two <i>three</i></span> four</p></body></html>")
    span, i = find(root, "span"), find(root, "i")
    assert span is not None and i is not None
    decompose(span)
    p = find(root, "p")
    assert p is not None
    assert list(contents(p)) == ["one ", " four"]  # two pieces, as they were
    assert gone(span) and gone(i)
    assert [t.tag for t in tags_under(root)] == ["body", "p"]
    assert text_of(p) == "one  four"


def test_text_of_skips_scripts_styles_and_templates_but_reads_a_script_itself() -> None:
    root = parse('<html><body><div>a<script>var x = 1;</script><style>p{}</style>'
                 '<template>t</template><noscript>n</noscript> b</div>'
                 '<script type="application/ld+json">{"a": 1}</script></body></html>')
    div = find(root, "div")
    scripts = [el for el in root.iter("script")]
    assert div is not None
    assert text_of(div) == "an b"
    assert text_of(scripts[-1]) == '{"a": 1}'
    assert text_of(div, "|", strip=True) == "a|n|b"


def test_layout_whitespace_counts_as_one_break_or_space() -> None:
    root = parse("<html><body><ul>\n      <li>x</li>   <li>y</li>\n</ul></body></html>")
    ul = find(root, "ul")
    assert ul is not None
    assert text_of(ul) == "\nx y\n"


def test_empty_and_odd_input_give_an_empty_page() -> None:
    for doc in ("", "   ", "<?xml version='1.0' encoding='latin-1'?>"):
        root = parse(doc)
        assert root.tag == "html" and text_of(root).strip() == ""


def test_a_declared_charset_does_not_change_already_decoded_text() -> None:
    root = parse('<html><head><meta charset="windows-1252"></head><body><p>é ü 中</p></body></html>')
    p = find(root, "p")
    assert p is not None and text_of(p) == "é ü 中"


def test_pages_deeper_than_libxml2_builds_are_read_whole() -> None:
    depth = 3_000
    root = parse("<html><body>" + "<div>" * depth + "<p>deep</p>" + "</div>" * depth + "</body></html>")
    p = find(root, "p")
    assert p is not None and text_of(p) == "deep"
    assert sum(1 for _ in root.iter("div")) == depth


def test_meta_map_keys_each_tag_by_its_lowercased_name_and_the_first_tag_wins() -> None:
    root = parse('<html><head><meta property="OG:Title" content="Banjir Demak">'
                 '<meta name="og:title" content="later">'
                 '<meta http-equiv="Content-Language" content="id">'
                 '<meta itemprop="datePublished" content="2024-03-18T09:00:00+07:00">'
                 '<meta name="description"><meta charset="utf-8"></head><body></body></html>')
    assert meta_map(root) == {"og:title": "Banjir Demak", "content-language": "id",
                              "datepublished": "2024-03-18T09:00:00+07:00"}
