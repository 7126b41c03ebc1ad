"""Raw bytes to text: detect binary data and legacy encodings instead of guessing UTF-8."""

from __future__ import annotations

import zlib

from charset_normalizer import from_bytes

# A text page has almost no control bytes; 10% in the first 4 KB means an image, PDF or archive.
# (Calibrated on the benchmark dumps, where no page exceeds 1%.)
_MAX_CONTROL_SHARE = 0.10
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


class UnusableInput(Exception):
    """Raised with a reason a person can act on; the caller turns it into a Rejected entry."""


def gunzip(data: bytes, *, max_bytes: int) -> bytes:
    """Decompress, refusing truncated streams and bombs larger than `max_bytes`."""
    decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise UnusableInput(f"corrupt gzip data ({exc}); re-download or re-compress the file") from exc
    if len(out) > max_bytes:
        raise UnusableInput(
            f"decompresses to more than {max_bytes / 1e6:.0f} MB, above the limit for one input; "
            "split it or raise --max-size"
        )
    if not decompressor.eof:
        raise UnusableInput("truncated gzip data (the stream ends early); re-download the file")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8, else the encoding charset-normalizer finds (e.g. Windows-1251)."""
    if not data.strip():
        raise UnusableInput("empty file: nothing to read")
    head = data[:4096]
    if b"\x00" in head and not _looks_utf16(head):
        raise UnusableInput("binary data, not a text page (NUL bytes); give a .txt, .html or .jsonl file")
    control = sum(head.count(bytes([c])) for c in _CONTROL)
    if control / len(head) > _MAX_CONTROL_SHARE:
        raise UnusableInput(
            f"binary data, not a text page ({control} control bytes in the first {len(head)}); "
            "give a .txt, .html or .jsonl file"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UnusableInput("undecodable text: no character encoding fits; save the page as UTF-8")
    return str(best)


def _looks_utf16(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff")


def read_gzip_file(data: bytes, *, max_bytes: int) -> bytes:
    """Gzip-aware read used by every format: `.gz` files and gzip content alike."""
    return gunzip(data, max_bytes=max_bytes) if is_gzip(data) else data



