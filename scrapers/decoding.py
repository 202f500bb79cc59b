"""Bounded decoding of compressed bodies: ``Content-Encoding`` layers and gzip files.

A body may be compressed more than once (``Content-Encoding: gzip, gzip``), and each deflate
layer can expand about 1000-fold, so a few kilobytes can stand for gigabytes. Here every layer is
decompressed incrementally (``zlib`` with ``max_length``: at most :data:`STEP` bytes of output per
call), and the output of *each* layer is counted against the cap before the next layer sees it.
Memory therefore stays at the cap plus a few small buffers, whatever the compression ratio.

Supported: ``gzip`` / ``x-gzip``, ``deflate`` (zlib-wrapped, or raw deflate as some servers send
it) and ``identity``. Anything else (``br``, ``zstd``, ``compress``, made-up names) is refused, as
is more than :data:`MAX_LAYERS` layers. Data after the end of a compressed stream is ignored and a
stream cut short yields what was decoded (as browsers do); corrupt data is an error.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence

__all__ = ["MAX_LAYERS", "STEP", "BodyDecoder", "DecodeError", "DecodeTooLarge", "decode_capped",
           "parse_encodings"]

MAX_LAYERS = 2  # Content-Encoding layers accepted (identity not counted)
STEP = 64 * 1024  # most bytes of output one decompress call may produce
_ALIASES = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


class DecodeError(ValueError):
    """The body cannot or will not be decoded (unknown or too many encodings, corrupt data)."""


class DecodeTooLarge(DecodeError):
    """A layer's output (or the raw body) went over the cap."""


def parse_encodings(header: str | None) -> list[str]:
    """The encodings of a ``Content-Encoding`` value, in the order they were applied (lower-case,
    ``identity`` dropped); :class:`DecodeError` for an unknown name or more than two layers."""
    names = [n.strip().lower() for n in (header or "").split(",")]
    names = [n for n in names if n and n != "identity"]
    for n in names:
        if n not in _ALIASES:
            raise DecodeError(f"unsupported content encoding {n!r}"[:120])
    if len(names) > MAX_LAYERS:
        raise DecodeError(f"too many content encodings: {', '.join(names)}"[:200])
    return names


def _is_zlib_header(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


class _Layer:
    """One compression layer, decoded incrementally in steps of at most ``STEP`` bytes."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.produced = 0
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS) if name == "gzip" else None
        self._head = b""  # deflate: the first bytes, until they tell zlib-wrapped from raw

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._d is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            self._d = zlib.decompressobj(zlib.MAX_WBITS if _is_zlib_header(data) else -zlib.MAX_WBITS)
        d = self._d
        while not d.eof:  # bytes after the end of the stream are ignored
            try:
                out = d.decompress(data, STEP)
            except zlib.error as exc:
                raise DecodeError(f"corrupt {self.name} data ({exc})") from None
            data = d.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < STEP:
                return  # input used up and nothing held back


class BodyDecoder:
    """Decode a body as it streams in, layer by layer, each layer's output capped at ``cap``.

    ``encodings`` is as :func:`parse_encodings` returns it (applied order; decoded in reverse).
    :meth:`feed` yields decoded pieces; over the cap it raises :class:`DecodeTooLarge`, or with
    ``truncate`` cuts the output at the cap and sets :attr:`full`. The raw input is capped too,
    so junk after the end of a stream cannot be read forever.
    """

    def __init__(self, encodings: Sequence[str], cap: int, *, truncate: bool = False) -> None:
        self.encodings = tuple(encodings)
        self.layers = [_Layer(_ALIASES[n]) for n in reversed(self.encodings)]
        self.cap = cap
        self.truncate = truncate
        self.raw = 0  # bytes fed
        self.size = 0  # bytes yielded
        self.full = False  # truncate: the cap was reached, read no more

    @property
    def decoded(self) -> int:
        """Bytes of fully decoded output so far, any part over the cap included."""
        return self.layers[-1].produced if self.layers else self.raw

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.full or not data:
            return
        self.raw += len(data)
        over = self.raw > self.cap and bool(self.layers)  # identity: the output check does it
        if over and not self.truncate:
            raise DecodeTooLarge(f"body exceeds the {self.cap}-byte limit (over max_bytes) before decoding")
        yield from self._through(0, data)
        self.full = self.full or over

    def _through(self, i: int, data: bytes) -> Iterator[bytes]:
        if i == len(self.layers):
            if self.size + len(data) > self.cap:
                self._over(self.encodings)
                data = data[: self.cap - self.size]
                self.full = True
            self.size += len(data)
            if data:
                yield data
            return
        layer = self.layers[i]
        for piece in layer.feed(data):
            layer.produced += len(piece)
            if layer.produced > self.cap:
                self._over(self.encodings[len(self.encodings) - 1 - i:])
                self.full = True
                return  # truncate: the inner layers' output so far is what we keep
            yield from self._through(i + 1, piece)
            if self.full:
                return

    def _over(self, undone: Sequence[str]) -> None:
        if self.truncate:
            return
        how = f" once decoded from {', '.join(undone)}" if undone else ""
        raise DecodeTooLarge(f"body exceeds the {self.cap}-byte limit (over max_bytes){how}")


def decode_capped(data: bytes, encodings: Sequence[str], cap: int) -> bytes:
    """Decode a whole body (e.g. a ``.gz`` file) with the same bounds; :class:`DecodeError`."""
    dec = BodyDecoder(encodings, cap)
    out: list[bytes] = []
    for i in range(0, len(data), STEP):
        out.extend(dec.feed(data[i: i + STEP]))
    return b"".join(out)
