"""Configuration: a TOML file read into frozen dataclasses.

Every key is declared once, as a dataclass field ``_f(toml_type, *checks, default=...)``.
The generic ``_build`` walks those declarations, so adding a key is one line. Anything
unexpected (unknown key, wrong type, missing required key, invalid value, dangling
reference) raises ``ConfigError`` with a one-line message naming file, section and key::

    config.toml: [sources][2] (id="kompas"): unknown key 'intervall' (did you mean 'interval'?)

Array-of-table entries are numbered from 0 in the order they appear in the file.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import math
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar, dataclass_transform
from urllib.parse import urlsplit

__all__ = [
    "ACTOR_KINDS", "LANGS", "ActorConfig", "ConceptConfig", "Config", "ConfigError",
    "FetchConfig", "OpsConfig", "ProfileConfig", "SourceConfig", "StorageConfig", "TelegramConfig",
    "TopicConfig", "TrackingConfig", "default_config", "load_config", "parse_duration",
    "parse_host_port",
]

LANGS = ("id", "en")
ACTOR_KINDS = ("country", "org", "agency", "person", "armed_group", "media", "place")
DEFAULT_DB = Path("claimwatch.db")
DEFAULT_USER_AGENT = "ClaimWatch/0.1 (+https://example.org/claimwatch)"
DEFAULT_TOKEN_ENV = "CLAIMWATCH_TELEGRAM_TOKEN"
_TOKEN_IN_FILE = (
    "'token' is not allowed in the config file: put the bot token in the environment "
    f"variable named by telegram.token_env (default {DEFAULT_TOKEN_ENV})"
)


class ConfigError(Exception):
    """The configuration is unusable; the message is one line fit for the operator."""


# --------------------------------------------------------------------- pure parsers

_DURATION_RE = re.compile(r"(?:([0-9]{1,9})d)?(?:([0-9]{1,9})h)?(?:([0-9]{1,9})m)?(?:([0-9]{1,9})s)?")
_DURATION_UNITS = (86400, 3600, 60, 1)


def parse_duration(s: str) -> float:
    """``"30s"``, ``"10m"``, ``"1h30m"``, ``"1d"`` -> seconds. Raises ``ValueError``."""
    m = _DURATION_RE.fullmatch(s.strip().lower()) if isinstance(s, str) else None
    if m is None or not any(m.groups()):
        raise ValueError(f"invalid duration {s!r}: use e.g. '30s', '10m', '1h30m' or '1d'")
    return float(sum(int(g) * u for g, u in zip(m.groups(), _DURATION_UNITS, strict=True) if g))


_HOSTNAME_RE = re.compile(r"[a-z0-9](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9](?:[a-z0-9_-]{0,62}))*\.?")


def parse_host_port(s: str) -> tuple[str, int]:
    """``"127.0.0.1:8080"`` / ``"[::1]:8080"`` -> (host, port); host lowercased. ``ValueError``."""
    if s.startswith("["):
        inner, sep, port = s[1:].partition("]:")
        if not sep:
            raise ValueError(f"expected '[ipv6]:port', got {s!r}")
        try:
            host = ipaddress.IPv6Address(inner).compressed
        except ValueError:
            raise ValueError(f"{s!r}: {inner!r} is not an IPv6 address") from None
    else:
        host, sep, port = s.rpartition(":")
        if ":" in host:
            raise ValueError(f"{s!r}: write IPv6 addresses in brackets, e.g. '[::1]:8080'")
        if not sep or not host:
            raise ValueError(f"expected 'host:port', got {s!r}")
        host = host.lower()
        if not _HOSTNAME_RE.fullmatch(host):
            raise ValueError(f"{s!r}: invalid host name {host!r}")
    if not (port.isascii() and port.isdigit() and len(port) <= 5 and 1 <= int(port) <= 65535):
        raise ValueError(f"{s!r}: port must be an integer from 1 to 65535")
    return host, int(port)


# ------------------------------------------------------------- declarative machinery


def _label(section: str, index: int, key: str, item: object) -> str:
    """``[sources][2] (id="kompas")``: an array-of-tables entry, named when it has a name."""
    ident = item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)
    if not isinstance(ident, str):
        return f"[{section}][{index}]"
    ident = ident if len(ident) <= 40 else ident[:39] + "…"
    return f"[{section}][{index}] ({key}={json.dumps(ident, ensure_ascii=False)})"


def _suggest(key: str, names: Iterable[str], fmt: str = "'{}'") -> str:
    close = difflib.get_close_matches(key.lower(), list(names), n=1, cutoff=0.6)
    return f" (did you mean {fmt.format(close[0])}?)" if close else ""


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a problem is, for messages: file, section label, dotted key prefix."""

    file: str
    section: str = ""  # "" = top level of the file
    prefix: str = ""  # for tables nested in a section, e.g. "words."

    def err(self, key: str | None, msg: str) -> ConfigError:
        if not self.section:
            return ConfigError(f"{self.file}: [{key}]: {msg}" if key else f"{self.file}: {msg}")
        path = self.prefix + key if key else self.prefix.rstrip(".")
        return ConfigError(f"{self.file}: {self.section}{' ' + path if path else ''}: {msg}")

    def unknown(self, key: str, names: Iterable[str]) -> ConfigError:
        if not self.section:
            return self.err(None, f"unknown section [{key}]{_suggest(key, names, '[{}]')}")
        return self.err(None, f"unknown key {key!r}{_suggest(key, names)}")

    def child(self, name: str) -> _Where:
        if not self.section:
            return _Where(self.file, f"[{name}]")
        return _Where(self.file, self.section, f"{self.prefix}{name}.")


_TOML_TYPES = {bool: "bool", int: "int", float: "float", str: "str", list: "array",
               dict: "table", datetime: "datetime", date: "date", time: "time"}


def _is(value: object, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


@dataclass(frozen=True, slots=True)
class _Type:
    """A TOML value type: ``expected`` completes "expected ...". Lists become tuples."""

    expected: str
    types: tuple[type, ...]
    items: tuple[type, ...] = ()  # for arrays: what each item must be
    convert: Callable[[Any, _Where], Any] | None = None

    def mismatch(self, v: Any) -> str | None:
        if not _is(v, self.types):
            return _TOML_TYPES.get(type(v), type(v).__name__)
        bad = next((i for i, x in enumerate(v) if not _is(x, self.items)), None) if self.items else None
        return None if bad is None else f"{_TOML_TYPES.get(type(v[bad]), '?')} at index {bad}"


def _freeze(v: Any) -> Any:
    if isinstance(v, dict):
        return MappingProxyType({k: _freeze(x) for k, x in v.items()})
    return tuple(_freeze(x) for x in v) if isinstance(v, list) else v


def _table_of(cls: type) -> _Type:
    return _Type("a table", (dict,), convert=lambda v, w: _build(cls, v, w))


def _array_of(cls: type, label_key: str) -> _Type:
    def convert(v: list[dict[str, Any]], w: _Where) -> tuple[Any, ...]:
        name = w.section.strip("[]")
        return tuple(_build(cls, x, _Where(w.file, _label(name, i, label_key, x)))
                     for i, x in enumerate(v))
    return _Type("an array of tables", (list,), (dict,), convert)


STR = _Type("a string", (str,))
INT = _Type("an integer", (int,))
NUM = _Type("a number", (int, float), convert=lambda v, _w: float(v))
BOOL = _Type("a boolean (true or false)", (bool,))
STRS = _Type("a list of strings", (list,), (str,))
INTS = _Type("a list of integers", (list,), (int,))
DURATION = _Type("a duration string such as '10m' or '1h30m'", (str,))
TABLE = _Type("a table", (dict,), convert=lambda v, _w: _freeze(v))

Check = Callable[[Any], Any]  # returns the (possibly converted) value or raises ValueError


@dataclass(frozen=True, slots=True)
class _Spec:
    type: _Type
    checks: tuple[Check, ...]


def _f(type_: _Type, *checks: Check, default: Any = MISSING, factory: Any = MISSING,
       hashable: bool = True) -> Any:
    """Declare one config key: TOML type, checks run in order, default (none = required)."""
    return field(default=default, default_factory=factory, hash=None if hashable else False,
                 metadata={"cw": _Spec(type_, checks)})


_C = TypeVar("_C")


@dataclass_transform(frozen_default=True, field_specifiers=(_f,))
def _section(cls: type[_C]) -> type[_C]:
    """``@dataclass(frozen=True, slots=True)`` whose ``_f`` fields the loader reads."""
    return dataclass(frozen=True, slots=True)(cls)


def _build(cls: type, table: Mapping[str, Any], where: _Where) -> Any:
    """Validate ``table`` against the ``_f`` fields of dataclass ``cls`` and build it."""
    specs: dict[str, Field[Any]] = {f.name: f for f in fields(cls) if "cw" in f.metadata}
    forbidden: Mapping[str, str] = getattr(cls, "_forbidden", {})
    for key in table:
        if key in forbidden:
            raise where.err(None, forbidden[key])
        if key not in specs:
            raise where.unknown(key, specs)
    values: dict[str, Any] = {}
    for name, f in specs.items():
        if name not in table:
            if f.default is MISSING and f.default_factory is MISSING:
                raise where.err(None, f"missing required key {name!r}")
            continue
        spec: _Spec = f.metadata["cw"]
        value = table[name]
        if found := spec.type.mismatch(value):
            raise where.err(name, f"expected {spec.type.expected}, got {found}")
        if spec.type.convert:
            value = spec.type.convert(value, where.child(name))
        elif isinstance(value, list):
            value = tuple(value)
        for check in spec.checks:
            try:
                value = check(value)
            except ValueError as e:
                raise where.err(name, str(e)) from None
        values[name] = value
    try:
        return cls(**values)
    except ValueError as e:  # cross-field checks in __post_init__
        raise where.err(None, str(e)) from None


# ------------------------------------------------------------------------- checks


def _rule(ok: Callable[[Any], Any], msg: str) -> Check:
    """A check that keeps the value when ``ok(value)``; ``msg`` may use ``{v}``."""
    def run(v: Any) -> Any:
        if not ok(v):
            raise ValueError(msg.format(v=v))
        return v
    return run


def _is_http_url(s: str) -> bool:
    parts = urlsplit(s)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and s == s.strip()


_nonempty = _rule(lambda v: v.strip() if isinstance(v, str) else v, "must not be empty")
_ident = _rule(re.compile(r"[a-z0-9][a-z0-9_-]{0,63}").fullmatch,
               "invalid id {v!r}: use 1-64 of a-z 0-9 _ -, starting with a letter or digit")
_env_name = _rule(re.compile(r"[A-Za-z_][A-Za-z0-9_]*").fullmatch,
                  "invalid environment variable name {v!r}")
_http_url = _rule(_is_http_url, "expected an http:// or https:// URL, got {v!r}")


def _css(v: str) -> str:
    """A CSS selector the article reader can run (cssselect, on lxml's tree)."""
    from cssselect import HTMLTranslator, SelectorError

    try:
        HTMLTranslator().css_to_xpath(v)
    except SelectorError as exc:  # (ExpressionError included)
        raise ValueError(f"not a CSS selector the reader supports: {v!r} ({exc})") from None
    return v


_positive = _rule(lambda v: 0 < v < math.inf, "must be a finite number above 0, got {v:g}")
_not_negative = _rule(lambda v: 0 <= v < math.inf, "must be a finite number >= 0, got {v:g}")
_at_least_1 = _rule(lambda v: v >= 1, "must be at least 1, got {v}")


def _each(check: Check) -> Check:
    def run(values: tuple[Any, ...]) -> tuple[Any, ...]:
        out = []
        for i, v in enumerate(values):
            try:
                out.append(check(v))
            except ValueError as e:
                raise ValueError(f"item {i}: {e}") from None
        return tuple(out)
    return run


def _one_of(choices: Collection[str]) -> Check:
    def run(v: str) -> str:
        if v not in choices:
            raise ValueError(f"unknown value {v!r}{_suggest(v, choices)}; expected one of "
                             + ", ".join(map(repr, choices)))
        return v
    return run


def _duration(min_seconds: float) -> Check:
    def run(s: str) -> float:
        if (seconds := parse_duration(s)) < min_seconds:
            raise ValueError(f"duration {s!r} is too short: minimum is {min_seconds:g}s")
        return seconds
    return run


def _host_port(s: str) -> str:
    host, port = parse_host_port(s)
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _path(s: str) -> Path:
    return Path(_nonempty(s)).expanduser()


def _user_agent(s: str) -> str:
    """Sent as an HTTP header: printable ASCII on one line, 1-256 characters."""
    s = s.strip(" ")
    if not 1 <= len(s) <= 256:
        raise ValueError(f"must be 1 to 256 characters, got {len(s)}")
    bad = next((c for c in s if not " " <= c <= "~"), None)
    if bad is not None:
        raise ValueError(f"must be printable ASCII on one line (an HTTP header), found {bad!r}")
    return s


# ------------------------------------------------------------------------ sections

@_section
class StorageConfig:
    path: Path = _f(STR, _path, default=DEFAULT_DB)  # relative -> config file's dir


@_section
class TelegramConfig:
    _forbidden: ClassVar[Mapping[str, str]] = {"token": _TOKEN_IN_FILE}
    token_env: str = _f(STR, _env_name, default=DEFAULT_TOKEN_ENV)
    base_url: str = _f(STR, _http_url, default="https://api.telegram.org/bot")
    admins: tuple[int, ...] = _f(INTS, _each(_at_least_1), default=())  # user ids
    rate_limit: float = _f(NUM, _positive, default=30.0)  # messages per second, all chats together
    group_rate_limit: float = _f(NUM, _positive, default=20.0)  # messages per minute to one group
    per_chat_interval: float = _f(NUM, _not_negative, default=1.0)  # seconds between messages to one chat

    def token(self, env: Mapping[str, str]) -> str:
        """The bot token from ``env`` (e.g. ``os.environ``); ``ConfigError`` when unset."""
        value = env.get(self.token_env, "").strip()
        if not value:
            raise ConfigError(f"telegram bot token missing: environment variable {self.token_env} "
                              "is not set (telegram.token_env)")
        return value


@_section
class FetchConfig:
    user_agent: str = _f(STR, _user_agent, default=DEFAULT_USER_AGENT)
    allow_private_hosts: tuple[str, ...] = _f(STRS, _each(_host_port), default=())
    timeout: float = _f(NUM, _positive, default=20.0)
    max_bytes: int = _f(INT, _at_least_1, default=5_000_000)
    per_host_concurrency: int = _f(INT, _at_least_1, default=2)
    politeness_delay: float = _f(NUM, _not_negative, default=1.0)
    respect_robots: bool = _f(BOOL, default=True)
    retries: int = _f(INT, _rule(lambda v: 0 <= v <= 10, "must be from 0 to 10, got {v}"), default=2)
    # article text longer than this is cut at a paragraph end (and the article marked truncated)
    max_article_chars: int = _f(INT, _rule(lambda v: 1_000 <= v <= 10_000_000,
                                           "must be from 1000 to 10000000, got {v}"), default=200_000)


@_section
class TrackingConfig:
    conflict_window: float = _f(DURATION, _duration(1), default=parse_duration("48h"))
    # per article: figures tracked (the rest only stored) and alerts raised (the rest kept silent)
    max_figures_per_article: int = _f(INT, _rule(lambda v: 1 <= v <= 10_000, "must be from 1 to 10000, got {v}"),
                                      default=60)
    max_alerts_per_article: int = _f(INT, _rule(lambda v: 1 <= v <= 1_000, "must be from 1 to 1000, got {v}"),
                                     default=50)


@_section
class TopicConfig:
    id: str = _f(STR, _ident)
    keywords: tuple[str, ...] = _f(STRS, _nonempty, _each(_nonempty))
    name: str = _f(STR, _nonempty, default="")  # defaults to the id
    require_any: tuple[str, ...] = _f(STRS, _each(_nonempty), default=())
    exclude: tuple[str, ...] = _f(STRS, _each(_nonempty), default=())  # any of these keeps an article out
    lang: tuple[str, ...] = _f(STRS, _nonempty, _each(_one_of(LANGS)), default=LANGS)
    # whose figures the story counts ("North Korea"): a figure that names no actor is the subject's
    subject: str | None = _f(STR, _nonempty, default=None)

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.id)


@_section
class SourceConfig:
    id: str = _f(STR, _ident)
    kind: str = _f(STR, _nonempty)  # validated by the scrapers registry
    url: str | None = _f(STR, _http_url, default=None)  # required unless kind == "search"
    topics: tuple[str, ...] = _f(STRS, default=())  # empty: not tied to specific topics
    interval: float = _f(DURATION, _duration(10), default=parse_duration("15m"))
    profile: str | None = _f(STR, default=None)  # name of a [[profiles]] entry
    options: Mapping[str, Any] = _f(TABLE, factory=lambda: MappingProxyType({}), hashable=False)
    name: str | None = _f(STR, _nonempty, default=None)  # the outlet, as alerts name it
    # the first poll (and the first after a new topic) records what is there without alerting
    baseline: bool = _f(BOOL, default=True)
    max_age: float = _f(DURATION, _duration(60), default=parse_duration("3d"))  # older articles never alert

    def __post_init__(self) -> None:
        if self.url is None and self.kind != "search":
            raise ValueError(f"missing required key 'url' (needed by kind {self.kind!r})")


@_section
class ProfileConfig:
    name: str = _f(STR, _ident)
    match: tuple[str, ...] = _f(STRS, _nonempty, _each(_nonempty))  # host suffixes
    body: str = _f(STR, _nonempty, _css)  # CSS selectors from here on
    title: str = _f(STR, _nonempty, _css, default="h1")
    date: str | None = _f(STR, _nonempty, _css, default=None)
    drop: tuple[str, ...] = _f(STRS, _each(_nonempty), _each(_css), default=())


@_section
class _Words:  # the [[concepts]] words table; becomes a mapping lang -> words
    id: tuple[str, ...] = _f(STRS, _each(_nonempty), default=())
    en: tuple[str, ...] = _f(STRS, _each(_nonempty), default=())


def _words_map(w: _Words) -> Mapping[str, tuple[str, ...]]:
    if not (w.id or w.en):
        raise ValueError("list at least one word under 'id' or 'en'")
    return MappingProxyType({lang: getattr(w, lang) for lang in LANGS if getattr(w, lang)})


@_section
class ConceptConfig:
    key: str = _f(STR, _ident)
    words: Mapping[str, tuple[str, ...]] = _f(_table_of(_Words), _words_map, hashable=False)


@_section
class ActorConfig:
    name: str = _f(STR, _nonempty)
    kind: str = _f(STR, _one_of(ACTOR_KINDS))
    side: str | None = _f(STR, _nonempty, default=None)
    aliases: tuple[str, ...] = _f(STRS, _each(_nonempty), default=())


@_section
class OpsConfig:
    # /healthz and /metrics of `claimwatch run` on this address ("127.0.0.1:9464"); unset: off
    listen: str | None = _f(STR, _host_port, default=None)
    max_backlog_age: float = _f(DURATION, _duration(1), default=parse_duration("30m"))  # health: oldest due delivery
    max_telegram_silence: float = _f(DURATION, _duration(1), default=parse_duration("10m"))  # health: while `run` holds the db


@_section
class Config:
    _forbidden: ClassVar[Mapping[str, str]] = {"token": _TOKEN_IN_FILE}
    storage: StorageConfig = _f(_table_of(StorageConfig), factory=StorageConfig)
    telegram: TelegramConfig = _f(_table_of(TelegramConfig), factory=TelegramConfig)
    fetch: FetchConfig = _f(_table_of(FetchConfig), factory=FetchConfig)
    tracking: TrackingConfig = _f(_table_of(TrackingConfig), factory=TrackingConfig)
    topics: tuple[TopicConfig, ...] = _f(_array_of(TopicConfig, "id"), default=())
    sources: tuple[SourceConfig, ...] = _f(_array_of(SourceConfig, "id"), default=())
    profiles: tuple[ProfileConfig, ...] = _f(_array_of(ProfileConfig, "name"), default=())
    concepts: tuple[ConceptConfig, ...] = _f(_array_of(ConceptConfig, "key"), default=())
    actors: tuple[ActorConfig, ...] = _f(_array_of(ActorConfig, "name"), default=())
    ops: OpsConfig = _f(_table_of(OpsConfig), factory=OpsConfig)
    path: Path | None = None  # the file it came from; None for default_config()

    def __post_init__(self) -> None:
        for section, key in (("topics", "id"), ("sources", "id"), ("profiles", "name"),
                             ("concepts", "key"), ("actors", "name")):
            _check_unique(section, key, getattr(self, section))
        topics = [t.id for t in self.topics]
        profiles = [p.name for p in self.profiles]
        for i, src in enumerate(self.sources):
            where = _label("sources", i, "id", src)
            for t in src.topics:
                if t not in topics:
                    raise ValueError(f"{where} topics: unknown topic {t!r}"
                                     f"{_suggest(t, topics) or ' (not defined in [[topics]])'}")
            if (p := src.profile) is not None and p not in profiles:
                raise ValueError(f"{where} profile: unknown profile {p!r}"
                                 f"{_suggest(p, profiles) or ' (not defined in [[profiles]])'}")

    def topic(self, id: str) -> TopicConfig | None:
        return next((t for t in self.topics if t.id == id), None)

    def source(self, id: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.id == id), None)

    def require_sources(self) -> None:
        if not self.sources:
            raise ConfigError(f"no [[sources]] defined in {self._origin()}: "
                              "scan needs at least one source")

    def require_topics(self) -> None:
        if not self.topics:
            raise ConfigError(f"no [[topics]] defined in {self._origin()}: "
                              "scan needs at least one topic")

    def _origin(self) -> str:
        return str(self.path) if self.path else "the built-in defaults (no config file)"


def _check_unique(section: str, key: str, items: Iterable[Any]) -> None:
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            raise ValueError(f"{_label(section, i, key, item)}: duplicate {key} {value!r} "
                             f"(first defined at [{section}][{seen[value]}])")
        seen[value] = i


# ------------------------------------------------------------------------- loading


def default_config() -> Config:
    """Every default, no file. ``storage.path`` stays relative (to the working directory)."""
    return Config()


def load_config(path: str | Path) -> Config:
    """Read and validate a TOML config file; every problem is a one-line ``ConfigError``."""
    label = str(path)
    file = Path(path).expanduser()
    try:
        with file.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{label}: config file not found") from None
    except OSError as e:
        raise ConfigError(f"{label}: cannot read config file: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{label}: invalid TOML: the file is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{label}: invalid TOML: {' '.join(str(e).split())}") from None
    file = file.resolve()
    config: Config = _build(Config, data, _Where(label))
    storage = config.storage
    if not storage.path.is_absolute():
        storage = replace(storage, path=file.parent / storage.path)
    return replace(config, storage=storage, path=file)
