"""Tests for the TOML config loader (claimwatch.config)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest

from claimwatch.config import (
    Config,
    ConfigError,
    SourceConfig,
    TelegramConfig,
    TopicConfig,
    default_config,
    load_config,
    parse_duration,
    parse_host_port,
)

REPO = Path(__file__).resolve().parents[2]

TOPIC = '[[topics]]\nid = "korut-rusia"\nkeywords = ["Korut"]\n'
SOURCE = '[[sources]]\nid = "kompas"\nkind = "rss"\nurl = "https://example.org/f.xml"\n'
PROFILE = '[[profiles]]\nname = "liputan6"\nmatch = ["example.org"]\nbody = "div.body"\n'
CONCEPT = '[[concepts]]\nkey = "evacuees"\n'
ACTOR = '[[actors]]\nname = "Hamas"\n'


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# (case id, file text, fragment the one-line ConfigError message must contain)
BAD: list[tuple[str, str, str]] = [
    # unknown keys, with a suggestion, in every section
    ("unknown-section", "[sorces]\n", "unknown section [sorces] (did you mean [sources]?)"),
    ("unknown-section-nosuggest", "[zzz]\nx = 1\n", "unknown section [zzz]"),
    ("storage-unknown", '[storage]\npaht = "x.db"\n',
     "[storage]: unknown key 'paht' (did you mean 'path'?)"),
    ("telegram-unknown", "[telegram]\nadmin = [1]\n",
     "[telegram]: unknown key 'admin' (did you mean 'admins'?)"),
    ("fetch-unknown", "[fetch]\ntimout = 3.0\n",
     "[fetch]: unknown key 'timout' (did you mean 'timeout'?)"),
    ("tracking-unknown", '[tracking]\nconflict_windw = "1h"\n',
     "[tracking]: unknown key 'conflict_windw' (did you mean 'conflict_window'?)"),
    ("topic-unknown", TOPIC + 'keyword = ["x"]\n',
     '[topics][0] (id="korut-rusia"): unknown key \'keyword\' (did you mean \'keywords\'?)'),
    ("source-unknown", TOPIC + SOURCE + SOURCE.replace("kompas", "b") + 'intervall = "10m"\n',
     '[sources][1] (id="b"): unknown key \'intervall\' (did you mean \'interval\'?)'),
    ("profile-unknown", PROFILE + 'titel = "h2"\n',
     '[profiles][0] (name="liputan6"): unknown key \'titel\' (did you mean \'title\'?)'),
    ("concept-unknown", CONCEPT + 'word = { id = ["x"] }\n',
     '[concepts][0] (key="evacuees"): unknown key \'word\' (did you mean \'words\'?)'),
    ("concept-words-lang", CONCEPT + 'words = { eng = ["x"] }\n',
     '[concepts][0] (key="evacuees") words: unknown key \'eng\' (did you mean \'en\'?)'),
    ("actor-unknown", ACTOR + 'kind = "armed_group"\nalias = ["x"]\n',
     '[actors][0] (name="Hamas"): unknown key \'alias\' (did you mean \'aliases\'?)'),
    # the token never belongs in the file
    ("token-in-telegram", '[telegram]\ntoken = "123:abc"\n',
     "[telegram]: 'token' is not allowed in the config file"),
    ("token-top-level", 'token = "123:abc"\n', "'token' is not allowed in the config file"),
    # wrong types
    ("admins-str", '[telegram]\nadmins = "123"\n', "[telegram] admins: expected a list of integers, got str"),
    ("admins-bool-item", "[telegram]\nadmins = [1, true]\n",
     "admins: expected a list of integers, got bool at index 1"),
    ("admins-float-item", "[telegram]\nadmins = [1.5]\n", "got float at index 0"),
    ("max-bytes-bool", "[fetch]\nmax_bytes = true\n", "[fetch] max_bytes: expected an integer, got bool"),
    ("max-bytes-float", "[fetch]\nmax_bytes = 1.5\n", "max_bytes: expected an integer, got float"),
    ("timeout-str", '[fetch]\ntimeout = "20"\n', "[fetch] timeout: expected a number, got str"),
    ("timeout-bool", "[fetch]\ntimeout = true\n", "timeout: expected a number, got bool"),
    ("robots-int", "[fetch]\nrespect_robots = 1\n", "respect_robots: expected a boolean"),
    ("user-agent-int", "[fetch]\nuser_agent = 5\n", "user_agent: expected a string, got int"),
    ("storage-path-int", "[storage]\npath = 1\n", "[storage] path: expected a string, got int"),
    ("storage-not-table", 'storage = "x.db"\n', "[storage]: expected a table, got str"),
    ("topics-not-array", '[topics]\nid = "x"\n', "[topics]: expected an array of tables, got table"),
    ("sources-item-not-table", 'sources = ["a"]\n', "[sources]: expected an array of tables, got str at index 0"),
    ("keywords-str", '[[topics]]\nid = "a"\nkeywords = "x"\n',
     '[topics][0] (id="a") keywords: expected a list of strings, got str'),
    ("source-topics-mixed", TOPIC + SOURCE + 'topics = ["korut-rusia", 3]\n',
     "topics: expected a list of strings, got int at index 1"),
    ("options-not-table", TOPIC + SOURCE + 'options = "x"\n', "options: expected a table, got str"),
    ("words-not-table", CONCEPT + 'words = ["x"]\n', "words: expected a table, got array"),
    ("words-id-str", CONCEPT + 'words = { id = "x" }\n', "words.id: expected a list of strings, got str"),
    ("interval-int", TOPIC + SOURCE + "interval = 600\n",
     "interval: expected a duration string such as '10m' or '1h30m', got int"),
    ("date-value", "[tracking]\nconflict_window = 2024-01-01\n", "got date"),
    # missing required keys
    ("topic-no-id", '[[topics]]\nkeywords = ["x"]\n', "[topics][0]: missing required key 'id'"),
    ("topic-no-keywords", '[[topics]]\nid = "a"\n', "[topics][0] (id=\"a\"): missing required key 'keywords'"),
    ("source-no-kind", '[[sources]]\nid = "a"\nurl = "https://example.org/"\n', "missing required key 'kind'"),
    ("source-no-url", '[[sources]]\nid = "a"\nkind = "rss"\n',
     "[sources][0] (id=\"a\"): missing required key 'url' (needed by kind 'rss')"),
    ("profile-no-body", '[[profiles]]\nname = "p"\nmatch = ["example.org"]\n', "missing required key 'body'"),
    ("profile-bad-body", PROFILE.replace('"div.body"', '"div.body >> p"'),
     "[profiles][0] (name=\"liputan6\") body: not a CSS selector the reader supports: 'div.body >> p'"),
    ("profile-bad-drop", PROFILE + 'drop = [".ads", "div[class"]\n', "drop: item 1: not a CSS selector"),
    ("concept-no-words", CONCEPT, "[concepts][0] (key=\"evacuees\"): missing required key 'words'"),
    ("actor-no-kind", ACTOR, "[actors][0] (name=\"Hamas\"): missing required key 'kind'"),
    # invalid values
    ("duration-bad", TOPIC + SOURCE + 'interval = "10x"\n', "interval: invalid duration '10x'"),
    ("duration-order", TOPIC + SOURCE + 'interval = "30m1h"\n', "invalid duration '30m1h'"),
    ("duration-empty", '[tracking]\nconflict_window = ""\n', "conflict_window: invalid duration ''"),
    ("duration-too-short", TOPIC + SOURCE + 'interval = "5s"\n', "interval: duration '5s' is too short: minimum is 10s"),
    ("host-no-port", '[fetch]\nallow_private_hosts = ["127.0.0.1"]\n',
     "allow_private_hosts: item 0: expected 'host:port', got '127.0.0.1'"),
    ("host-port-zero", '[fetch]\nallow_private_hosts = ["localhost:0"]\n', "port must be an integer from 1 to 65535"),
    ("host-port-big", '[fetch]\nallow_private_hosts = ["a:8080", "b:65536"]\n', "item 1: 'b:65536': port must be"),
    ("host-port-word", '[fetch]\nallow_private_hosts = ["a:http"]\n', "port must be an integer"),
    ("host-ipv6-bare", '[fetch]\nallow_private_hosts = ["::1:8080"]\n', "write IPv6 addresses in brackets"),
    ("host-ipv6-bad", '[fetch]\nallow_private_hosts = ["[zz::1]:80"]\n', "'zz::1' is not an IPv6 address"),
    ("host-ipv6-noport", '[fetch]\nallow_private_hosts = ["[::1]"]\n', "expected '[ipv6]:port'"),
    ("host-bad-name", '[fetch]\nallow_private_hosts = ["ex ample:80"]\n', "invalid host name"),
    ("base-url-ftp", '[telegram]\nbase_url = "ftp://example.org/bot"\n',
     "[telegram] base_url: expected an http:// or https:// URL, got 'ftp://example.org/bot'"),
    ("base-url-nohost", '[telegram]\nbase_url = "https://"\n', "base_url: expected an http:// or https:// URL"),
    ("source-url-relative", TOPIC + '[[sources]]\nid = "a"\nkind = "rss"\nurl = "/feed.xml"\n',
     "url: expected an http:// or https:// URL"),
    ("token-env-bad", '[telegram]\ntoken_env = "MY-TOKEN"\n', "token_env: invalid environment variable name 'MY-TOKEN'"),
    ("timeout-zero", "[fetch]\ntimeout = 0\n", "timeout: must be a finite number above 0, got 0"),
    ("timeout-nan", "[fetch]\ntimeout = nan\n", "timeout: must be a finite number above 0, got nan"),
    ("politeness-inf", "[fetch]\npoliteness_delay = inf\n", "politeness_delay: must be a finite number >= 0"),
    ("admins-negative", "[telegram]\nadmins = [5, -100123]\n", "admins: item 1: must be at least 1, got -100123"),
    ("concurrency-zero", "[fetch]\nper_host_concurrency = 0\n", "per_host_concurrency: must be at least 1"),
    ("politeness-negative", "[fetch]\npoliteness_delay = -1.0\n", "politeness_delay: must be a finite number >= 0, got -1"),
    ("storage-path-empty", '[storage]\npath = ""\n', "[storage] path: must not be empty"),
    ("id-uppercase", '[[topics]]\nid = "Korut"\nkeywords = ["x"]\n', "id: invalid id 'Korut'"),
    ("id-leading-dash", '[[topics]]\nid = "-x"\nkeywords = ["x"]\n', "invalid id '-x'"),
    ("id-too-long", f'[[topics]]\nid = "{"a" * 65}"\nkeywords = ["x"]\n', "invalid id"),
    ("source-id-space", '[[sources]]\nid = "my source"\nkind = "search"\n', "invalid id 'my source'"),
    ("keywords-empty", '[[topics]]\nid = "a"\nkeywords = []\n', "keywords: must not be empty"),
    ("keywords-blank-item", '[[topics]]\nid = "a"\nkeywords = ["x", " "]\n', "keywords: item 1: must not be empty"),
    ("lang-unknown", TOPIC + 'lang = ["id", "eng"]\n',
     "lang: item 1: unknown value 'eng' (did you mean 'en'?)"),
    ("actor-kind", ACTOR + 'kind = "armed-group"\n',
     "kind: unknown value 'armed-group' (did you mean 'armed_group'?)"),
    ("concept-words-empty", CONCEPT + "words = { id = [] }\n", "words: list at least one word"),
    # duplicates and cross references
    ("dup-topic", TOPIC + TOPIC, '[topics][1] (id="korut-rusia"): duplicate id \'korut-rusia\' (first defined at [topics][0])'),
    ("dup-source", TOPIC + SOURCE + SOURCE, '[sources][1] (id="kompas"): duplicate id \'kompas\''),
    ("dup-profile", PROFILE + PROFILE, "duplicate name 'liputan6'"),
    ("dup-concept", (CONCEPT + 'words = { en = ["x"] }\n') * 2, "duplicate key 'evacuees'"),
    ("dup-actor", (ACTOR + 'kind = "org"\n') * 2, "duplicate name 'Hamas'"),
    ("unknown-topic", TOPIC + SOURCE + 'topics = ["korut-rusa"]\n',
     '[sources][0] (id="kompas") topics: unknown topic \'korut-rusa\' (did you mean \'korut-rusia\'?)'),
    ("unknown-topic-none-defined", SOURCE + 'topics = ["banjir"]\n',
     "unknown topic 'banjir' (not defined in [[topics]])"),
    ("unknown-profile", TOPIC + PROFILE + SOURCE + 'profile = "liputan"\n',
     "profile: unknown profile 'liputan' (did you mean 'liputan6'?)"),
    # file-level problems
    ("toml-syntax", "[fetch]\ntimeout = = 3\n", "invalid TOML: "),
    ("toml-duplicate-key", "[fetch]\ntimeout = 1\ntimeout = 2\n", "line 3"),
]


@pytest.mark.parametrize(("text", "fragment"), [(t, f) for _, t, f in BAD], ids=[c for c, _, _ in BAD])
def test_bad_config(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert fragment in message
    assert message.startswith(f"{path}: ")
    assert "\n" not in message


def test_bad_table_is_large_and_unique() -> None:
    assert len(BAD) >= 40
    assert len({case for case, _, _ in BAD}) == len(BAD)


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[fetch]\n\ntimeout = = 3\n")
    with pytest.raises(ConfigError, match=r"invalid TOML: .*line 3"):
        load_config(path)


def test_token_value_is_not_echoed(tmp_path: Path) -> None:
    path = write(tmp_path, '[telegram]\ntoken = "123456:SECRET"\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert "SECRET" not in str(info.value)
    assert "token_env" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: config file not found"):
        load_config(tmp_path / "nope.toml")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(tmp_path)


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[fetch]\nuser_agent = "\xff"\n')
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        load_config(path)


def test_array_index_counts_entries_in_file_order(tmp_path: Path) -> None:
    text = TOPIC + SOURCE + SOURCE.replace("kompas", "b") + SOURCE.replace("kompas", "c") + "intervall = '1h'\n"
    with pytest.raises(ConfigError, match=r'\[sources\]\[2\] \(id="c"\)'):
        load_config(write(tmp_path, text))


# ------------------------------------------------------------------ valid files


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    config = load_config(path)
    defaults = default_config()
    assert config.path == path.resolve()
    assert config.storage.path == tmp_path.resolve() / "claimwatch.db"
    assert dataclasses.replace(config, storage=defaults.storage, path=None) == defaults


def test_storage_and_fetch_only(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[storage]\npath = "data/cw.db"\n\n[fetch]\ntimeout = 5\n'))
    assert config.storage.path == tmp_path.resolve() / "data" / "cw.db"
    assert config.fetch.timeout == 5.0
    assert isinstance(config.fetch.timeout, float)
    assert config.topics == () and config.sources == ()


def test_defaults() -> None:
    config = default_config()
    assert config.path is None
    assert config.storage.path == Path("claimwatch.db")
    assert config.telegram == TelegramConfig(
        token_env="CLAIMWATCH_TELEGRAM_TOKEN", base_url="https://api.telegram.org/bot", admins=()
    )
    fetch = config.fetch
    assert fetch.user_agent.startswith("ClaimWatch/")
    assert fetch.allow_private_hosts == ()
    assert (fetch.timeout, fetch.max_bytes, fetch.per_host_concurrency) == (20.0, 5_000_000, 2)
    assert (fetch.politeness_delay, fetch.respect_robots) == (1.0, True)
    assert config.tracking.conflict_window == 48 * 3600
    assert (config.topics, config.sources, config.profiles, config.concepts, config.actors) == ((),) * 5


def test_item_defaults(tmp_path: Path) -> None:
    text = TOPIC + '[[sources]]\nid = "s"\nkind = "search"\noptions = { engine = "x", tags = ["a"], sub = { k = 1 } }\n'
    config = load_config(write(tmp_path, text))
    topic = config.topics[0]
    assert topic.name == "korut-rusia"
    assert topic.require_any == () and topic.lang == ("id", "en")
    source = config.sources[0]
    assert source.url is None and source.profile is None and source.topics == ()
    assert source.interval == 900.0
    assert isinstance(source.options, MappingProxyType)
    assert source.options["tags"] == ("a",)
    assert isinstance(source.options["sub"], MappingProxyType)
    with pytest.raises(TypeError):
        source.options["engine"] = "y"  # type: ignore[index]


def test_relative_storage_path_uses_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "etc").mkdir()
    write(tmp_path / "etc", '[storage]\npath = "../var/cw.db"\n')
    monkeypatch.chdir(tmp_path)
    config = load_config("etc/config.toml")
    assert config.storage.path == tmp_path.resolve() / "etc" / ".." / "var" / "cw.db"
    assert config.path == tmp_path.resolve() / "etc" / "config.toml"


def test_absolute_storage_path_kept(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "x.db"
    config = load_config(write(tmp_path, f"[storage]\npath = '{target}'\n"))
    assert config.storage.path == target


def test_example_file_loads() -> None:
    config = load_config(REPO / "config.example.toml")
    assert [t.id for t in config.topics] == ["korut-rusia", "banjir"]
    assert {s.kind for s in config.sources} == {"rss", "sitemap", "html", "search"}
    search = next(s for s in config.sources if s.kind == "search")
    assert search.url is None and search.options["lang"] == "id"
    assert config.sources[0].profile == "liputan6" and config.sources[0].interval == 600.0
    assert ".baca-juga" in config.profiles[0].drop and config.profiles[0].match == ("liputan6.com",)
    assert config.concepts[0].words["en"] == ("evacuees", "displaced people")
    assert config.actors[0].kind == "agency"
    assert config.storage.path == REPO / "claimwatch.db"
    config.require_sources()
    config.require_topics()


def test_full_values(tmp_path: Path) -> None:
    text = """
[telegram]
token_env = "MY_TOKEN"
base_url = "http://127.0.0.1:8081/bot"
admins = [1, 2]

[fetch]
allow_private_hosts = ["LocalHost:8080", "[::1]:9000", "[0:0:0:0:0:0:0:1]:80", "10.0.0.1:1"]
respect_robots = false

[tracking]
conflict_window = "1d"

[[actors]]
name = "Hamas"
kind = "armed_group"
side = "Palestine"
aliases = ["Hamas", "Harakat al-Muqawama"]
"""
    config = load_config(write(tmp_path, text))
    assert config.telegram.admins == (1, 2)
    assert config.telegram.base_url == "http://127.0.0.1:8081/bot"
    assert config.fetch.allow_private_hosts == ("localhost:8080", "[::1]:9000", "[::1]:80", "10.0.0.1:1")
    assert config.fetch.respect_robots is False
    assert config.tracking.conflict_window == 86400.0
    assert config.actors[0].aliases == ("Hamas", "Harakat al-Muqawama")


def test_config_lookup_and_requirements(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, TOPIC))
    assert config.topic("korut-rusia") == TopicConfig(id="korut-rusia", keywords=("Korut",))
    assert config.topic("banjir") is None
    config.require_topics()
    with pytest.raises(ConfigError, match=r"no \[\[sources\]\] defined in .*config\.toml: scan needs at least one source"):
        config.require_sources()
    with pytest.raises(ConfigError, match=r"no \[\[topics\]\] defined in the built-in defaults"):
        default_config().require_topics()


def test_config_is_frozen_and_hashable(tmp_path: Path) -> None:
    config = load_config(REPO / "config.example.toml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.fetch.timeout = 1.0  # type: ignore[misc]
    assert hash(config) == hash(load_config(REPO / "config.example.toml"))


def test_direct_construction_is_validated() -> None:
    with pytest.raises(ValueError, match="missing required key 'url'"):
        SourceConfig(id="a", kind="rss")
    topic = TopicConfig(id="a", keywords=("x",))
    with pytest.raises(ValueError, match="duplicate id 'a'"):
        Config(topics=(topic, topic))


# ------------------------------------------------------------------------ token


def test_token_from_env() -> None:
    telegram = default_config().telegram
    assert telegram.token({"CLAIMWATCH_TELEGRAM_TOKEN": " 123:abc\n"}) == "123:abc"
    custom = TelegramConfig(token_env="BOT", base_url="https://example.org/bot", admins=())
    assert custom.token({"BOT": "x"}) == "x"


@pytest.mark.parametrize("env", [{}, {"CLAIMWATCH_TELEGRAM_TOKEN": ""}, {"OTHER": "x"}])
def test_token_missing(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match=r"environment variable CLAIMWATCH_TELEGRAM_TOKEN is not set \(telegram\.token_env\)"):
        default_config().telegram.token(env)


# -------------------------------------------------------------------- parsers


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("10m", 600), ("1h", 3600), ("1h30m", 5400), ("1d", 86400),
     ("2d3h4m5s", 2 * 86400 + 3 * 3600 + 4 * 60 + 5), ("0s", 0), (" 15M ", 900)],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == float(seconds)


@pytest.mark.parametrize("text", ["", "10", "m", "1.5h", "1h 30m", "30m1h", "-5m", "1w", "10mm", "١٠m"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="invalid duration"):
        parse_duration(text)


def test_parse_host_port() -> None:
    assert parse_host_port("127.0.0.1:8080") == ("127.0.0.1", 8080)
    assert parse_host_port("Example.ORG:443") == ("example.org", 443)
    assert parse_host_port("[::1]:8080") == ("::1", 8080)
    with pytest.raises(ValueError):
        parse_host_port("example.org:")
    with pytest.raises(ValueError):
        parse_host_port(":80")


def test_topic_subject(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, TOPIC + 'subject = "Korut"\n'))
    assert config.topics[0].subject == "Korut"
    assert load_config(write(tmp_path, TOPIC)).topics[0].subject is None
    with pytest.raises(ConfigError, match="subject"):
        load_config(write(tmp_path, TOPIC + 'subject = ""\n'))
    with pytest.raises(ConfigError, match="subjct"):
        load_config(write(tmp_path, TOPIC + 'subjct = "North Korea"\n'))


def test_topic_subject_takes_the_canonical_name(tmp_path: Path) -> None:
    from claimwatch.extract import Extractor, topic_subjects

    config = load_config(write(tmp_path, TOPIC + 'subject = "Korut"\n'))
    assert topic_subjects(config, Extractor()) == {"korut-rusia": "North Korea"}
    config = load_config(write(tmp_path, TOPIC + 'subject = "Wagner Group"\n'))
    assert topic_subjects(config, Extractor()) == {"korut-rusia": "Russia"}  # the side, as figures name it
    config = load_config(write(tmp_path, TOPIC + 'subject = "Front Pembebasan Zamora"\n'))
    assert topic_subjects(config, Extractor()) == {"korut-rusia": "Front Pembebasan Zamora"}  # unknown: as written


# ------------------------------------------------------------------ fetch.user_agent, max_article_chars


@pytest.mark.parametrize(("value", "fragment"), [
    ('"ClaimWatch/0.1 (caf\u00e9)"', "found '\u00e9'"),  # non-ASCII: a header cannot carry it
    ('"ClaimWatch/0.1\\nX-Evil: 1"', "found '\\n'"),  # a line break would inject a header
    ('"ClaimWatch/0.1\\r"', "must be printable ASCII on one line"),
    ('"Claim\\tWatch"', "found '\\t'"),
    ('"Claim\\u007fWatch"', "found '\\x7f'"),
    ('"   "', "must be 1 to 256 characters, got 0"),
    (f'"{"x" * 257}"', "must be 1 to 256 characters, got 257"),
])
def test_user_agent_must_be_one_line_of_printable_ascii(tmp_path: Path, value: str, fragment: str) -> None:
    path = write(tmp_path, f"[fetch]\nuser_agent = {value}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: [fetch] user_agent: ") and fragment in message
    assert "\n" not in message and "\r" not in message


def test_user_agent_accepted_forms(tmp_path: Path) -> None:
    ua = "ClaimWatch/1.0 (+https://example.org/claimwatch; ops@example.org)"
    assert load_config(write(tmp_path, f'[fetch]\nuser_agent = "  {ua} "\n')).fetch.user_agent == ua
    assert load_config(write(tmp_path, f'[fetch]\nuser_agent = "{"x" * 256}"\n')).fetch.user_agent == "x" * 256
    assert load_config(REPO / "config.example.toml").fetch.user_agent.isascii()


def test_max_article_chars(tmp_path: Path) -> None:
    assert default_config().fetch.max_article_chars == 200_000
    assert load_config(REPO / "config.example.toml").fetch.max_article_chars == 200_000
    assert load_config(write(tmp_path, "[fetch]\nmax_article_chars = 5000\n")).fetch.max_article_chars == 5000
    for bad, fragment in (("999", "must be from 1000 to 10000000, got 999"), ("1.5", "expected an integer"),
                          ('"big"', "expected an integer")):
        with pytest.raises(ConfigError, match=r"\[fetch\] max_article_chars: " + fragment.replace(".", r"\.")):
            load_config(write(tmp_path, f"[fetch]\nmax_article_chars = {bad}\n"))
