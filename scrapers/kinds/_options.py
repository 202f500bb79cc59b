"""Option parsing shared by the kinds, driven by each kind's ``Options`` dataclass.

A kind declares its options as a frozen dataclass. Each field's type says what TOML value it
takes (``int``, ``bool``, ``str``, ``float``, ``str | None``, ``tuple[str, ...]`` for a list of
strings); a field without a default is required; ``opt(default, check=fn, about="...")``
adds a value check (``fn`` returns the value, possibly normalised, or raises ``ValueError``) and a
line of help. Cross-field checks go in ``__post_init__`` and raise ``OptionsError``.

Every error is one line naming the option: unknown keys come with a suggestion.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, TypeVar

__all__ = [
    "OptionsError",
    "describe_options",
    "duration",
    "opt",
    "parse_duration",
    "parse_options",
    "positive_int",
    "suggest",
]

T = TypeVar("T")

_DURATION_PART = re.compile(r"(\d+)\s*([wdhms])")
_DURATION_FULL = re.compile(r"(?:\d+\s*[wdhms]\s*)+")
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
_TYPE_WORDS = {int: "an integer", bool: "true or false", str: "a string", float: "a number"}
MAX_ITEMS_CAP = 100_000


class OptionsError(ValueError):
    """A source's ``options`` table is wrong; the message is one line naming the option."""


def suggest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word`` (ignoring case, ``-`` and ``_``), if any is close."""
    names = list(choices)

    def norm(s: str) -> str:
        return re.sub(r"[-_\s]", "", s.lower())

    by_norm = {norm(n): n for n in names}
    if norm(word) in by_norm:
        return by_norm[norm(word)]
    close = difflib.get_close_matches(norm(word), list(by_norm), n=1, cutoff=0.6)
    return by_norm[close[0]] if close else None


def parse_duration(text: str) -> timedelta:
    """``"2d"``, ``"6h"``, ``"30m"``, ``"45s"``, ``"1w"`` or combinations such as ``"1h30m"``."""
    if not isinstance(text, str):
        raise ValueError(f"expected a duration string such as '2d', got {type(text).__name__}")
    s = text.strip().lower()
    if not _DURATION_FULL.fullmatch(s):
        raise ValueError(f"not a duration: {text!r} (use e.g. '2d', '6h', '30m', '1h30m')")
    seconds = sum(int(n) * _UNIT_SECONDS[u] for n, u in _DURATION_PART.findall(s))
    if seconds <= 0:
        raise ValueError(f"duration must be positive, got {text!r}")
    if seconds > 3650 * 86400:
        raise ValueError(f"duration too long: {text!r} (at most ten years)")
    return timedelta(seconds=seconds)


def duration(value: str) -> str:
    """Field check: a valid duration string (kept as written)."""
    parse_duration(value)
    return value.strip()


def positive_int(value: int) -> int:
    """Field check: 1 ≤ value ≤ 100,000."""
    if value < 1:
        raise ValueError(f"must be at least 1, got {value}")
    if value > MAX_ITEMS_CAP:
        raise ValueError(f"must be at most {MAX_ITEMS_CAP}, got {value}")
    return value


def opt(default: Any = dataclasses.MISSING, *, check: Callable[[Any], Any] | None = None,
        about: str = "") -> Any:
    """A dataclass field with a value check and a help line."""
    meta = {"check": check, "help": about}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def _one_line(text: str) -> str:
    return " ".join(str(text).split()) or "invalid value"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, Mapping):
        return "table"
    return type(value).__name__


def _expected(tp: Any) -> str:
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return " or ".join(_expected(a) for a in inner)
    if origin is tuple:
        return "a list of strings"
    return _TYPE_WORDS.get(tp, getattr(tp, "__name__", str(tp)))


def _coerce(name: str, tp: Any, value: Any) -> Any:
    """``value`` checked against the field type ``tp`` (TOML's values, lists become tuples)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return None
        for a in args:
            if a is type(None):
                continue
            try:
                return _coerce(name, a, value)
            except OptionsError:
                pass
        raise OptionsError(f"option {name!r}: expected {_expected(tp)}, got {_type_name(value)}")
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise OptionsError(f"option {name!r}: expected a list of strings, got {_type_name(value)}")
        return tuple(_coerce(name, inner, v) for v in value)
    if tp is bool:
        ok = isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif tp is str:
        ok = isinstance(value, str)
    else:  # pragma: no cover - a kind declared a type this module does not know
        raise TypeError(f"option {name!r}: unsupported option type {tp!r}")
    if not ok:
        raise OptionsError(f"option {name!r}: expected {_expected(tp)}, got {_type_name(value)}")
    return value


def parse_options(cls: type[T], raw: Mapping[str, Any] | None) -> T:
    """Build ``cls`` (a kind's ``Options`` dataclass) from a TOML table, or raise ``OptionsError``."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise OptionsError(f"options must be a table, got {_type_name(raw)}")
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    hints = typing.get_type_hints(cls)
    for key in raw:
        if not isinstance(key, str) or key not in fields:
            hint = suggest(str(key), fields)
            if hint:
                raise OptionsError(f"unknown option {str(key)!r} (did you mean {hint!r}?)")
            known = ", ".join(sorted(fields)) or "none"
            raise OptionsError(f"unknown option {str(key)!r}; known options: {known}")
    values: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise OptionsError(f"missing required option {name!r}")
            continue
        value = _coerce(name, hints[name], raw[name])
        check = f.metadata.get("check")
        if check is not None and value is not None:
            try:
                value = check(value)
            except (ValueError, TypeError) as exc:
                raise OptionsError(f"option {name!r}: {_one_line(str(exc))}") from None
        values[name] = value
    try:
        return cls(**values)
    except OptionsError:
        raise
    except (ValueError, TypeError) as exc:
        raise OptionsError(_one_line(str(exc))) from None


def describe_options(cls: type) -> list[tuple[str, str, str, str]]:
    """(name, expected type, default or "required", help) per option, for /help and docs."""
    hints = typing.get_type_hints(cls)
    rows = []
    for f in dataclasses.fields(cls):
        if f.default is dataclasses.MISSING:
            default = "required"
        else:
            default = "none" if f.default is None else repr(f.default).replace("'", '"')
            if isinstance(f.default, bool):
                default = str(f.default).lower()
            elif isinstance(f.default, tuple):
                default = "[" + ", ".join(f'"{v}"' for v in f.default) + "]"
        expected = "a duration" if f.metadata.get("check") is duration else _expected(hints[f.name])
        rows.append((f.name, expected, default, str(f.metadata.get("help", ""))))
    return rows
