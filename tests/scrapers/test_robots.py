"""robots.txt rules (scrapers.robots) as RFC 9309 states them; examples from its section 5 where
it has them. The fetcher's use of them (caching, 4xx/5xx, BOM over HTTP) is tested in
test_fetch.py and test_fetch_hostile.py."""

from __future__ import annotations

import pytest

from scrapers.robots import match, parse_robots, product_token

BASE = "https://kabar.example"


def allows(robots: str, path: str, token: str = "ClaimWatch") -> bool:
    return parse_robots(robots).allows(token, BASE + path)


def test_longest_match_wins_whatever_the_order() -> None:
    for robots in ("User-agent: *\nDisallow: /berita\nAllow: /berita/publik\n",
                   "User-agent: *\nAllow: /berita/publik\nDisallow: /berita\n"):
        assert not allows(robots, "/berita/rahasia")
        assert allows(robots, "/berita/publik/1")
        assert allows(robots, "/lain")
    # a longer disallow under a shorter allow
    robots = "User-agent: *\nAllow: /\nDisallow: /admin/\n"
    assert not allows(robots, "/admin/x") and allows(robots, "/admins")


def test_allow_wins_on_equal_length() -> None:
    for robots in ("User-agent: *\nDisallow: /page\nAllow: /page\n",
                   "User-agent: *\nAllow: /page\nDisallow: /page\n",
                   "User-agent: *\nDisallow: /p*e\nAllow: /pa*\n"):  # same length, both match
        assert allows(robots, "/page")


@pytest.mark.parametrize(("pattern", "path", "want"), [
    ("/fish", "/fish", True), ("/fish", "/fish.html", True), ("/fish", "/fish/salmon.html", True),
    ("/fish", "/Fish.asp", False), ("/fish", "/catfish", False),
    ("/fish*", "/fishheads/yummy.html", True), ("/fish/", "/fish", False),
    ("/*.php", "/index.php", True), ("/*.php", "/folder/any.php.file.html", True), ("/*.php", "/", False),
    ("/*.php$", "/filename.php", True), ("/*.php$", "/filename.php?parameters", False),
    ("/*.php$", "/filename.php/", False), ("/fish*.php", "/fishheads/catfish.php?parameters", True),
    ("/fish*.php", "/Fish.PHP", False), ("/$", "/", True), ("/$", "/x", False),
    ("/a*b*c$", "/aXbYc", True), ("/a*b*c$", "/abcX", False), ("/a*bc$", "/abc", True),
    ("/a*ab$", "/ab", False),  # the end piece may not reuse what the middle matched
    ("*", "/anything", True), ("/a**b", "/a-b", True),
])
def test_wildcards(pattern: str, path: str, want: bool) -> None:
    assert match(pattern, path) is want


def test_wildcard_rules_through_the_parser() -> None:
    robots = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /cari?*q=\nAllow: /*.pdf$x\n"
    assert not allows(robots, "/laporan/banjir.pdf")
    assert allows(robots, "/laporan/banjir.pdf?v=2")
    assert not allows(robots, "/cari?lang=id&q=banjir")
    assert allows(robots, "/cari/banjir")


def test_group_for_our_product_token_else_star() -> None:
    robots = ("User-agent: *\nDisallow: /\n\n"
              "User-agent: Googlebot\nAllow: /\n\n"
              "User-agent: CLAIMWATCH/2.1 (+https://x)\nDisallow: /privat\n")
    assert allows(robots, "/berita")  # our group, not '*'
    assert not allows(robots, "/privat/x")
    assert not allows(robots, "/berita", token="OtherBot")  # falls back to '*'
    assert allows(robots, "/berita", token="googlebot")
    assert product_token("ClaimWatch/0.1 (+https://example.org)") == "claimwatch"


def test_groups_for_one_agent_merge_and_agents_share_a_group() -> None:
    robots = ("User-agent: ClaimWatch\nUser-agent: Other\nDisallow: /a\n\n"
              "User-agent: *\nDisallow: /b\n\n"
              "User-agent: claimwatch\nDisallow: /c\n")
    assert not allows(robots, "/a/1") and not allows(robots, "/c/1")
    assert allows(robots, "/b/1")  # '*' does not apply once a group names us
    assert not allows(robots, "/a/1", token="Other") and allows(robots, "/c/1", token="Other")


def test_our_group_without_rules_allows_all() -> None:
    assert allows("User-agent: *\nDisallow: /\n\nUser-agent: ClaimWatch\nDisallow:\n", "/x")
    assert not allows("User-agent: *\nDisallow: /\n\nUser-agent: ClaimWatch\nDisallow:\n", "/x", token="Bot")


def test_bom_comments_case_and_junk_lines() -> None:
    robots = ("\ufeffuser-AGENT: *   # everyone\r\n"
              "this line is junk\r\n"
              "DISALLOW: /tmp # temporary files\r\n"
              "Sitemap: https://kabar.example/sitemap.xml\r\n"
              "Disallow: /old\r\n")
    assert not allows(robots, "/tmp/x") and not allows(robots, "/old")
    assert allows(robots, "/berita")


def test_rules_before_any_user_agent_and_empty_files() -> None:
    assert allows("Disallow: /\n", "/x")
    assert allows("", "/x")
    assert allows("User-agent: *\n", "/x")


def test_percent_encoding_is_compared_normalised() -> None:
    robots = "User-agent: *\nDisallow: /berita/%7Ebaru\nDisallow: /kota/jakarta%2fselatan\nDisallow: /café\n"
    assert not allows(robots, "/berita/~baru/1")  # %7E is '~', unreserved
    assert not allows(robots, "/kota/jakarta%2Fselatan")  # reserved stays escaped, hex case aside
    assert allows(robots, "/kota/jakarta/selatan")
    assert not allows(robots, "/caf%C3%A9/x")  # non-ASCII rule vs an encoded URL
    assert not allows(robots, "/café/x")


def test_robots_txt_itself_is_always_allowed() -> None:
    assert allows("User-agent: *\nDisallow: /\n", "/robots.txt")
    assert not allows("User-agent: *\nDisallow: /\n", "/robots.txt.bak")
